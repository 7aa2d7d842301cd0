import { describe, expect, it } from "vitest";
import {
  anthropicErrorCode,
  ChatCompletionsEventMapper,
  createMantleStreamDecoder,
  createAnthropicMessagesStreamDecoder,
  createChatCompletionsStreamDecoder,
  createResponsesStreamDecoder,
  mapAnthropicStopReason,
  openAiErrorCode,
  parseToolCallArguments,
  type MantleStreamDecoder,
} from "../../src/adapters/index.js";
import { decodeChunks, plainEvents } from "./fake-mantle-transport.js";

/** SSE text from [event name, data] pairs (data objects are JSON-encoded). */
function sse(...events: Array<readonly [string | undefined, unknown]>): Buffer {
  return Buffer.from(
    events.map(([name, data]) => `${name === undefined ? "" : `event: ${name}\n`}data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`).join(""),
    "utf8",
  );
}
const chat = (...chunks: unknown[]) => sse(...chunks.map((chunk) => [undefined, chunk] as const));
const responses = (...events: Array<Record<string, unknown>>) => sse(...events.map((event) => [String(event.type), event] as const));
const anthropic = (...events: Array<Record<string, unknown>>) => sse(...events.map((event) => [String(event.type), event] as const));
const decode = (create: () => MantleStreamDecoder, bytes: Buffer) => plainEvents(decodeChunks(create, [bytes]));
const delta = (value: Record<string, unknown>, finish: string | null = null) => ({ choices: [{ index: 0, delta: value, finish_reason: finish }] });

describe("Chat Completions mapping", () => {
  it("reads reasoning from delta.reasoning as well as delta.reasoning_content", () => {
    const events = decode(createChatCompletionsStreamDecoder, chat(delta({ reasoning: "thinking" }), delta({ content: "ok" }, "stop"), "[DONE]"));
    expect(events.slice(0, 2)).toEqual([
      { type: "reasoning-delta", index: 0, text: "thinking" },
      { type: "text-delta", index: 1, text: "ok" },
    ]);
  });

  it("keeps tool calls apart when a server omits index, and parses arguments once at the finish", () => {
    const events = decode(
      createChatCompletionsStreamDecoder,
      chat(
        delta({ tool_calls: [{ id: "a", function: { name: "one", arguments: '{"x":' } }] }),
        delta({ tool_calls: [{ function: { arguments: "1}" } }] }),
        delta({ tool_calls: [{ id: "b", function: { name: "two", arguments: "" } }] }),
        delta({}, "tool_calls"),
        "[DONE]",
      ),
    );
    expect(events.filter((event) => (event as { type: string }).type === "tool-call")).toEqual([
      { type: "tool-call", index: 0, id: "a", name: "one", arguments: { x: 1 } },
      { type: "tool-call", index: 1, id: "b", name: "two", arguments: {} },
    ]);
  });

  it("delivers arguments that are not JSON as the raw string", () => {
    const events = decode(
      createChatCompletionsStreamDecoder,
      chat(delta({ tool_calls: [{ index: 0, id: "c", function: { name: "f", arguments: '{"a": tru' } }] }, "tool_calls"), "[DONE]"),
    );
    expect(events[1]).toEqual({ type: "tool-call", index: 0, id: "c", name: "f", arguments: '{"a": tru' });
    expect(parseToolCallArguments('"just a string"')).toBe('"just a string"');
    expect(parseToolCallArguments("  ")).toEqual({});
  });

  it("reports a refusal as text and a content-filter finish; tool calls with stop as tool-calls", () => {
    const refused = decode(createChatCompletionsStreamDecoder, chat(delta({ refusal: "I can't help with that." }, "stop"), "[DONE]"));
    expect(refused[0]).toEqual({ type: "text-delta", index: 0, text: "I can't help with that." });
    expect(refused[1]).toMatchObject({ type: "finish", reason: "content-filter" });
    const called = decode(createChatCompletionsStreamDecoder, chat(delta({ tool_calls: [{ index: 0, id: "t", function: { name: "f", arguments: "{}" } }] }, "stop"), "[DONE]"));
    expect(called.at(-1)).toMatchObject({ type: "finish", reason: "tool-calls" });
  });

  it("normalizes usage: cached and cache-written tokens leave input", () => {
    const events = decode(
      createChatCompletionsStreamDecoder,
      chat(delta({ content: "x" }, "stop"), { choices: [], usage: { prompt_tokens: 1000, completion_tokens: 7, prompt_tokens_details: { cached_tokens: 600, cache_write_tokens: 300 } } }, "[DONE]"),
    );
    expect(events.at(-1)).toEqual({ type: "finish", reason: "stop", usage: { input: 100, output: 7, cacheRead: 600, cacheWrite: 300 } });
  });

  it("finishes as other when [DONE] comes without a finish_reason, and ignores anything after [DONE]", () => {
    const events = decode(createChatCompletionsStreamDecoder, chat(delta({ content: "x" }), "[DONE]", delta({ content: "late" })));
    expect(events).toEqual([
      { type: "text-delta", index: 0, text: "x" },
      { type: "finish", reason: "other", usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 } },
    ]);
  });

  it("turns an event that is not JSON into stream-corrupt and stops", () => {
    const events = decode(createChatCompletionsStreamDecoder, chat(delta({ content: "x" }), "{not json", delta({ content: "y" }), "[DONE]"));
    expect(events).toEqual([
      { type: "text-delta", index: 0, text: "x" },
      { type: "error", code: "stream-corrupt", message: "An event's data is not valid JSON (9 characters).", retryable: true },
    ]);
  });

  it("maps in-band OpenAI-style errors to codes", () => {
    const codeOf = (error: unknown) => (decode(createChatCompletionsStreamDecoder, chat({ error }))[0] as { code: string }).code;
    expect(codeOf({ message: "slow down", type: "rate_limit_error", code: "rate_limit_exceeded" })).toBe("throttled");
    expect(codeOf({ message: "too long", code: "context_length_exceeded" })).toBe("context-overflow");
    expect(codeOf({ message: "busy", code: 429 })).toBe("throttled");
    expect(codeOf("backend exploded")).toBe("unavailable");
    expect(openAiErrorCode("access_denied", "permission_denied_error")).toBe("access-denied");
    expect(openAiErrorCode(undefined, "invalid_request_error")).toBe("invalid-request");
    expect(openAiErrorCode("model_not_found", undefined)).toBe("model-not-found");
  });
});

