import { BedrockKitError, type CallMetadata, type Clock, type ModelDefinition, type StreamEvent } from "@bedrock-kit/plugin-host";

import { CONVERSE_PROVIDER_ID } from "../converse-provider-id.js";

/** The provider id the wire code reports in errors and call metadata. */
export { CONVERSE_PROVIDER_ID };

/**
 * Watches the events of one call on their way out: notes the time of the first text or reasoning
 * delta and stamps the terminal event with {@link CallMetadata} (and its error with the request id).
 * `attempts` is 1 here; a retrying caller overwrites it.
 */
export class ConverseCallTracker {
  private firstTokenAt: number | undefined;

  constructor(
    private readonly model: ModelDefinition,
    private readonly clock: Clock,
    private readonly startedAt: number,
    private readonly requestId: string | undefined,
  ) {}

  /** Call for every event before it is yielded; returns the event to yield. */
  observe(event: StreamEvent): StreamEvent {
    switch (event.type) {
      case "text-delta":
      case "reasoning-delta":
        if (this.firstTokenAt === undefined) this.firstTokenAt = this.clock.now();
        return event;
      case "finish":
        return { ...event, metadata: this.metadata() };
      case "error":
        return { ...event, error: this.stampError(event.error), metadata: this.metadata() };
      default:
        return event;
    }
  }

  /** An error thrown before any event (rejecting the first `next()`), with the request id. */
  stampError(error: BedrockKitError): BedrockKitError {
    if ((error.requestId !== undefined || this.requestId === undefined) && error.provider !== undefined) return error;
    return error.with({ requestId: error.requestId ?? this.requestId, provider: error.provider ?? CONVERSE_PROVIDER_ID });
  }

  private metadata(): CallMetadata {
    const metadata: CallMetadata = {
      provider: CONVERSE_PROVIDER_ID,
      api: "bedrock-converse-stream",
      wireId: this.model.wireId,
      attempts: 1,
      surfaceFallback: false,
      latencyMs: this.clock.now() - this.startedAt,
    };
    if (this.requestId !== undefined) metadata.requestId = this.requestId;
    if (this.model.region !== undefined) metadata.region = this.model.region;
    if (this.firstTokenAt !== undefined) metadata.timeToFirstTokenMs = this.firstTokenAt - this.startedAt;
    return metadata;
  }
}

/** Any failure as a classified error: our own pass through, anything else is `unavailable`. */
export function toBedrockKitError(error: unknown): BedrockKitError {
  if (BedrockKitError.isInstance(error)) return error;
  return new BedrockKitError({
    code: "unavailable",
    message: `The Converse call failed: ${error instanceof Error ? error.message : String(error)}`,
    hint: "Retry the call; if it persists, check network access to the Bedrock runtime endpoint.",
    cause: error,
  });
}

/** The caller's AbortSignal fired. */
export function abortedError(): BedrockKitError {
  return new BedrockKitError({
    code: "aborted",
    message: "The Converse call was cancelled by the caller.",
    hint: "Nothing to do: the caller's AbortSignal fired.",
    retryable: false,
    provider: CONVERSE_PROVIDER_ID,
  });
}
