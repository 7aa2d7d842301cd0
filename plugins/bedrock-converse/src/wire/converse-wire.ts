import type {
  BedrockKitError,
  ChatRequest,
  Clock,
  CompletionResult,
  ModelDefinition,
  StreamEvent,
  TransportResponse,
} from "@bedrock-kit/plugin-host";

/**
 * The agreed interface between the Converse provider (auth, catalog, routing, errors) and the
 * Converse wire code (request body, event-stream decoding, event mapping). The wire engineer
 * implements `streamConverse` / `completeConverse` in this folder and exports them from here.
 */

/** One HTTP request the wire code wants sent; the provider adds auth/signing, timeouts and the signal. */
export interface ConverseSendRequest {
  /** Path on the runtime endpoint: `/model/{encodeURIComponent(wireId)}/converse-stream` or `/converse`. */
  path: string;
  /** Headers (content-type, accept), lower-case names. */
  headers: Record<string, string>;
  /** The JSON body text (signed as is). */
  body: string;
}

/** Sends a request through the provider's authenticated transport. */
export type ConverseSend = (request: ConverseSendRequest) => Promise<TransportResponse>;

/** A non-OK HTTP response, for classification. */
export interface ConverseHttpFailure {
  /** HTTP status. */
  status: number;
  /** Response headers. */
  headers: Record<string, string | undefined>;
  /** Response body text (bounded). */
  bodyText: string;
}

/** Everything one call needs. */
export interface ConverseCallInput {
  /** The model (wireId, compat resolved by the provider). */
  model: ModelDefinition;
  /** The call. */
  request: ChatRequest;
  /** Authenticated sender. */
  send: ConverseSend;
  /** Maps a non-OK response to a classified error (the provider's classifier). */
  classifyHttpError: (failure: ConverseHttpFailure) => BedrockKitError;
  /** Time source. */
  clock: Clock;
  /** Cancels the call. */
  signal?: AbortSignal;
}
