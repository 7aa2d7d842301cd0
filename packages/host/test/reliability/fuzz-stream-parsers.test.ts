// Seeded fuzz of the stream parsers: Mantle's three SSE decoders and the Converse event-stream
// decoder (with its message dispatch). Inputs are real fixtures mutated at random, plus pure noise,
// fed in random splits. Allowed outcomes: events (at most one terminal, last), or a thrown
// BedrockKitError. Anything else — another exception, a hang, a buffer past its cap — fails.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { BedrockKitError, type StreamEvent } from "@bedrock-kit/plugin-host";
import { afterAll, describe, expect, it } from "vitest";
import {
  createAnthropicMessagesStreamDecoder,
  createChatCompletionsStreamDecoder,
  createResponsesStreamDecoder,
} from "../../../../plugins/bedrock-mantle/src/adapters/create-stream-decoders.js";
import { createMantleStreamDecoder } from "../../../../plugins/bedrock-mantle/src/adapters/mantle-stream-decoder.js";
import { ChatCompletionsEventMapper } from "../../../../plugins/bedrock-mantle/src/adapters/chat-completions-event-mapper.js";
import { ConverseEventMapper } from "../../../../plugins/bedrock-converse/src/wire/converse-event-mapper.js";
import { dispatchConverseMessage } from "../../../../plugins/bedrock-converse/src/wire/dispatch-converse-message.js";
import { EventStreamDecoder } from "../../../../plugins/bedrock-converse/src/wire/event-stream-decoder.js";

const FIXTURES = join(import.meta.dirname, "../../../../fixtures");
const CASES_PER_PARSER = 1_500;
const counts: Record<string, number> = {};
afterAll(() => {
  const total = Object.values(counts).reduce((sum, value) => sum + value, 0);
  console.log(`[reliability] fuzz cases: ${total} ${JSON.stringify(counts)}`);
});

/** mulberry32: small, fast, seeded. */
function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function mutate(seed: Buffer, random: () => number): Buffer {
  const int = (n: number) => Math.floor(random() * n);
  const kind = int(7);
  if (kind === 0) return Buffer.from(Array.from({ length: int(2048) }, () => int(256)));
  const bytes = Buffer.from(seed);
  const edits = 1 + int(8);
  let out = bytes;
  for (let edit = 0; edit < edits && out.length > 0; edit += 1) {
    const at = int(out.length);
    switch (kind) {
      case 1:
        out[at] = int(256);
        break;
      case 2:
        out = Buffer.concat([out.subarray(0, at), Buffer.from(Array.from({ length: 1 + int(16) }, () => int(256))), out.subarray(at)]);
        break;
      case 3:
        out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + int(64)))]);
        break;
      case 4: {
        const end = Math.min(out.length, at + 1 + int(256));
        out = Buffer.concat([out.subarray(0, end), out.subarray(at, end), out.subarray(end)]);
        break;
      }
      case 5:
        return out.subarray(0, at);
      default:
        // Structure-aware: break a JSON token or an SSE field name.
        out[at] = [0x7b, 0x7d, 0x22, 0x3a, 0x0a, 0x0d, 0x5c, 0x2c][int(8)]!;
    }
  }
  return out;
}

function splits(bytes: Buffer, random: () => number): Buffer[] {
  const mode = Math.floor(random() * 3);
  if (mode === 0) return [bytes];
  if (mode === 1 && bytes.length < 4096) return Array.from(bytes, (byte) => Buffer.from([byte]));
  const parts: Buffer[] = [];
  for (let at = 0; at < bytes.length; ) {
    const size = 1 + Math.floor(random() * 300);
    parts.push(bytes.subarray(at, at + size));
    at += size;
  }
  return parts;
}

function expectWellFormed(events: StreamEvent[]): void {
  const terminal = events.findIndex((event) => event.type === "finish" || event.type === "error");
  if (terminal !== -1) expect(terminal).toBe(events.length - 1);
  for (const event of events) {
    expect(typeof event.type).toBe("string");
    if (event.type === "error") expect(BedrockKitError.isInstance(event.error)).toBe(true);
  }
}

/**
 * "No hang, no blow-up": the parser's own CPU time (this test runs in its own process) stays under
 * 10 s for all cases. CPU, not wall time, so a busy CI machine cannot fail it (about 0.5 s normally).
 */
