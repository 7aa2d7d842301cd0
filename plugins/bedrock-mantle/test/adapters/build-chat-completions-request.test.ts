import { describe, expect, it } from "vitest";
import type { ChatRequest, ModelDefinition } from "@bedrock-kit/plugin-host";
import { buildChatCompletionsRequest } from "../../src/adapters/index.js";
import { CHAT_MODEL, HELLO } from "./fake-mantle-transport.js";

const body = (request: ChatRequest, model: ModelDefinition = CHAT_MODEL, stream = true) =>
  JSON.parse(buildChatCompletionsRequest(model, request, { stream }).body) as Record<string, unknown>;

const PLAIN_MODEL: ModelDefinition = { ...CHAT_MODEL, id: "mistral.mistral-large-3", wireId: "mistral.mistral-large-3", reasoning: false };

describe("buildChatCompletionsRequest", () => {
  it("streams with usage, to /chat/completions, with a realistic default max_tokens", () => {
    const request = buildChatCompletionsRequest(CHAT_MODEL, HELLO, { stream: true });
    expect(request.method).toBe("POST");
    expect(request.path).toBe("/chat/completions");
    expect(request.headers).toEqual({ "content-type": "application/json", accept: "text/event-stream" });
    expect(JSON.parse(request.body)).toEqual({
      model: "openai.gpt-oss-120b",
      messages: [{ role: "user", content: "Hello" }],
      stream: true,
      stream_options: { include_usage: true },
      // 4096 for the answer + 8192 for medium reasoning; never the model's 32768 cap.
      max_tokens: 12288,
    });
  });

  it("asks for JSON without stream_options when not streaming", () => {
    const request = buildChatCompletionsRequest(PLAIN_MODEL, HELLO, { stream: false });
    expect(request.headers.accept).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual({ model: "mistral.mistral-large-3", messages: [{ role: "user", content: "Hello" }], stream: false, max_tokens: 4096 });
  });

  it("caps the default at a small model's maximum and keeps an explicit maxTokens", () => {
    expect(body(HELLO, { ...PLAIN_MODEL, maxTokens: 2048 }).max_tokens).toBe(2048);
    expect(body({ ...HELLO, maxTokens: 777 }).max_tokens).toBe(777);
  });

  it("uses max_completion_tokens where the model requires it", () => {
    const model = { ...CHAT_MODEL, compat: { maxTokensField: "max_completion_tokens" } };
    const sent = body({ ...HELLO, maxTokens: 500 }, model);
    expect(sent.max_completion_tokens).toBe(500);
    expect(sent).not.toHaveProperty("max_tokens");
  });

  it("passes sampling and stop, and drops what the model rejects", () => {
    const request: ChatRequest = { ...HELLO, temperature: 0.2, topP: 0.9, stop: ["END"] };
    expect(body(request)).toMatchObject({ temperature: 0.2, top_p: 0.9, stop: ["END"] });
    const strict = body(request, { ...CHAT_MODEL, compat: { rejectsTemperature: true, rejectsTopP: true } });
    expect(strict).not.toHaveProperty("temperature");
    expect(strict).not.toHaveProperty("top_p");
    expect(strict.stop).toEqual(["END"]);
  });

  it("maps reasoning levels to reasoning_effort for reasoning models only", () => {
    expect(body({ ...HELLO, reasoning: "high" }).reasoning_effort).toBe("high");
    expect(body({ ...HELLO, reasoning: "minimal" }).reasoning_effort).toBe("low");
    expect(body({ ...HELLO, reasoning: "xhigh" }).reasoning_effort).toBe("high");
    const gpt56 = { ...CHAT_MODEL, compat: { reasoningEffortValues: { minimal: "minimal", xhigh: "xhigh" } } };
    expect(body({ ...HELLO, reasoning: "xhigh" }, gpt56).reasoning_effort).toBe("xhigh");
    expect(body({ ...HELLO, reasoning: "high" }, PLAIN_MODEL)).not.toHaveProperty("reasoning_effort");
    expect(body({ ...HELLO, reasoning: "high" }, { ...CHAT_MODEL, compat: { acceptsReasoningEffort: false } })).not.toHaveProperty("reasoning_effort");
    expect(body(HELLO)).not.toHaveProperty("reasoning_effort");
  });

  it("sends function tools, tool_choice and a json_schema response_format", () => {
    const sent = body({
      ...HELLO,
      tools: [
        { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } } } },
        { name: "get_time", parameters: { type: "object" }, strict: true },
      ],
      toolChoice: { name: "get_time" },
      responseFormat: { type: "json-schema", name: "person", schema: { type: "object" }, strict: true },
    });
    expect(sent.tools).toEqual([
      {
        type: "function",
        function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" } } } },
      },
      { type: "function", function: { name: "get_time", parameters: { type: "object" }, strict: true } },
    ]);
    expect(sent.tool_choice).toEqual({ type: "function", function: { name: "get_time" } });
    expect(sent.response_format).toEqual({ type: "json_schema", json_schema: { name: "person", schema: { type: "object" }, strict: true } });
    const tools = [{ name: "t", parameters: { type: "object" } }];
    expect(body({ ...HELLO, tools, toolChoice: "required" }).tool_choice).toBe("required");
    expect(body({ ...HELLO, tools, toolChoice: "none" }).tool_choice).toBe("none");
    expect(body({ ...HELLO, toolChoice: "none" })).not.toHaveProperty("tool_choice");
  });

  it("converts a conversation with images, tool calls, reasoning and tool results", () => {
    const sent = body({
      system: "Be brief.",
      messages: [
        { role: "user", content: [{ type: "text", text: "What is here?" }, { type: "image", mediaType: "image/png", data: "iVBORw0KGgo=" }] },
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "Need weather and a photo.", signature: "sig" },
            { type: "text", text: "Checking." },
            { type: "tool-call", id: "call_1", name: "get_weather", arguments: { city: "Paris" } },
            { type: "tool-call", id: "call_2", name: "snapshot", arguments: '{"broken":' },
          ],
        },
        {
          role: "tool",
          content: [
            { type: "tool-result", toolCallId: "call_1", content: "18°C" },
            { type: "tool-result", toolCallId: "call_2", content: [{ type: "text", text: "photo:" }, { type: "image", mediaType: "image/jpeg", data: "/9j/4AAQ" }] },
          ],
        },
        { role: "assistant", content: [{ type: "tool-call", id: "call_3", name: "get_time", arguments: {} }] },
      ],
    });
    expect(sent.messages).toMatchInlineSnapshot(`
      [
        {
          "content": "Be brief.",
          "role": "system",
        },
        {
          "content": [
            {
              "text": "What is here?",
              "type": "text",
            },
            {
              "image_url": {
                "url": "data:image/png;base64,iVBORw0KGgo=",
              },
              "type": "image_url",
            },
          ],
          "role": "user",
        },
        {
          "content": "Checking.",
          "role": "assistant",
          "tool_calls": [
            {
              "function": {
                "arguments": "{"city":"Paris"}",
                "name": "get_weather",
              },
              "id": "call_1",
              "type": "function",
            },
            {
              "function": {
                "arguments": "{"broken":",
                "name": "snapshot",
              },
              "id": "call_2",
              "type": "function",
            },
          ],
        },
        {
          "content": "18°C",
          "role": "tool",
          "tool_call_id": "call_1",
        },
        {
          "content": "photo:",
          "role": "tool",
          "tool_call_id": "call_2",
        },
        {
          "content": [
            {
              "text": "Images returned by the tool calls above:",
              "type": "text",
            },
            {
              "image_url": {
                "url": "data:image/jpeg;base64,/9j/4AAQ",
              },
              "type": "image_url",
            },
          ],
          "role": "user",
        },
        {
          "role": "assistant",
          "tool_calls": [
            {
              "function": {
                "arguments": "{}",
                "name": "get_time",
              },
              "id": "call_3",
              "type": "function",
            },
          ],
        },
      ]
    `);
  });

  it("merges providerOptions.openai verbatim, over the adapter's fields", () => {
    const sent = body({ ...HELLO, providerOptions: { openai: { seed: 7, max_tokens: 99, parallel_tool_calls: false }, anthropic: { ignored: true } } });
    expect(sent).toMatchObject({ seed: 7, max_tokens: 99, parallel_tool_calls: false });
    expect(sent).not.toHaveProperty("ignored");
  });
});
