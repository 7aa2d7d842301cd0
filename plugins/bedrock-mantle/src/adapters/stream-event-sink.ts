import type { BedrockKitError, FinishReason, StreamEvent, Usage } from "@bedrock-kit/plugin-host";
import { streamCorruptError } from "./adapter-errors.js";

/**
 * Where a wire mapper puts the contract events it produces. The caller drains `events` after each
 * chunk (and resets its length), so one array serves the whole call. Once a terminal event is in,
 * everything else is ignored: a stream ends with exactly one `finish` or one `error`.
 */
export class StreamEventSink {
  /** Events produced and not yet taken by the caller. */
  readonly events: StreamEvent[] = [];
  /** True once `finish` or `error` was pushed. */
  terminated = false;

  /** Push a non-terminal event (dropped after the terminal one). */
  push(event: StreamEvent): void {
    if (!this.terminated) this.events.push(event);
  }

  /** Push the `finish` event. */
  finish(reason: FinishReason, usage: Usage): void {
    if (this.terminated) return;
    this.terminated = true;
    this.events.push({ type: "finish", reason, usage });
  }

  /** Push the `error` event. */
  fail(error: BedrockKitError): void {
    if (this.terminated) return;
    this.terminated = true;
    this.events.push({ type: "error", error });
  }

  /** Push a `stream-corrupt` error. */
  corrupt(message: string, cause?: unknown): void {
    if (!this.terminated) this.fail(streamCorruptError(message, cause));
  }
}
