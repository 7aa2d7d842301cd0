import { EventStreamCodec } from "@smithy/eventstream-codec";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { StreamEvent } from "@bedrock-kit/plugin-host";
import {
  ConverseEventMapper,
  EventStreamDecoder,
  dispatchConverseMessage,
  mapConverseException,
  mapConverseStopReason,
  type ConverseEventMapperOptions,
} from "../../src/wire/index.js";
import { SPLITS, fixtureBytes, splitBytes } from "./converse-test-helpers.js";

const textEncoder = new TextEncoder();
const codec = new EventStreamCodec(
  (bytes: Uint8Array) => new TextDecoder().decode(bytes),
  (text: string) => textEncoder.encode(text),
);

/** Decode and map a body the way the stream does (minus transport and metadata). */
function mapBytes(chunks: Uint8Array[], options: ConverseEventMapperOptions = {}): StreamEvent[] {
  const out: StreamEvent[] = [];
  const mapper = new ConverseEventMapper(options);
  const decoder = new EventStreamDecoder((message) => dispatchConverseMessage(message, mapper, out));
  try {
    for (const chunk of chunks) {
      decoder.push(chunk);
      if (mapper.terminated) return out;
    }
    decoder.end();
  } catch (error) {
    mapper.fail(error as never, out);
  }
  mapper.end(out);
  return out;
}

function mapEvents(events: Array<[string, Record<string, unknown>]>, options: ConverseEventMapperOptions = {}): StreamEvent[] {
  const out: StreamEvent[] = [];
  const mapper = new ConverseEventMapper(options);
  for (const [eventType, payload] of events) mapper.handleEvent(eventType, payload, out);
  mapper.end(out);
  return out;
}

const usage = (input: number, output: number) => ({ usage: { inputTokens: input, outputTokens: output, totalTokens: input + output } });

afterEach(() => {
  vi.restoreAllMocks();
});