describe("Responses mapping", () => {
  const created = { type: "response.created", response: { id: "resp_9" } };
  const completed = (usage: unknown = null) => ({ type: "response.completed", response: { id: "resp_9", status: "completed", usage } });

  it("maps reasoning_text deltas (gpt-oss) and exposes the response id", () => {
    const decoder = createResponsesStreamDecoder();
    decoder.feed(responses(created, { type: "response.reasoning_text.delta", output_index: 0, content_index: 0, delta: "hmm" }, completed()));
    decoder.end();
    expect(plainEvents(decoder.events)[0]).toEqual({ type: "reasoning-delta", index: 0, text: "hmm" });
    expect(decoder.responseId).toBe("resp_9");
  });

  it("emits encrypted reasoning for replay when the item carries it", () => {
    const events = decode(
      createResponsesStreamDecoder,
      responses(created, { type: "response.output_item.done", output_index: 0, item: { id: "rs_1", type: "reasoning", summary: [], encrypted_content: "gAAA" } }, completed()),
    );
    expect(events[0]).toEqual({ type: "reasoning-delta", index: 0, text: "", redacted: "gAAA", signature: "rs_1" });
  });

  it("completes a function call once, from output_item.done when no arguments.done came", () => {
    const item = { id: "fc_1", type: "function_call", call_id: "call_1", name: "f", arguments: "" };
    const events = decode(
      createResponsesStreamDecoder,
      responses(
        { type: "response.output_item.added", output_index: 0, item },
        { type: "response.function_call_arguments.delta", output_index: 0, item_id: "fc_1", delta: '{"q":1}' },
        { type: "response.output_item.done", output_index: 0, item: { ...item, arguments: '{"q":1}' } },
        completed({ input_tokens: 50, input_tokens_details: { cached_tokens: 10, cache_write_tokens: 5 }, output_tokens: 3 }),
      ),
    );
    expect(events).toEqual([
      { type: "tool-call-delta", index: 0, id: "call_1", name: "f", argumentsDelta: '{"q":1}' },
      { type: "tool-call", index: 0, id: "call_1", name: "f", arguments: { q: 1 } },
      { type: "finish", reason: "tool-calls", usage: { input: 35, output: 3, cacheRead: 10, cacheWrite: 5 } },
    ]);
  });

  it("treats arguments for an unannounced call as stream-corrupt", () => {
    const events = decode(createResponsesStreamDecoder, responses({ type: "response.function_call_arguments.delta", output_index: 3, delta: "{" }));
    expect(events[0]).toMatchObject({ type: "error", code: "stream-corrupt" });
  });

  it("maps response.failed and response.incomplete reasons", () => {
    const failed = decode(
      createResponsesStreamDecoder,
      responses({ type: "response.failed", response: { id: "resp_9", status: "failed", error: { code: "rate_limit_exceeded", message: "Too many tokens" } } }),
    );
    expect(failed).toEqual([{ type: "error", code: "throttled", message: "Upstream error: Too many tokens", retryable: true }]);
    const other = decode(createResponsesStreamDecoder, responses({ type: "response.incomplete", response: { incomplete_details: { reason: "something_new" } } }));
    expect(other[0]).toMatchObject({ type: "finish", reason: "other" });
  });
});

