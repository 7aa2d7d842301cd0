import { readFileSync } from "node:fs";
import {
  BedrockKitError,
  type ChatRequest,
  type ModelDefinition,
  type StreamEvent,
  type TransportResponse,
} from "@bedrock-kit/plugin-host";
import type { MantleCallInput, MantleHttpFailure, MantleSend, MantleSendRequest } from "../../src/adapters/index.js";
import type { MantleStreamDecoder } from "../../src/adapters/index.js";

/** What a fake response sends. */
export interface FakeResponseOptions {
  /** HTTP status (200). */
  status?: number;
  /** Headers (content-type defaults to text/event-stream for 200). */
  headers?: Record<string, string>;
  /** Body chunks, in order. */
  chunks?: Array<string | Uint8Array>;
  /** After the chunks, the body iteration rejects with this. */
  failWith?: unknown;
  /** After the chunks, the body neither ends nor fails until cancelled. */
  hang?: boolean;
}

/** A TransportResponse whose body is scripted, recording cancellation and reads. */
export interface FakeResponse extends TransportResponse {
  /** Times `cancel()` was called. */
  readonly cancelCount: number;
  /** Chunks handed out so far. */
  readonly chunksRead: number;
}

export function fakeResponse(options: FakeResponseOptions = {}): FakeResponse {
  const status = options.status ?? 200;
  const headers = { ...(status === 200 && { "content-type": "text/event-stream; charset=utf-8" }), ...options.headers };
  const chunks = (options.chunks ?? []).map((chunk) => (typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk));
  let position = 0;
  let cancelled = false;
  let cancelCount = 0;
  let wakeHanging: (() => void) | undefined;
  const iterator: AsyncIterator<Uint8Array> = {
    async next() {
      if (cancelled) return { done: true, value: undefined };
      const chunk = chunks[position];
      if (chunk !== undefined) {
        position += 1;
        return { done: false, value: chunk };
      }
      if (options.failWith !== undefined) throw options.failWith;
      if (options.hang) {
        await new Promise<void>((resolve) => {
          wakeHanging = resolve;
        });
      }
      return { done: true, value: undefined };
    },
    async return() {
      cancelled = true;
      return { done: true, value: undefined };
    },
  };
  return {
    status,
    headers,
    body: { [Symbol.asyncIterator]: () => iterator },
    async text() {
      const all = Buffer.concat(chunks.slice(position));
      position = chunks.length;
      if (options.failWith !== undefined) throw options.failWith;
      return all.toString("utf8");
    },
    cancel() {
      cancelCount += 1;
      cancelled = true;
      wakeHanging?.();
    },
    get cancelCount() {
      return cancelCount;
    },
    get chunksRead() {
      return position;
    },
  };
}

/** A JSON response (for complete() and errors). */
export function jsonResponse(status: number, body: unknown, headers: Record<string, string> = {}): FakeResponse {
  return fakeResponse({
    status,
    headers: { "content-type": "application/json", ...headers },
    chunks: [typeof body === "string" ? body : JSON.stringify(body)],
  });
}

/** A send function answering with the given responses in turn, recording what was sent. */
export function fakeSend(...responses: Array<FakeResponse | Error>): MantleSend & { requests: MantleSendRequest[] } {
  const requests: MantleSendRequest[] = [];
  const send = async (request: MantleSendRequest) => {
    requests.push(request);
    const next = responses[Math.min(requests.length - 1, responses.length - 1)];
    if (next === undefined) throw new Error("fakeSend: no response scripted");
    if (next instanceof Error) throw next;
    return next;
  };
  return Object.assign(send, { requests });
}

/** A classifier like the provider's, simple enough to assert on. */
export function testClassifier(failure: MantleHttpFailure): BedrockKitError {
  const code = failure.status === 429 ? "throttled" : failure.status === 401 ? "auth" : failure.status >= 500 ? "unavailable" : "invalid-request";
  return new BedrockKitError({ code, message: `HTTP ${failure.status}: ${failure.bodyText}`, hint: "test", status: failure.status });
}

/** A clock that advances 5 ms per reading. */
export function steppingClock(start = 1_000): { now(): number } {
  let now = start;
  return {
    now: () => {
      now += 5;
      return now;
    },
  };
}

