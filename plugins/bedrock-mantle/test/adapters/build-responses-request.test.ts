import { describe, expect, it } from "vitest";
import type { ChatRequest, ModelDefinition } from "@bedrock-kit/plugin-host";
import { buildResponsesRequest } from "../../src/adapters/index.js";
import { HELLO, RESPONSES_MODEL } from "./fake-mantle-transport.js";

const body = (request: ChatRequest, model: ModelDefinition = RESPONSES_MODEL, stream = true) =>
  JSON.parse(buildResponsesRequest(model, request, { stream }).body) as Record<string, unknown>;

describe("buildResponsesRequest", () => {
  it("sends store: false by default, max_output_tokens and input items, to /responses", () => {
    const request = buildResponsesRequest(RESPONSES_MODEL, { ...HELLO, system: "Be brief." }, { stream: true });
    expect(request.path).toBe("/responses");
    expect(request.headers.accept).toBe("text/event-stream");
    expect(JSON.parse(request.body)).toEqual({
      model: "openai.gpt-5.5",
      input: [{ type: "message", role: "user", content: "Hello" }],
      stream: true,
      instructions: "Be brief.",
      store: false,
      max_output_tokens: 12288,
    });
    expect(body(HELLO, RESPONSES_MODEL, false).stream).toBe(false);
  });

  it("continues a stored response only when asked, and then stores this one too", () => {
    const continued = body({ ...HELLO, previousResponseId: "resp_123" });
    expect(continued).toMatchObject({ previous_response_id: "resp_123", store: true });
    expect(body({ ...HELLO, store: true })).toMatchObject({ store: true });
    expect(body({ ...HELLO, store: true })).not.toHaveProperty("previous_response_id");
    expect(body({ ...HELLO, previousResponseId: "resp_123", store: false }).store).toBe(false);
  });

  it("sends reasoning effort with summary only where the model supports summaries", () => {
    expect(body({ ...HELLO, reasoning: "high" }).reasoning).toEqual({ effort: "high", summary: "auto" });
    const gptOss: ModelDefinition = { ...RESPONSES_MODEL, wireId: "openai.gpt-oss-120b", baseUrl: "https://bedrock-mantle.us-east-1.api.aws/v1", compat: {} };
    expect(body({ ...HELLO, reasoning: "low" }, gptOss).reasoning).toEqual({ effort: "low" });
    expect(body(HELLO)).not.toHaveProperty("reasoning");
  });

  it("drops sampling the model rejects and refuses stop sequences", () => {
    expect(body({ ...HELLO, temperature: 0.5, topP: 0.5 })).not.toHaveProperty("temperature");
    expect(body({ ...HELLO, temperature: 0.5, topP: 0.5 }).top_p).toBe(0.5);
    expect(body({ ...HELLO, temperature: 0.5 }, { ...RESPONSES_MODEL, compat: {} }).temperature).toBe(0.5);
    expect(() => body({ ...HELLO, stop: ["END"] })).toThrow(expect.objectContaining({ code: "invalid-request" }));
  });

  it("sends function tools (strict only when asked), tool_choice and text.format", () => {
    const sent = body({
      ...HELLO,
      tools: [{ name: "get_weather", description: "Weather", parameters: { type: "object" } }, { name: "lookup", parameters: { type: "object" }, strict: true }],
      toolChoice: { name: "lookup" },
      responseFormat: { type: "json-schema", name: "person", schema: { type: "object" } },
    });
    expect(sent.tools).toEqual([
      { type: "function", name: "get_weather", description: "Weather", parameters: { type: "object" }, strict: false },
      { type: "function", name: "lookup", parameters: { type: "object" }, strict: true },
    ]);
    expect(sent.tool_choice).toEqual({ type: "function", name: "lookup" });
    expect(sent.text).toEqual({ format: { type: "json_schema", name: "person", schema: { type: "object" } } });
  });

  it("refuses tool types other than function before sending", () => {
    const attempt = () => body({ ...HELLO, providerOptions: { openai: { tools: [{ type: "web_search" }] } } });
    expect(attempt).toThrow(expect.objectContaining({ code: "invalid-request", message: expect.stringContaining('"web_search"') }));
    expect(() => body({ ...HELLO, providerOptions: { openai: { tools: [{ type: "function", name: "x", parameters: {} }] } } })).not.toThrow();
  });

  it("merges providerOptions.openai verbatim", () => {
    expect(body({ ...HELLO, providerOptions: { openai: { include: ["reasoning.encrypted_content"], service_tier: "default" } } })).toMatchObject({
      include: ["reasoning.encrypted_content"],
      service_tier: "default",
    });
  });

  it("converts the conversation to message, function_call and function_call_output items", () => {
    const sent = body({
      messages: [
        { role: "user", content: [{ type: "text", text: "Look" }, { type: "image", mediaType: "image/webp", data: "UklGRg==" }] },
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "plain thoughts, not replayable" },
            { type: "reasoning", text: "summary", signature: "rs_1", redacted: "gAAAAB-encrypted" },
            { type: "text", text: "Calling." },
            { type: "tool-call", id: "call_1", name: "get_weather", arguments: { city: "Oslo" } },
          ],
        },
        {
          role: "tool",
          content: [
            { type: "tool-result", toolCallId: "call_1", content: "-2°C" },
            { type: "tool-result", toolCallId: "call_2", content: [{ type: "image", mediaType: "image/png", data: "iVBO" }] },
          ],
        },
        { role: "assistant", content: "Cold." },
      ],
    });
    expect(sent.input).toMatchInlineSnapshot(`
      [
        {
          "content": [
            {
              "text": "Look",
              "type": "input_text",
            },
            {
              "image_url": "data:image/webp;base64,UklGRg==",
              "type": "input_image",
            },
          ],
          "role": "user",
          "type": "message",
        },
        {
          "encrypted_content": "gAAAAB-encrypted",
          "id": "rs_1",
          "summary": [
            {
              "text": "summary",
              "type": "summary_text",
            },
          ],
          "type": "reasoning",
        },
        {
          "content": "Calling.",
          "role": "assistant",
          "type": "message",
        },
        {
          "arguments": "{"city":"Oslo"}",
          "call_id": "call_1",
          "name": "get_weather",
          "type": "function_call",
        },
        {
          "call_id": "call_1",
          "output": "-2°C",
          "type": "function_call_output",
        },
        {
          "call_id": "call_2",
          "output": [
            {
              "image_url": "data:image/png;base64,iVBO",
              "type": "input_image",
            },
          ],
          "type": "function_call_output",
        },
        {
          "content": "Cold.",
          "role": "assistant",
          "type": "message",
        },
      ]
    `);
  });
});
