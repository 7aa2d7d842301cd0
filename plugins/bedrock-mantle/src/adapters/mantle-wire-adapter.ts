import type {
  BedrockKitError,
  ChatRequest,
  Clock,
  CompletionResult,
  ModelDefinition,
  StreamEvent,
  TransportResponse,
} from "@bedrock-kit/plugin-host";

/** One HTTP request an adapter wants sent; the provider adds auth, project headers, timeouts and the signal. */
export interface MantleSendRequest {
  /** HTTP method. */
  method: "POST" | "GET";
  /** Path appended to `model.baseUrl` (e.g. `/chat/completions`, `/responses`, `/messages`). */
  path: string;
  /** Adapter headers (content-type, accept, anthropic-version…), lower-case names. */
  headers: Record<string, string>;
  /** The JSON body text. */
  body: string;
}

/** Sends a request through the provider's authenticated transport. */
export type MantleSend = (request: MantleSendRequest) => Promise<TransportResponse>;

/** A non-OK HTTP response, for classification. */
export interface MantleHttpFailure {
  /** HTTP status. */
  status: number;
  /** Response headers. */
  headers: Record<string, string | undefined>;
  /** Response body text (bounded). */
  bodyText: string;
}

/** Everything one call needs. */
export interface MantleCallInput {
  /** The model (wireId, api, baseUrl, compat resolved by the provider). */
  model: ModelDefinition;
  /** The call. */
  request: ChatRequest;
  /** Authenticated sender. */
  send: MantleSend;
  /** Maps a non-OK response to a classified error (the provider's classifier). */
  classifyHttpError: (failure: MantleHttpFailure) => BedrockKitError;
  /** Time source (for nothing on the hot path but metadata). */
  clock: Clock;
  /** Cancels the call. */
  signal?: AbortSignal;
}

/** One of the three APIs Mantle speaks. */
export interface MantleWireAdapter {
  /** The API this adapter speaks. */
  api: "openai-completions" | "openai-responses" | "anthropic-messages";
  /**
   * Stream one call: `start`, deltas, then exactly one `finish` or `error`. Before the first byte of
   * the body the iterator's first `next()` rejects with a classified error (HTTP errors included),
   * so a caller can fall back or retry; after it, failures arrive as one `error` event.
   */
  stream(input: MantleCallInput): AsyncIterable<StreamEvent>;
  /** A non-streaming call (`stream: false`), mapped to the same result shape. */
  complete(input: MantleCallInput): Promise<CompletionResult>;
}