function expectBoundedCpu(started: NodeJS.CpuUsage): void {
  const used = process.cpuUsage(started);
  expect((used.user + used.system) / 1000).toBeLessThan(10_000);
}

function seedsIn(folder: string, suffix: string): Buffer[] {
  return readdirSync(folder)
    .filter((name) => name.endsWith(suffix))
    .map((name) => readFileSync(join(folder, name)));
}

const SSE_DECODERS = [
  ["chat-completions", createChatCompletionsStreamDecoder],
  ["responses", createResponsesStreamDecoder],
  ["anthropic-messages", createAnthropicMessagesStreamDecoder],
] as const;

describe("fuzz: Mantle SSE decoders", () => {
  it.each(SSE_DECODERS)("%s: mutated fixtures and noise yield events or a classified error, never a crash", (api, create) => {
    const seeds = seedsIn(join(FIXTURES, "mantle/sse", api), ".txt");
    expect(seeds.length).toBeGreaterThan(0);
    const random = rng(0x5eed + api.length);
    const started = process.cpuUsage();
    for (let index = 0; index < CASES_PER_PARSER; index += 1) {
      const input = mutate(seeds[index % seeds.length]!, random);
      const decoder = create();
      const events: StreamEvent[] = [];
      try {
        for (const part of splits(input, random)) {
          decoder.feed(part);
          events.push(...decoder.events);
          decoder.events.length = 0;
        }
        decoder.end();
        events.push(...decoder.events);
      } catch (error) {
        if (!BedrockKitError.isInstance(error)) throw error;
      }
      expectWellFormed(events);
      expect(events.length).toBeLessThanOrEqual(input.length + 2);
    }
    counts[`sse:${api}`] = CASES_PER_PARSER;
    expectBoundedCpu(started);
  });

  it("an event past the size cap ends the stream as stream-corrupt instead of growing memory", () => {
    const decoder = createMantleStreamDecoder(new ChatCompletionsEventMapper(), { maxEventCharacters: 4_096 });
    decoder.feed(Buffer.from('data: {"choices":[{"delta":{"content":"'));
    for (let index = 0; index < 100; index += 1) decoder.feed(Buffer.alloc(1_024, 0x61));
    const terminal = decoder.events.find((event) => event.type === "error");
    expect(terminal).toMatchObject({ type: "error", error: { code: "stream-corrupt" } });
    counts["sse:cap"] = 1;
  });
});

describe("fuzz: Converse event-stream decoder", () => {
  const seeds = seedsIn(join(FIXTURES, "converse"), ".eventstream");

  it("mutated frames and noise yield events or a classified error, never a crash", () => {
    expect(seeds.length).toBeGreaterThan(0);
    const random = rng(0xc0ffee);
    const started = process.cpuUsage();
    for (let index = 0; index < CASES_PER_PARSER * 2; index += 1) {
      const input = mutate(seeds[index % seeds.length]!, random);
      const mapper = new ConverseEventMapper();
      const events: StreamEvent[] = [];
      const decoder = new EventStreamDecoder((message) => dispatchConverseMessage(message, mapper, events), { maxFrameBytes: 64 * 1024 });
      try {
        for (const part of splits(input, random)) {
          decoder.push(part);
          // A pending frame is never larger than the cap plus one chunk.
          if (decoder.pendingBytes > 64 * 1024 + part.length) throw new Error(`pending ${decoder.pendingBytes} bytes past the cap`);
        }
        decoder.end();
        mapper.end(events);
      } catch (error) {
        if (!BedrockKitError.isInstance(error)) throw error;
        expect(error.code).toMatch(/stream-corrupt|unavailable|throttled|invalid-request|timeout|content-filtered|quota|auth|model-not-found/);
      }
      expectWellFormed(events);
    }
    counts["event-stream"] = CASES_PER_PARSER * 2;
    expectBoundedCpu(started);
  });

  it("a declared frame length over the cap is refused at the prelude, before buffering", () => {
    const decoder = new EventStreamDecoder(() => undefined, { maxFrameBytes: 1_024 });
    const prelude = Buffer.alloc(12);
    prelude.writeUInt32BE(1_000_000, 0);
    prelude.writeUInt32BE(0, 4);
    let thrown: unknown;
    try {
      decoder.push(prelude);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toMatchObject({ code: "stream-corrupt" });
    counts["event-stream:cap"] = 1;
  });
});