describe("mapping the fixtures", () => {
  it("text: deltas then finish with usage", () => {
    expect(mapBytes([fixtureBytes("text.eventstream")])).toEqual([
      { type: "text-delta", index: 0, text: "Hello" },
      { type: "text-delta", index: 0, text: ", world" },
      { type: "text-delta", index: 0, text: "!" },
      { type: "finish", reason: "stop", usage: { input: 12, output: 5, cacheRead: 0, cacheWrite: 0 } },
    ]);
  });

  it("reasoning-with-signature: reasoning text, then its signature, then the answer; cache reads counted apart", () => {
    expect(mapBytes([fixtureBytes("reasoning-with-signature.eventstream")])).toEqual([
      { type: "reasoning-delta", index: 0, text: "Let me count the letters. " },
      { type: "reasoning-delta", index: 0, text: "There are three." },
      { type: "reasoning-delta", index: 0, text: "", signature: "EqQBCkgIBxABGAIiQJ5kQ0sUtCuKMJvB6hLJ8tZ0sig==" },
      { type: "text-delta", index: 1, text: "There are 3 r's in strawberry." },
      { type: "finish", reason: "stop", usage: { input: 40, output: 64, cacheRead: 2048, cacheWrite: 0 } },
    ]);
  });

  it("tool-call-metadata-first: finish waits for messageStop, arguments parsed at block end", () => {
    expect(mapBytes([fixtureBytes("tool-call-metadata-first.eventstream")])).toEqual([
      { type: "text-delta", index: 0, text: "I'll check the weather." },
      { type: "tool-call-delta", index: 1, id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", name: "get_weather", argumentsDelta: '{"city":' },
      { type: "tool-call-delta", index: 1, id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", name: "get_weather", argumentsDelta: ' "Paris", "unit"' },
      { type: "tool-call-delta", index: 1, id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", name: "get_weather", argumentsDelta: ': "celsius"}' },
      { type: "tool-call", index: 1, id: "tooluse_kZJMlvQmRJ6eAyJE5GIl7Q", name: "get_weather", arguments: { city: "Paris", unit: "celsius" } },
      { type: "finish", reason: "tool-calls", usage: { input: 380, output: 74, cacheRead: 0, cacheWrite: 0 } },
    ]);
  });

  it("parallel-tool-calls: both calls, in order", () => {
    const events = mapBytes([fixtureBytes("parallel-tool-calls.eventstream")]);
    expect(events.filter((event) => event.type === "tool-call")).toEqual([
      { type: "tool-call", index: 0, id: "tooluse_first", name: "get_weather", arguments: { city: "Paris" } },
      { type: "tool-call", index: 1, id: "tooluse_second", name: "get_time", arguments: { timezone: "Europe/Paris" } },
    ]);
    expect(events.at(-1)).toMatchObject({ type: "finish", reason: "tool-calls" });
  });

  it("throttling-exception: the text so far, then a retryable throttled error", () => {
    const events = mapBytes([fixtureBytes("throttling-exception.eventstream")]);
    expect(events[0]).toEqual({ type: "text-delta", index: 0, text: "Partial" });
    expect(events).toHaveLength(2);
    const last = events[1]!;
    expect(last.type).toBe("error");
    if (last.type !== "error") return;
    expect(last.error).toMatchObject({ code: "throttled", retryable: true, status: 429 });
    expect(last.error.message).toContain("Too many tokens");
  });

  it("model-stream-error: an unavailable error carrying the model's message", () => {
    const last = mapBytes([fixtureBytes("model-stream-error.eventstream")]).at(-1)!;
    expect(last.type).toBe("error");
    if (last.type !== "error") return;
    expect(last.error).toMatchObject({ code: "unavailable", retryable: true });
    expect(last.error.message).toContain("Model Stream Error (The model stream failed.)");
  });

  it("length-stop and guardrail map their stop reasons", () => {
    expect(mapBytes([fixtureBytes("length-stop.eventstream")]).at(-1)).toMatchObject({ type: "finish", reason: "length" });
    expect(mapBytes([fixtureBytes("guardrail.eventstream")]).at(-1)).toMatchObject({ type: "finish", reason: "content-filter" });
  });

  it.each([
    "text",
    "reasoning-with-signature",
    "tool-call-metadata-first",
    "parallel-tool-calls",
    "throttling-exception",
    "model-stream-error",
    "length-stop",
    "guardrail",
  ])("%s maps to identical events however the bytes are split", (name) => {
    const bytes = fixtureBytes(`${name}.eventstream`);
    const expected = mapBytes([bytes]);
    for (const split of SPLITS) expect(mapBytes(splitBytes(bytes, split.mode)), split.name).toEqual(expected);
  });
});

describe("ConverseEventMapper", () => {
  it("accepts text blocks that never had a contentBlockStart", () => {
    const events = mapEvents([
      ["messageStart", { role: "assistant" }],
      ["contentBlockDelta", { contentBlockIndex: 0, delta: { text: "a" } }],
      ["messageStop", { stopReason: "end_turn" }],
      ["metadata", usage(1, 1)],
    ]);
    expect(events[0]).toEqual({ type: "text-delta", index: 0, text: "a" });
  });

  it("finishes at the end of the body when messageStop came without metadata", () => {
    const events = mapEvents([
      ["contentBlockDelta", { contentBlockIndex: 0, delta: { text: "a" } }],
      ["messageStop", { stopReason: "stop_sequence" }],
    ]);
    expect(events.at(-1)).toEqual({ type: "finish", reason: "stop", usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 } });
  });

  it("reports stream-corrupt when the body ends before messageStop", () => {
    const events = mapEvents([["contentBlockDelta", { contentBlockIndex: 0, delta: { text: "a" } }]]);
    expect(events.at(-1)).toMatchObject({ type: "error", error: { code: "stream-corrupt" } });
  });

  it("parses tool arguments exactly once, from all fragments joined", () => {
    const fragments = Array.from({ length: 50 }, (_, index) => (index === 0 ? '{"n":"' : index === 49 ? 'x"}' : "x"));
    const parse = vi.spyOn(JSON, "parse");
    const events = mapEvents([
      ["contentBlockStart", { contentBlockIndex: 0, start: { toolUse: { toolUseId: "t1", name: "write" } } }],
      ...fragments.map((input): [string, Record<string, unknown>] => ["contentBlockDelta", { contentBlockIndex: 0, delta: { toolUse: { input } } }]),
      ["contentBlockStop", { contentBlockIndex: 0 }],
      ["messageStop", { stopReason: "tool_use" }],
      ["metadata", usage(1, 1)],
    ]);
    expect(parse).toHaveBeenCalledTimes(1);
    expect(events.filter((event) => event.type === "tool-call-delta")).toHaveLength(50);
    expect(events.find((event) => event.type === "tool-call")).toMatchObject({ arguments: { n: "x".repeat(49) } });
  });

  it("gives a tool called without input an empty object", () => {
    const events = mapEvents([
      ["contentBlockStart", { contentBlockIndex: 0, start: { toolUse: { toolUseId: "t1", name: "now" } } }],
      ["contentBlockStop", { contentBlockIndex: 0 }],
      ["messageStop", { stopReason: "tool_use" }],
    ]);
    expect(events[0]).toEqual({ type: "tool-call", index: 0, id: "t1", name: "now", arguments: {} });
  });

  it("completes a tool block the stream never closed before finishing", () => {
    const events = mapEvents([
      ["contentBlockStart", { contentBlockIndex: 2, start: { toolUse: { toolUseId: "t1", name: "now" } } }],
      ["contentBlockDelta", { contentBlockIndex: 2, delta: { toolUse: { input: '{"a":1}' } } }],
      ["messageStop", { stopReason: "tool_use" }],
      ["metadata", usage(1, 1)],
    ]);
    expect(events.slice(-2)).toEqual([
      { type: "tool-call", index: 2, id: "t1", name: "now", arguments: { a: 1 } },
      { type: "finish", reason: "tool-calls", usage: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 } },
    ]);
  });

  it("delivers arguments that are not JSON as the raw string (docs/adr/0401)", () => {
    const events = mapEvents([
      ["contentBlockStart", { contentBlockIndex: 0, start: { toolUse: { toolUseId: "t1", name: "write" } } }],
      ["contentBlockDelta", { contentBlockIndex: 0, delta: { toolUse: { input: '{"path": "a.txt", "text": "cut' } } }],
      ["contentBlockStop", { contentBlockIndex: 0 }],
      ["contentBlockStart", { contentBlockIndex: 1, start: { toolUse: { toolUseId: "t2", name: "write" } } }],
      ["contentBlockDelta", { contentBlockIndex: 1, delta: { toolUse: { input: '"just a string"' } } }],
      ["contentBlockStop", { contentBlockIndex: 1 }],
      ["messageStop", { stopReason: "max_tokens" }],
    ]);
    expect(events.filter((event) => event.type === "tool-call")).toEqual([
      { type: "tool-call", index: 0, id: "t1", name: "write", arguments: '{"path": "a.txt", "text": "cut' },
      { type: "tool-call", index: 1, id: "t2", name: "write", arguments: '"just a string"' },
    ]);
    expect(events.at(-1)).toMatchObject({ type: "finish", reason: "length" });
  });

  it("rejects tool input for a block that never started", () => {
    const events = mapEvents([["contentBlockDelta", { contentBlockIndex: 3, delta: { toolUse: { input: "{}" } } }]]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "error", error: { code: "stream-corrupt" } });
  });

  it("maps redacted reasoning", () => {
    const events = mapEvents([
      ["contentBlockDelta", { contentBlockIndex: 0, delta: { reasoningContent: { redactedContent: "ZW5jcnlwdGVk" } } }],
      ["messageStop", { stopReason: "end_turn" }],
    ]);
    expect(events[0]).toEqual({ type: "reasoning-delta", index: 0, text: "", redacted: "ZW5jcnlwdGVk" });
  });

  it("emits the synthetic structured-output tool's arguments as text and finishes with stop", () => {
    const events = mapEvents(
      [
        ["contentBlockStart", { contentBlockIndex: 0, start: { toolUse: { toolUseId: "t1", name: "json" } } }],
        ["contentBlockDelta", { contentBlockIndex: 0, delta: { toolUse: { input: '{"answer":' } } }],
        ["contentBlockDelta", { contentBlockIndex: 0, delta: { toolUse: { input: "42}" } } }],
        ["contentBlockStop", { contentBlockIndex: 0 }],
        ["messageStop", { stopReason: "tool_use" }],
        ["metadata", usage(3, 4)],
      ],
      { structuredOutputToolName: "json" },
    );
    expect(events).toEqual([
      { type: "text-delta", index: 0, text: '{"answer":' },
      { type: "text-delta", index: 0, text: "42}" },
      { type: "finish", reason: "stop", usage: { input: 3, output: 4, cacheRead: 0, cacheWrite: 0 } },
    ]);
  });

  it("prices usage when the model has a cost", () => {
    const events = mapEvents(
      [
        ["messageStop", { stopReason: "end_turn" }],
        ["metadata", { usage: { inputTokens: 1_000_000, outputTokens: 1_000_000, cacheReadInputTokens: 1_000_000, cacheWriteInputTokens: 0 } }],
      ],
      { cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 } },
    );
    expect(events.at(-1)).toMatchObject({ type: "finish", usage: { cost: 18.3 } });
  });

  it("ignores everything after its terminal event", () => {
    const out: StreamEvent[] = [];
    const mapper = new ConverseEventMapper();
    mapper.handleEvent("messageStop", { stopReason: "end_turn" }, out);
    mapper.handleEvent("metadata", usage(1, 1), out);
    mapper.handleEvent("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "late" } }, out);
    mapper.end(out);
    expect(out.map((event) => event.type)).toEqual(["finish"]);
  });

  it("treats a payload that is not an object as corruption, and ignores unknown event types", () => {
    expect(mapEvents([["somethingNew", { x: 1 }], ["messageStop", { stopReason: "end_turn" }]]).map((event) => event.type)).toEqual(["finish"]);
    const out: StreamEvent[] = [];
    new ConverseEventMapper().handleEvent("contentBlockDelta", "text", out);
    expect(out[0]).toMatchObject({ type: "error", error: { code: "stream-corrupt" } });
  });
});

