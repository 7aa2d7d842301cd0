import { describe, expect, it } from "vitest";
import { WIRE_FORMATS, parseScenarioModelId, scenarioModelId, type BenchScenario } from "../src/bench-scenario.js";
import { CONVERSE_DELTA_FRAME_BYTES, encodeWireStream } from "../src/encode-wire-events.js";
import { expectedText, largeEventText, LARGE_EVENT_PATTERN_BYTES, tokenAt } from "../src/expected-text.js";
import { createEventStreamFramer } from "../src/peers/event-stream-framer.js";
import { createSseEventSplitter, dataOfEvent } from "../src/peers/sse-event-splitter.js";
import { BURST_WRITE_BYTES, packWrites, planResponseWrites } from "../src/plan-response-writes.js";

/** Deterministic RNG (mulberry32) so random splits are reproducible. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

function splitRandomly<T extends { length: number; slice(start: number, end?: number): T }>(whole: T, random: () => number, maxPiece: number): T[] {
  const pieces: T[] = [];
  let offset = 0;
  while (offset < whole.length) {
    const size = 1 + Math.floor(random() * maxPiece);
    pieces.push(whole.slice(offset, offset + size));
    offset += size;
  }
  return pieces;
}

function texts(count: number): string[] {
  return Array.from({ length: count }, (_, index) => tokenAt(index));
}

function sseDeltaTexts(body: string, pieces: string[]): string[] {
  const seen: string[] = [];
  const split = createSseEventSplitter((text, start, end) => {
    const data = dataOfEvent(text, start, end);
    if (data === undefined || data === "[DONE]") return;
    const event = JSON.parse(data);
    const text2 = event.choices?.[0]?.delta?.content ?? (event.type === "response.output_text.delta" ? event.delta : event.delta?.text);
    if (typeof text2 === "string" && text2.length > 0) seen.push(text2);
  });
  for (const piece of pieces) split(piece);
  expect(pieces.join("")).toBe(body);
  return seen;
}

describe("bench scenarios", () => {
  it("round-trips every scenario through the model id", () => {
    const scenarios: BenchScenario[] = [
      { mode: "burst", eventCount: 2000 },
      { mode: "ttft", eventCount: 5, gapMs: 20 },
      { mode: "paced", eventCount: 200, intervalMs: 20, eventsPerWrite: 4 },
      { mode: "fragmented", eventCount: 20, writeBytes: 1 },
      { mode: "large", eventBytes: 4 * 1024 * 1024, writeBytes: 1460 },
    ];
    for (const scenario of scenarios) expect(parseScenarioModelId(scenarioModelId(scenario))).toEqual(scenario);
    expect(parseScenarioModelId("anthropic.claude-opus-4-7")).toBeUndefined();
    expect(parseScenarioModelId("bench.paced.10.0.1")).toBeUndefined();
  });
});

describe("pre-encoded bodies", () => {
  it("sizes a Chat chunk near 183 bytes and every Converse delta frame at 194 bytes", () => {
    const chat = encodeWireStream("openai-chat", "bench.burst.2000", texts(20));
    const sizes = chat.deltas.map((delta) => delta.length);
    expect(Math.min(...sizes)).toBeGreaterThan(175);
    expect(Math.max(...sizes)).toBeLessThan(195);
    const converse = encodeWireStream("converse-stream", "bench.burst.2000", texts(20));
    for (const frame of converse.deltas) expect(frame.length).toBe(CONVERSE_DELTA_FRAME_BYTES);
  });

  it.each(WIRE_FORMATS.filter((format) => format !== "converse-stream"))("%s: any split of the body yields the exact deltas", (format) => {
    const random = seededRandom(42);
    const stream = encodeWireStream(format, "bench.burst.300", texts(300));
    const body = Buffer.concat([stream.preamble, ...stream.deltas, stream.epilogue]).toString("utf8");
    const expected = texts(300);
    expect(sseDeltaTexts(body, [body])).toEqual(expected);
    expect(sseDeltaTexts(body, splitRandomly(body, random, 300))).toEqual(expected);
    expect(sseDeltaTexts(body, splitRandomly(body.slice(0), random, 3))).toEqual(expected);
    expect(sseDeltaTexts(body, body.split(""))).toEqual(expected);
  });

  it("converse-stream: any split of the bytes yields the same CRC-checked frames", () => {
    const random = seededRandom(7);
    const stream = encodeWireStream("converse-stream", "bench.burst.100", texts(100));
    const body = Buffer.concat([stream.preamble, ...stream.deltas, stream.epilogue]);
    const decode = (pieces: Buffer[]) => {
      const frames: string[] = [];
      const framer = createEventStreamFramer((messageType, eventType, payload) => {
        expect(messageType).toBe("event");
        if (eventType === "contentBlockDelta") frames.push(JSON.parse(payload).delta.text);
        else frames.push(eventType);
      });
      for (const piece of pieces) framer.push(piece);
      expect(framer.pendingBytes).toBe(0);
      return frames;
    };
    const whole = decode([body]);
    expect(whole).toEqual(["messageStart", ...texts(100), "contentBlockStop", "messageStop", "metadata"]);
    expect(decode(splitRandomly(body, random, 400))).toEqual(whole);
    expect(decode(Array.from(body, (byte) => Buffer.from([byte])))).toEqual(whole);
  });

  it("converse-stream: a flipped payload byte fails the message CRC", () => {
    const frame = Buffer.from(encodeWireStream("converse-stream", "m", ["hello"]).deltas[0]!);
    frame[frame.length - 10]! ^= 0xff;
    const framer = createEventStreamFramer(() => undefined);
    expect(() => framer.push(frame)).toThrow(/message CRC/);
  });
});

describe("write plans", () => {
  it("sends the first text delta alone with the preamble, then ~16 KiB batches", () => {
    const stream = encodeWireStream("anthropic-messages", "bench.ttft.2000.20", texts(2000));
    const plan = planResponseWrites("anthropic-messages", "bench.ttft.2000.20", { mode: "ttft", eventCount: 2000, gapMs: 20 });
    expect(plan.writes[0]!.equals(Buffer.concat([stream.preamble, stream.deltas[0]!]))).toBe(true);
    expect(plan.gapAfterFirstMs).toBe(20);
    for (const write of plan.writes.slice(1, -1)) expect(write.length).toBeGreaterThanOrEqual(BURST_WRITE_BYTES);
    expect(Buffer.concat(plan.writes).equals(Buffer.concat([stream.preamble, ...stream.deltas, stream.epilogue]))).toBe(true);
  });

  it("delivers a large event in writes of exactly the fragment size", () => {
    const plan = planResponseWrites("openai-chat", "bench.large.65536.1460", { mode: "large", eventBytes: 65536, writeBytes: 1460 });
    const middle = plan.writes.slice(1, -2);
    expect(middle.length).toBeGreaterThan(40);
    for (const write of middle) expect(write.length).toBe(1460);
    expect(plan.spinMicrosBetweenWrites).toBeGreaterThan(0);
  });

  it("paces a fixed number of deltas per write", () => {
    const plan = planResponseWrites("openai-chat", "bench.paced.9.5.2", { mode: "paced", eventCount: 9, intervalMs: 5, eventsPerWrite: 2 });
    // first delta alone, then 8 deltas in 4 writes, then the epilogue
    expect(plan.writes).toHaveLength(1 + 4 + 1);
    expect(plan.intervalMs).toBe(5);
  });

  it("packs buffers without splitting them", () => {
    const buffers = Array.from({ length: 10 }, () => Buffer.alloc(700));
    const writes = packWrites(buffers, 2000);
    expect(writes.map((write) => write.length)).toEqual([2100, 2100, 2100, 700]);
  });
});

describe("expected text", () => {
  it("builds the large event from a 64-byte pattern with escapes and multi-byte characters", () => {
    expect(LARGE_EVENT_PATTERN_BYTES).toBe(64);
    const text = largeEventText(1024 * 1024);
    expect(Buffer.byteLength(text)).toBe(1024 * 1024);
    expect(text).toMatch(/"/);
    expect(text).toMatch(/🙂/);
    expect(expectedText(3)).toBe(" The quick brown");
  });
});
