import { readFileSync } from "node:fs";
import {
  BedrockKitError,
  type ChatRequest,
  type ModelDefinition,
  type StreamEvent,
  type TransportResponse,
} from "@bedrock-kit/plugin-host";
import type { ConverseCallInput, ConverseHttpFailure, ConverseSendRequest } from "../../src/wire/index.js";

const FIXTURES = new URL("../../../../fixtures/converse/", import.meta.url);

/** The bytes of `fixtures/converse/<name>`. */
export function fixtureBytes(name: string): Buffer {
  return readFileSync(new URL(name, FIXTURES));
}

/** The text of `fixtures/converse/<name>`. */
export function fixtureText(name: string): string {
  return readFileSync(new URL(name, FIXTURES), "utf8");
}

/** A seeded PRNG (mulberry32): the same seed gives the same splits on every run. */
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

/** Ways to cut a body into chunks. */
export type SplitMode = { kind: "whole" } | { kind: "bytes"; size: number } | { kind: "random"; seed: number; maxSize: number };

/** Cut `bytes` into chunks (views, no copies). */
export function splitBytes(bytes: Uint8Array, mode: SplitMode): Uint8Array[] {
  if (mode.kind === "whole") return [bytes];
  const chunks: Uint8Array[] = [];
  const random = mode.kind === "random" ? seededRandom(mode.seed) : undefined;
  for (let offset = 0; offset < bytes.length; ) {
    const size = random === undefined ? (mode as { size: number }).size : 1 + Math.floor(random() * (mode as { maxSize: number }).maxSize);
    chunks.push(bytes.subarray(offset, Math.min(bytes.length, offset + size)));
    offset += size;
  }
  return chunks;
}

/** The splits every parser is held to: whole, 1-byte, and seeded random ones. */
export const SPLITS: Array<{ name: string; mode: SplitMode }> = [
  { name: "whole", mode: { kind: "whole" } },
  { name: "1-byte chunks", mode: { kind: "bytes", size: 1 } },
  { name: "7-byte chunks", mode: { kind: "bytes", size: 7 } },
  ...[1, 2, 3, 4, 5].map((seed) => ({ name: `random splits (seed ${seed})`, mode: { kind: "random", seed, maxSize: 97 } as SplitMode })),
];

/** What a fake response did, for assertions. */
export interface FakeResponseState {
  cancelled: boolean;
  /** The body was read to its end. */
  drained: boolean;
}

/** Options of {@link fakeResponse}. */
export interface FakeResponseOptions {
  status?: number;
  headers?: Record<string, string | undefined>;
  /** Body chunks. */
  chunks?: Uint8Array[];
  /** Throw this after the chunks (a connection reset mid-body). */
  failWith?: unknown;
  /** After the chunks, wait until cancelled instead of ending (a stalled upstream). */
  stallAfterChunks?: boolean;
}

/**
 * A TransportResponse over fixed chunks. Like the real transport, `cancel()` ends a pending or
 * later read with an error.
 */
export function fakeResponse(options: FakeResponseOptions = {}): TransportResponse & { state: FakeResponseState } {
  const state: FakeResponseState = { cancelled: false, drained: false };
  let wake: (() => void) | undefined;
  const chunks = options.chunks ?? [];
  const cancelledError = () => new BedrockKitError({ code: "unavailable", message: "cancelled", hint: "test" });
  async function* body(): AsyncGenerator<Uint8Array> {
    for (const chunk of chunks) {
      if (state.cancelled) throw cancelledError();
      await Promise.resolve();
      yield chunk;
    }
    if (options.stallAfterChunks === true && !state.cancelled) await new Promise<void>((resolve) => (wake = resolve));
    if (state.cancelled) throw cancelledError();
    if (options.failWith !== undefined) throw options.failWith;
    state.drained = true;
  }
  return {
    state,
    status: options.status ?? 200,
    headers: { "x-amzn-requestid": "req-0001", ...options.headers },
    body: body(),
    async text() {
      return Buffer.concat(chunks.map((chunk) => Buffer.from(chunk))).toString("utf8");
    },
    cancel() {
      state.cancelled = true;
      wake?.();
    },
  };
}

/** A `send` that answers with the given responses in turn and records what was sent. */
export function fakeSend(...responses: TransportResponse[]): ConverseCallInput["send"] & { requests: ConverseSendRequest[] } {
  const requests: ConverseSendRequest[] = [];
  const send = async (request: ConverseSendRequest) => {
    requests.push(request);
    const response = responses.shift();
    if (response === undefined) throw new Error("no more fake responses");
    return response;
  };
  return Object.assign(send, { requests });
}

/** A classifier that records its input and returns a recognisable error. */
export function fakeClassifier(): ConverseCallInput["classifyHttpError"] & { failures: ConverseHttpFailure[] } {
  const failures: ConverseHttpFailure[] = [];
  const classify = (failure: ConverseHttpFailure) => {
    failures.push(failure);
    return new BedrockKitError({
      code: failure.status === 429 ? "throttled" : "invalid-request",
      message: `HTTP ${failure.status}: ${failure.bodyText}`,
      hint: "classified by the test",
      status: failure.status,
    });
  };
  return Object.assign(classify, { failures });
}

/** A model definition for tests. */
export function testModel(overrides: Partial<ModelDefinition> = {}): ModelDefinition {
  return {
    id: "claude-sonnet-4.6",
    wireId: "us.anthropic.claude-sonnet-4-6",
    name: "Claude Sonnet 4.6",
    api: "bedrock-converse-stream",
    baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com",
    reasoning: true,
    input: ["text", "image"],
    contextWindow: 200_000,
    maxTokens: 64_000,
    source: "catalog",
    region: "us-east-1",
    ...overrides,
  };
}

/** A one-message request. */
export function testRequest(overrides: Partial<ChatRequest> = {}): ChatRequest {
  return { messages: [{ role: "user", content: "Hi" }], ...overrides };
}

/** A clock that advances 5 ms per reading. */
export function steppingClock(): { now(): number } {
  let now = 1_000;
  return {
    now: () => {
      now += 5;
      return now;
    },
  };
}

/** Everything `streamConverse`/`completeConverse` need, with fakes. */
export function callInput(send: ConverseCallInput["send"], overrides: Partial<ConverseCallInput> = {}): ConverseCallInput {
  return {
    model: testModel(),
    request: testRequest(),
    send,
    classifyHttpError: fakeClassifier(),
    clock: steppingClock(),
    ...overrides,
  };
}

/** Drain an event stream. */
export async function collectEvents(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const collected: StreamEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

/** Events without tracing metadata (which carries timings), for comparisons. */
export function withoutMetadata(events: StreamEvent[]): StreamEvent[] {
  return events.map((event) => {
    if (event.type !== "finish" && event.type !== "error") return event;
    const { metadata: _metadata, ...rest } = event;
    return rest as StreamEvent;
  });
}