describe("dispatching message types", () => {
  function frame(headers: Record<string, string>, payload: string): Uint8Array {
    return codec.encode({
      headers: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, { type: "string" as const, value }])),
      body: textEncoder.encode(payload),
    });
  }

  it("maps an error frame by its :error-code and :error-message", () => {
    const events = mapBytes([frame({ ":message-type": "error", ":error-code": "InternalFailure", ":error-message": "boom" }, "")]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "error", error: { code: "unavailable" } });
    if (events[0]?.type === "error") expect(events[0].error.message).toContain("InternalFailure mid-stream: boom");
  });

  it("maps an error frame with a throttling code to throttled", () => {
    const events = mapBytes([frame({ ":message-type": "error", ":error-code": "ThrottlingException", ":error-message": "slow down" }, "")]);
    expect(events[0]).toMatchObject({ type: "error", error: { code: "throttled", retryable: true } });
  });

  it("rejects an unknown message type and an event payload that is not JSON", () => {
    expect(mapBytes([frame({ ":message-type": "surprise" }, "{}")])[0]).toMatchObject({ error: { code: "stream-corrupt" } });
    expect(mapBytes([frame({ ":message-type": "event", ":event-type": "contentBlockDelta" }, "{not json")])[0]).toMatchObject({
      error: { code: "stream-corrupt" },
    });
  });

  it("stops decoding frames after an exception", () => {
    const events = mapBytes([
      frame({ ":message-type": "exception", ":exception-type": "internalServerException" }, '{"message":"oops"}'),
      frame({ ":message-type": "event", ":event-type": "contentBlockDelta" }, '{"contentBlockIndex":0,"delta":{"text":"late"}}'),
    ]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ type: "error", error: { code: "unavailable", status: 500 } });
  });
});