export const CHAT_MODEL: ModelDefinition = {
  id: "openai.gpt-oss-120b",
  wireId: "openai.gpt-oss-120b",
  name: "gpt-oss-120b",
  api: "openai-completions",
  baseUrl: "https://bedrock-mantle.us-east-1.api.aws/v1",
  reasoning: true,
  input: ["text"],
  contextWindow: 128_000,
  maxTokens: 32_768,
  source: "catalog",
};

export const RESPONSES_MODEL: ModelDefinition = {
  id: "openai.gpt-5.5",
  wireId: "openai.gpt-5.5",
  name: "GPT-5.5",
  api: "openai-responses",
  baseUrl: "https://bedrock-mantle.us-east-2.api.aws/openai/v1",
  reasoning: true,
  input: ["text", "image"],
  contextWindow: 400_000,
  maxTokens: 128_000,
  source: "catalog",
  compat: { reasoningSummary: true, rejectsTemperature: true },
};

export const CLAUDE_MODEL: ModelDefinition = {
  id: "claude-sonnet-4.5",
  wireId: "anthropic.claude-sonnet-4-5",
  name: "Claude Sonnet 4.5",
  api: "anthropic-messages",
  baseUrl: "https://bedrock-mantle.us-east-1.api.aws/anthropic/v1",
  reasoning: true,
  input: ["text", "image"],
  contextWindow: 200_000,
  maxTokens: 64_000,
  source: "catalog",
  cost: { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 },
};

export const ADAPTIVE_CLAUDE_MODEL: ModelDefinition = {
  ...CLAUDE_MODEL,
  id: "claude-opus-4.7",
  wireId: "anthropic.claude-opus-4-7",
  name: "Claude Opus 4.7",
  maxTokens: 128_000,
  compat: { thinkingStyle: "adaptive", rejectsTemperature: true, rejectsTopP: true },
};

export const HELLO: ChatRequest = { messages: [{ role: "user", content: "Hello" }] };

/** A call input around a fake send. */
export function callInput(model: ModelDefinition, send: MantleSend, options: { request?: ChatRequest; signal?: AbortSignal } = {}): MantleCallInput {
  return {
    model,
    request: options.request ?? HELLO,
    send,
    classifyHttpError: testClassifier,
    clock: steppingClock(),
    ...(options.signal !== undefined && { signal: options.signal }),
  };
}

/** Drain an event stream into an array. */
export async function collectEvents(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const collected: StreamEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

/** The raw bytes of a fixture under fixtures/mantle/sse/. */
export function readSseFixture(api: "chat-completions" | "responses" | "anthropic-messages", behaviour: string): Buffer {
  return readFileSync(new URL(`../../../../fixtures/mantle/sse/${api}/${behaviour}.sse.txt`, import.meta.url));
}

/** Feed chunks to a fresh decoder and return every event it produced (terminal included). */
export function decodeChunks(createDecoder: () => MantleStreamDecoder, chunks: Iterable<Uint8Array>): StreamEvent[] {
  const decoder = createDecoder();
  const events: StreamEvent[] = [];
  for (const chunk of chunks) {
    decoder.feed(chunk);
    events.push(...decoder.events);
    decoder.events.length = 0;
  }
  decoder.end();
  events.push(...decoder.events);
  return events;
}

/** Events as plain data for snapshots and equality (errors reduced to code, message, retryable). */
export function plainEvents(events: readonly StreamEvent[]): unknown[] {
  return events.map((event) => {
    if (event.type !== "error") return event;
    return { type: "error", code: event.error.code, message: event.error.message, retryable: event.error.retryable };
  });
}

/** mulberry32: a small seeded RNG, so "random" splits are reproducible. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  };
}

/** Cut bytes into pieces of the given sizes (the last piece takes the rest). */
export function splitEvery(bytes: Uint8Array, size: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  for (let start = 0; start < bytes.length; start += size) pieces.push(bytes.subarray(start, start + size));
  return pieces;
}

/** Cut bytes at random places (1..maxPiece bytes per piece). */
export function splitRandomly(bytes: Uint8Array, random: () => number, maxPiece: number): Uint8Array[] {
  const pieces: Uint8Array[] = [];
  let start = 0;
  while (start < bytes.length) {
    const size = 1 + Math.floor(random() * maxPiece);
    pieces.push(bytes.subarray(start, start + size));
    start += size;
  }
  return pieces;
}
