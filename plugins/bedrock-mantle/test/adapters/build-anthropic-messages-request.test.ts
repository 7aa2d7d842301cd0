import { describe, expect, it } from "vitest";
import type { ChatRequest, ModelDefinition } from "@bedrock-kit/plugin-host";
import { buildAnthropicMessagesRequest, stripNullFields } from "../../src/adapters/index.js";
import { ADAPTIVE_CLAUDE_MODEL, CLAUDE_MODEL, HELLO } from "./fake-mantle-transport.js";

const body = (request: ChatRequest, model: ModelDefinition = CLAUDE_MODEL, stream = true) =>
  JSON.parse(buildAnthropicMessagesRequest(model, request, { stream }).body) as Record<string, unknown>;

const PLAIN_CLAUDE: ModelDefinition = { ...CLAUDE_MODEL, id: "claude-3-haiku", wireId: "anthropic.claude-3-haiku", reasoning: false };

describe("buildAnthropicMessagesRequest", () => {
  it("posts to /messages with the anthropic-version header and the anthropic. id in the body", () => {
    const request = buildAnthropicMessagesRequest(CLAUDE_MODEL, { ...HELLO, system: "Be brief." }, { stream: true });
    expect(request.path).toBe("/messages");
    expect(request.headers).toEqual({ "content-type": "application/json", accept: "text/event-stream", "anthropic-version": "2023-06-01" });
    expect(JSON.parse(request.body)).toEqual({
      model: "anthropic.claude-sonnet-4-5",
      max_tokens: 4096,
      messages: [{ role: "user", content: "Hello" }],
      stream: true,
      system: "Be brief.",
    });
    expect(body(HELLO, CLAUDE_MODEL, false).stream).toBe(false);
  });

  it("passes sampling and stop sequences, dropping temperature where the model rejects it", () => {
    expect(body({ ...HELLO, temperature: 0.3, topP: 0.8, stop: ["\n\nHuman:"] })).toMatchObject({ temperature: 0.3, top_p: 0.8, stop_sequences: ["\n\nHuman:"] });
    const sent = body({ ...HELLO, temperature: 0.3, topP: 0.8 }, ADAPTIVE_CLAUDE_MODEL);
    expect(sent).not.toHaveProperty("temperature");
    expect(sent).not.toHaveProperty("top_p");
  });

  it("enables thinking with a level's budget and raises max_tokens to fit, dropping temperature", () => {
    const sent = body({ ...HELLO, reasoning: "medium", temperature: 0.7 });
    expect(sent.thinking).toEqual({ type: "enabled", budget_tokens: 8192 });
    expect(sent.max_tokens).toBe(4096 + 8192);
    expect(sent).not.toHaveProperty("temperature");
    expect(body({ ...HELLO, reasoning: "minimal", maxTokens: 500 })).toMatchObject({ max_tokens: 1524, thinking: { type: "enabled", budget_tokens: 1024 } });
    // At the cap, the budget shrinks so the answer keeps room.
    expect(body({ ...HELLO, reasoning: "xhigh", maxTokens: 64_000 })).toMatchObject({ max_tokens: 64_000, thinking: { budget_tokens: 32_768 } });
    expect(body({ ...HELLO, reasoning: "high" }, { ...CLAUDE_MODEL, maxTokens: 8192 })).toMatchObject({
      max_tokens: 8192,
      thinking: { budget_tokens: 8192 - 1024 },
    });
    expect(() => body({ ...HELLO, reasoning: "low" }, { ...CLAUDE_MODEL, maxTokens: 1500 })).toThrow(
      expect.objectContaining({ code: "invalid-request" }),
    );
  });

  it("uses adaptive thinking and output_config.effort where the model rejects enabled", () => {
    const sent = body({ ...HELLO, reasoning: "high" }, ADAPTIVE_CLAUDE_MODEL);
    expect(sent.thinking).toEqual({ type: "adaptive" });
    expect(sent.output_config).toEqual({ effort: "high" });
    expect(sent.max_tokens).toBe(4096 + 16384);
    expect(body({ ...HELLO, reasoning: "xhigh" }, ADAPTIVE_CLAUDE_MODEL).output_config).toEqual({ effort: "max" });
    expect(body({ ...HELLO, reasoning: "minimal" }, ADAPTIVE_CLAUDE_MODEL).output_config).toEqual({ effort: "low" });
    const opus47 = { ...ADAPTIVE_CLAUDE_MODEL, compat: { ...ADAPTIVE_CLAUDE_MODEL.compat, reasoningEffortValues: { xhigh: "xhigh" } } };
    expect(body({ ...HELLO, reasoning: "xhigh" }, opus47).output_config).toEqual({ effort: "xhigh" });
  });

  it("sends no thinking for a model without reasoning, or when no level is asked", () => {
    expect(body({ ...HELLO, reasoning: "high" }, PLAIN_CLAUDE)).not.toHaveProperty("thinking");
    expect(body(HELLO)).not.toHaveProperty("thinking");
  });

  it("sends tools with input_schema, every tool_choice form, and a JSON schema output format", () => {
    const tools = [{ name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } }];
    expect(body({ ...HELLO, tools }).tools).toEqual([
      { name: "get_weather", description: "Weather", input_schema: { type: "object", properties: { city: { type: "string" } } } },
    ]);
    expect(body({ ...HELLO, tools, toolChoice: "auto" }).tool_choice).toEqual({ type: "auto" });
    expect(body({ ...HELLO, tools, toolChoice: "none" }).tool_choice).toEqual({ type: "none" });
    expect(body({ ...HELLO, tools, toolChoice: "required" }).tool_choice).toEqual({ type: "any" });
    expect(body({ ...HELLO, tools, toolChoice: { name: "get_weather" } }).tool_choice).toEqual({ type: "tool", name: "get_weather" });
    const structured = body({ ...HELLO, reasoning: "low", responseFormat: { type: "json-schema", name: "p", schema: { type: "object" } } }, ADAPTIVE_CLAUDE_MODEL);
    expect(structured.output_config).toEqual({ effort: "low", format: { type: "json_schema", schema: { type: "object" } } });
  });

  it("replays history as Bedrock accepts it", () => {
    const sent = body({
      messages: [
        { role: "user", content: [{ type: "text", text: "Weather and time?" }, { type: "image", mediaType: "image/png", data: "iVBO" }] },
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "unsigned thoughts are not replayable" },
            { type: "reasoning", text: "Two lookups.", signature: "sig-abc" },
            { type: "reasoning", text: "", redacted: "cmVkYWN0ZWQ=" },
            { type: "text", text: "" },
            { type: "tool-call", id: "toolu_1", name: "get_weather", arguments: { city: "Paris", unit: null } },
            { type: "tool-call", id: "toolu_2", name: "get_time", arguments: '{"broken":' },
          ],
        },
        { role: "tool", content: [{ type: "tool-result", toolCallId: "toolu_1", content: "18°C" }] },
        { role: "tool", content: [{ type: "tool-result", toolCallId: "toolu_2", content: [{ type: "text", text: "failed" }], isError: true }] },
        { role: "user", content: "Thanks. And tomorrow?" },
        { role: "assistant", content: [{ type: "reasoning", text: "only unsigned reasoning" }] },
        { role: "user", content: "Answer in JSON." },
        { role: "assistant", content: "{  \n" },
      ],
    });
    expect(sent.messages).toMatchInlineSnapshot(`
      [
        {
          "content": [
            {
              "text": "Weather and time?",
              "type": "text",
            },
            {
              "source": {
                "data": "iVBO",
                "media_type": "image/png",
                "type": "base64",
              },
              "type": "image",
            },
          ],
          "role": "user",
        },
        {
          "content": [
            {
              "signature": "sig-abc",
              "thinking": "Two lookups.",
              "type": "thinking",
            },
            {
              "data": "cmVkYWN0ZWQ=",
              "type": "redacted_thinking",
            },
            {
              "id": "toolu_1",
              "input": {
                "city": "Paris",
                "unit": null,
              },
              "name": "get_weather",
              "type": "tool_use",
            },
            {
              "id": "toolu_2",
              "input": {},
              "name": "get_time",
              "type": "tool_use",
            },
          ],
          "role": "assistant",
        },
        {
          "content": [
            {
              "content": "18°C",
              "tool_use_id": "toolu_1",
              "type": "tool_result",
            },
            {
              "content": [
                {
                  "text": "failed",
                  "type": "text",
                },
              ],
              "is_error": true,
              "tool_use_id": "toolu_2",
              "type": "tool_result",
            },
            {
              "text": "Thanks. And tomorrow?",
              "type": "text",
            },
            {
              "text": "Answer in JSON.",
              "type": "text",
            },
          ],
          "role": "user",
        },
        {
          "content": [
            {
              "text": "{",
              "type": "text",
            },
          ],
          "role": "assistant",
        },
      ]
    `);
  });

  it("never sends a null field, but keeps nulls inside tool inputs and schemas", () => {
    const request = buildAnthropicMessagesRequest(
      CLAUDE_MODEL,
      {
        ...HELLO,
        tools: [{ name: "t", parameters: { type: "object", properties: { x: { enum: ["a", null] } } } }],
        providerOptions: { anthropic: { metadata: { user_id: null }, top_k: null, service_tier: "auto" } },
      },
      { stream: true },
    );
    const sent = JSON.parse(request.body);
    expect(sent.metadata).toEqual({});
    expect(sent).not.toHaveProperty("top_k");
    expect(sent.service_tier).toBe("auto");
    expect(sent.tools[0].input_schema.properties.x.enum).toEqual(["a", null]);
    expect(stripNullFields({ a: null, b: [1, null, { c: undefined, d: 0 }], input: { keep: null } })).toEqual({ b: [1, { d: 0 }], input: { keep: null } });
  });

  it("refuses cache_control, server tools, MCP servers and containers before sending", () => {
    const refused = (anthropic: Record<string, unknown>) => () => body({ ...HELLO, providerOptions: { anthropic } });
    expect(refused({ system: [{ type: "text", text: "s", cache_control: { type: "ephemeral" } }] })).toThrow(
      expect.objectContaining({ code: "invalid-request", hint: expect.stringContaining("amazon-bedrock") }),
    );
    expect(refused({ tools: [{ type: "web_search_20250305", name: "web_search" }] })).toThrow(expect.objectContaining({ code: "invalid-request" }));
    expect(refused({ mcp_servers: [{ type: "url", url: "https://example.com" }] })).toThrow(expect.objectContaining({ code: "invalid-request" }));
    expect(refused({ container: "c_1" })).toThrow(expect.objectContaining({ code: "invalid-request" }));
    expect(refused({ tools: [{ name: "custom_one", input_schema: { type: "object" } }] })).not.toThrow();
  });
});