describe("mapConverseStopReason", () => {
  it.each([
    ["end_turn", "stop"],
    ["stop_sequence", "stop"],
    ["max_tokens", "length"],
    ["model_context_window_exceeded", "length"],
    ["tool_use", "tool-calls"],
    ["content_filtered", "content-filter"],
    ["guardrail_intervened", "content-filter"],
    ["something_new", "other"],
    [undefined, "other"],
  ])("%s -> %s", (stopReason, reason) => {
    expect(mapConverseStopReason(stopReason)).toBe(reason);
  });
});

describe("mapConverseException", () => {
  it.each([
    ["throttlingException", "throttled", true],
    ["serviceUnavailableException", "unavailable", true],
    ["internalServerException", "unavailable", true],
    ["modelStreamErrorException", "unavailable", true],
    ["modelTimeoutException", "timeout", true],
    ["validationException", "invalid-request", false],
    ["accessDeniedException", "access-denied", false],
    ["somethingNewException", "unavailable", true],
  ])("%s -> %s", (type, code, retryable) => {
    expect(mapConverseException({ type, message: "m" })).toMatchObject({ code, retryable });
  });

  it.each([
    "Input is too long for requested model.",
    "The maximum tokens you requested exceeds the model limit of 200000.",
    "prompt is too long: 210000 tokens > 200000 maximum",
  ])("classifies the validation message %j as context-overflow", (message) => {
    expect(mapConverseException({ type: "validationException", message })).toMatchObject({ code: "context-overflow", retryable: false });
  });
});