describe("Anthropic Messages mapping", () => {
  it("maps every documented error type", () => {
    expect(
      ["overloaded_error", "rate_limit_error", "invalid_request_error", "authentication_error", "permission_error", "not_found_error", "api_error", "something_new"].map(
        anthropicErrorCode,
      ),
    ).toEqual(["unavailable", "throttled", "invalid-request", "auth", "access-denied", "model-not-found", "unavailable", "unavailable"]);
    const events = decode(createAnthropicMessagesStreamDecoder, anthropic({ type: "error", error: { type: "rate_limit_error", message: "Too many tokens" } }));
    expect(events).toEqual([{ type: "error", code: "throttled", message: "Upstream rate_limit_error: Too many tokens", retryable: true }]);
  });

  it("maps stop reasons", () => {
    expect(["end_turn", "stop_sequence", "max_tokens", "tool_use", "refusal", "pause_turn", "model_context_window_exceeded", undefined].map(mapAnthropicStopReason)).toEqual([
      "stop",
      "stop",
      "length",
      "tool-calls",
      "content-filter",
      "other",
      "length",
      "other",
    ]);
  });

  it("emits redacted thinking, a tool call without input as {}, and later usage over earlier", () => {
    const events = decode(
      createAnthropicMessagesStreamDecoder,
      anthropic(
        { type: "message_start", message: { usage: { input_tokens: 5, output_tokens: 1 } } },
        { type: "content_block_start", index: 0, content_block: { type: "redacted_thinking", data: "opaque==" } },
        { type: "content_block_stop", index: 0 },
        { type: "content_block_start", index: 1, content_block: { type: "tool_use", id: "toolu_1", name: "now", input: {} } },
        { type: "content_block_stop", index: 1 },
        { type: "message_delta", delta: { stop_reason: "tool_use" }, usage: { output_tokens: 9, input_tokens: 6, cache_read_input_tokens: 100 } },
        { type: "message_stop" },
      ),
    );
    expect(events).toEqual([
      { type: "reasoning-delta", index: 0, text: "", redacted: "opaque==" },
      { type: "tool-call", index: 1, id: "toolu_1", name: "now", arguments: {} },
      { type: "finish", reason: "tool-calls", usage: { input: 6, output: 9, cacheRead: 100, cacheWrite: 0 } },
    ]);
  });

  it("treats input_json_delta outside a tool_use block as stream-corrupt", () => {
    const events = decode(
      createAnthropicMessagesStreamDecoder,
      anthropic({ type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: "{" } }),
    );
    expect(events[0]).toMatchObject({ type: "error", code: "stream-corrupt" });
  });
});

describe("framing limits", () => {
  it("reports an event larger than the cap as stream-corrupt instead of buffering it", () => {
    const decoder = createMantleStreamDecoder(new ChatCompletionsEventMapper(), { maxEventCharacters: 1024 });
    decoder.feed(Buffer.from(`data: {"choices":[{"index":0,"delta":{"content":"${"x".repeat(4096)}`, "utf8"));
    decoder.feed(Buffer.from('"}}]}\n\ndata: [DONE]\n\n', "utf8"));
    decoder.end();
    expect(plainEvents(decoder.events)).toEqual([
      { type: "error", code: "stream-corrupt", message: "An event exceeded 1024 characters.", retryable: true },
    ]);
  });
});
