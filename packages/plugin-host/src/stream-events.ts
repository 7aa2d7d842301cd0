import type { BedrockKitError } from "./errors.js";
import type { ModelApi } from "./model-definition.js";

/** Why a model stopped. */
export type FinishReason =
  /** Natural end or a stop sequence. */
  | "stop"
  /** Hit `maxTokens`. */
  | "length"
  /** Stopped to let the caller run tool calls. */
  | "tool-calls"
  /** Blocked by a content filter or guardrail. */
  | "content-filter"
  /** Anything else the upstream reported. */
  | "other";

/** Token counts, normalized across APIs: `input` never includes cached tokens. */
export interface Usage {
  /** Uncached input tokens. */
  input: number;
  /** Output tokens, reasoning included. */
  output: number;
  /** Input tokens read from the prompt cache. */
  cacheRead: number;
  /** Input tokens written to the prompt cache. */
  cacheWrite: number;
  /**
   * Cost of the call in USD from the model's prices; `undefined` when the prices are unknown
   * (never reported as 0 for an unknown price).
   */
  cost?: number;
}

/** What a host needs to trace and account one call. */
export interface CallMetadata {
  /** Upstream request id (`x-amzn-requestid`, `request-id`), if the upstream answered. */
  requestId?: string;
  /** Provider id. */
  provider: string;
  /** The API the call finally used. */
  api: ModelApi;
  /** The model id sent upstream. */
  wireId: string;
  /** AWS region the call went to. */
  region?: string;
  /** HTTP attempts made (1 without retries). */
  attempts: number;
  /** True when the call was retried on another API surface after a route error. */
  surfaceFallback: boolean;
  /** Wall time from the call start to the end of the stream, in ms. */
  latencyMs: number;
  /** Wall time from the call start to the first text or reasoning delta, in ms; unset if none came. */
  timeToFirstTokenMs?: number;
  /** Responses API: the upstream response id, to pass as `previousResponseId`. */
  responseId?: string;
}

/** The stream has started; always the first event. */
export interface StartEvent {
  /** Discriminant. */
  type: "start";
  /** The model id sent upstream. */
  model: string;
  /** The API used. */
  api: ModelApi;
}

/** A piece of answer text. */
export interface TextDeltaEvent {
  /** Discriminant. */
  type: "text-delta";
  /** Content block index (0-based, in output order). */
  index: number;
  /** The text piece. */
  text: string;
}

/** A piece of reasoning (thinking) text, or its signature. */
export interface ReasoningDeltaEvent {
  /** Discriminant. */
  type: "reasoning-delta";
  /** Content block index. */
  index: number;
  /** The reasoning text piece (may be empty when only a signature arrives). */
  text: string;
  /** The block's signature, when the API sends one (to replay the reasoning later). */
  signature?: string;
  /** Opaque encrypted reasoning, base64, when the API sends it redacted. */
  redacted?: string;
}

/** A piece of a tool call's JSON arguments, as streamed. */
export interface ToolCallDeltaEvent {
  /** Discriminant. */
  type: "tool-call-delta";
  /** Content block index. */
  index: number;
  /** The tool call id. */
  id: string;
  /** The tool name (on every delta, so a consumer can start at any delta). */
  name: string;
  /** The next fragment of the arguments' JSON text. */
  argumentsDelta: string;
}

/** A complete tool call; emitted once per call when its block ends. */
export interface ToolCallEvent {
  /** Discriminant. */
  type: "tool-call";
  /** Content block index. */
  index: number;
  /** The tool call id. */
  id: string;
  /** The tool name. */
  name: string;
  /** The arguments, parsed once at the end of the block. */
  arguments: unknown;
}

/** The stream finished; terminal. */
export interface FinishEvent {
  /** Discriminant. */
  type: "finish";
  /** Why the model stopped. */
  reason: FinishReason;
  /** Token counts and cost. */
  usage: Usage;
  /** Tracing metadata for the call. */
  metadata?: CallMetadata;
}

/** The stream failed after it started; terminal. Text already delivered stays delivered. */
export interface ErrorEvent {
  /** Discriminant. */
  type: "error";
  /** The classified failure. */
  error: BedrockKitError;
  /** Tracing metadata for the call. */
  metadata?: CallMetadata;
}

/**
 * Everything a provider's `stream()` yields. A stream starts with `start` and ends with exactly
 * one `finish` or one `error`.
 */
export type StreamEvent =
  | StartEvent
  | TextDeltaEvent
  | ReasoningDeltaEvent
  | ToolCallDeltaEvent
  | ToolCallEvent
  | FinishEvent
  | ErrorEvent;

/** Zero usage, to start accumulating from. */
export function emptyUsage(): Usage {
  return { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 };
}
