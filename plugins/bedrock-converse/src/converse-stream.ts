import { computeRetryDelay, isRetryableFailure, resolveRetryPolicy, sleepBeforeRetry } from "@bedrock-kit/aws-auth";
import { BedrockKitError, type ChatRequest, type ModelDefinition, type StreamContext, type StreamEvent } from "@bedrock-kit/plugin-host";
import { beginConverseCall, usageWithCost, type ConverseAttempt, type ConverseCall } from "./converse-call.js";
import type { AwsEndpointParser } from "./aws-endpoint-memo.js";
import type { ConverseConfig } from "./converse-config-schema.js";
import type { ConverseCallInput } from "./wire/converse-wire.js";

/** The wire's streaming call. */
export type StreamConverse = (input: ConverseCallInput) => AsyncIterable<StreamEvent>;

/** Test seams for the transient-retry waits. */
export interface ConverseRetrySeams {
  /** Waits `ms` (default: a timer that the caller's signal cancels). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source in [0, 1) (default Math.random). */
  random?: () => number;
}

/** What the provider instance lends each call, besides the retry seams. */
export interface ConverseStreamOptions extends ConverseRetrySeams {
  /** The provider's memo of `parseAwsEndpoint` (default: parse per call). */
  parseEndpoint?: AwsEndpointParser;
}

/**
 * `stream()`: runs the wire's `streamConverse` and, before the first content event, recovers from
 * a refused model id by retrying with the region's inference profile (then `global.`). The
 * `start` event is held until the first real event so a retried call starts once, with the wire
 * id that worked. After that, events pass through untouched except the terminal one, which gets
 * the call's metadata (and `usage.cost` on `finish`).
 *
 * A hand-written iterator rather than an async generator (docs/adr/0920): each event costs one
 * `then` on the wire's promise instead of a generator resume and a yield. It behaves as the
 * generator did: nothing runs until the first `next()`, calls made without waiting are served in
 * order, and the wire's iterator is released on early exit or after the terminal event.
 */
export function streamWithRecovery(
  model: ModelDefinition,
  request: ChatRequest,
  context: StreamContext<ConverseConfig>,
  loadStreamConverse: () => StreamConverse | Promise<StreamConverse>,
  seams: ConverseStreamOptions = {},
): AsyncIterableIterator<StreamEvent> {
  return new RecoveringConverseStream(model, request, context, loadStreamConverse, seams);
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

class RecoveringConverseStream implements AsyncIterableIterator<StreamEvent> {
  /** `terminal`: the terminal event was delivered; the next `next()` drains and ends. */
  private phase: "new" | "open" | "terminal" | "done" = "new";
  private call: ConverseCall | undefined;
  private attempt: ConverseAttempt | undefined;
  private iterator: AsyncIterator<StreamEvent> | undefined;
  /** The first event after a held `start`, delivered by the next `next()`. */
  private held: IteratorResult<StreamEvent> | undefined;
  /** Whether the wire's iterator reached its end (nothing to release). */
  private wireEnded = false;
  /** Whether the terminal event was a `finish` (the rest of the body is then read, not cancelled). */
  private finished = false;
  private timeToFirstTokenMs: number | undefined;
  /** The current `next()` or `return()`, so a call made before it settles waits its turn. */
  private pending: Promise<IteratorResult<StreamEvent>> | undefined;
  // Each clears `pending` itself: one event's `next()` then costs a single `then`, not a second
  // one (and a closure) to learn when it settled.
  private readonly onResult = (result: IteratorResult<StreamEvent>): IteratorResult<StreamEvent> => {
    this.pending = undefined;
    return this.deliver(result);
  };
  // After the first byte a failure is an event, never a rejection.
  private readonly onFailure = (error: unknown): IteratorResult<StreamEvent> => {
    this.pending = undefined;
    return this.terminal(this.terminalError(error));
  };

  constructor(
    private readonly model: ModelDefinition,
    private readonly request: ChatRequest,
    private readonly context: StreamContext<ConverseConfig>,
    private readonly loadStreamConverse: () => StreamConverse | Promise<StreamConverse>,
    private readonly seams: ConverseStreamOptions,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<StreamEvent>> {
    if (this.pending !== undefined) {
      const again = () => this.next();
      return this.pending.then(again, again);
    }
    switch (this.phase) {
      case "open": {
        const held = this.held;
        if (held !== undefined) {
          this.held = undefined;
          return Promise.resolve(this.deliver(held));
        }
        const step = this.iterator!.next().then(this.onResult, this.onFailure);
        this.pending = step;
        return step;
      }
      case "new":
        return this.track(this.open());
      case "terminal":
        return this.track(this.end());
      default:
        return Promise.resolve(DONE);
    }
  }

  return(): Promise<IteratorResult<StreamEvent>> {
    if (this.pending !== undefined) {
      const again = () => this.return();
      return this.pending.then(again, again);
    }
    // Early exit by the consumer: release the wire's iterator (and its connection).
    this.phase = "done";
    return this.track(this.release().then(() => DONE));
  }

  private track(step: Promise<IteratorResult<StreamEvent>>): Promise<IteratorResult<StreamEvent>> {
    this.pending = step;
    const settle = () => {
      if (this.pending === step) this.pending = undefined;
    };
    step.then(settle, settle);
    return step;
  }

  /** Everything up to the first real event: auth, attempts, profile fallbacks, transient retries. */
  private async open(): Promise<IteratorResult<StreamEvent>> {
    const { model, context, seams } = this;
    // A failure before the first event rejects this `next()` and ends the stream.
    this.phase = "done";
    // Once the wire code has loaded, the loader answers synchronously: no await per call.
    const loaded = this.loadStreamConverse();
    const streamConverse = typeof loaded === "function" ? loaded : await loaded;
    const call = await beginConverseCall(model, this.request, context, seams.parseEndpoint);
    this.call = call;
    const policy = resolveRetryPolicy(context.config.retry);
    let transientRetries = 0;
    let attempt = call.attempt(model);
    let iterator: AsyncIterator<StreamEvent>;
    let start: StreamEvent | undefined;
    let result: IteratorResult<StreamEvent>;
    for (;;) {
      iterator = streamConverse(attempt.input)[Symbol.asyncIterator]();
      start = undefined;
      try {
        result = await iterator.next();
        while (result.done !== true && result.value.type === "start") {
          start = result.value;
          result = await iterator.next();
        }
      } catch (error) {
        const next = call.fallbackAfter(attempt, error);
        if (next !== undefined) {
          attempt = call.attempt(next);
          continue;
        }
        // Every throw here happened before the first body byte (the wire turns later failures into
        // events), so a transient one (429, 408, 5xx, network) is retried: nothing was streamed or billed.
        const classified = call.decorate(error, attempt);
        const elapsed = context.clock.now() - call.startedAt;
        if (
          start !== undefined ||
          !isRetryableFailure(classified) ||
          transientRetries + 1 >= policy.maxAttempts ||
          elapsed >= policy.totalDeadlineMs ||
          context.signal?.aborted === true
        ) {
          throw classified;
        }
        transientRetries += 1;
        const retryAfter = classified.metadata?.retryAfterMs;
        const delayMs = Math.min(
          computeRetryDelay(policy, transientRetries + 1, seams.random ?? Math.random, typeof retryAfter === "number" ? retryAfter : undefined),
          policy.totalDeadlineMs - elapsed,
        );
        context.logger.debug("amazon-bedrock retry", { wireId: attempt.model.wireId, attempt: call.attempts, delayMs, code: classified.code });
        await (seams.sleep ?? sleepBeforeRetry)(Math.max(0, delayMs), context.signal);
        attempt = call.attempt(attempt.model);
        continue;
      }
      if (result.done !== true && result.value.type === "error") {
        const next = call.fallbackAfter(attempt, result.value.error);
        if (next !== undefined) {
          await iterator.return?.();
          attempt = call.attempt(next);
          continue;
        }
      }
      break;
    }
    this.iterator = iterator;
    this.attempt = attempt;
    this.phase = "open";
    if (start === undefined) return this.deliver(result);
    this.held = result;
    return { value: start, done: false };
  }

  /** One wire result as the caller sees it: a type check per event; only the terminal event is rebuilt. */
  private deliver(result: IteratorResult<StreamEvent>): IteratorResult<StreamEvent> {
    if (result.done === true) {
      this.wireEnded = true;
      const corrupt = new BedrockKitError({
        code: "stream-corrupt",
        message: "The Converse stream ended without a finish or error event.",
        hint: "The connection closed early or the upstream sent no terminal event; retry the call.",
      });
      return this.terminal(this.terminalError(corrupt));
    }
    const event = result.value;
    try {
      switch (event.type) {
        case "text-delta":
        case "reasoning-delta":
          this.timeToFirstTokenMs ??= this.context.clock.now() - this.call!.startedAt;
          return result;
        case "finish": {
          const attempt = this.attempt!;
          const finish: StreamEvent = {
            ...event,
            usage: usageWithCost(event.usage, attempt.model),
            metadata: { ...event.metadata, ...this.call!.metadata(attempt, this.timeToFirstTokenMs) },
          };
          this.finished = true;
          return this.terminal(finish);
        }
        case "error": {
          const attempt = this.attempt!;
          return this.terminal({
            ...event,
            error: this.call!.decorate(event.error, attempt, this.timeToFirstTokenMs),
            metadata: { ...event.metadata, ...this.call!.metadata(attempt, this.timeToFirstTokenMs) },
          });
        }
        default:
          return result;
      }
    } catch (error) {
      return this.terminal(this.terminalError(error));
    }
  }

  private terminal(event: StreamEvent): IteratorResult<StreamEvent> {
    this.phase = "terminal";
    return { value: event, done: false };
  }

  /** The `next()` after the terminal event: read the rest of the body after a finish, then end. */
  private async end(): Promise<IteratorResult<StreamEvent>> {
    this.phase = "done";
    if (this.finished && !this.wireEnded) {
      // Let the wire iterator read the rest of the body (the chunked terminator), so the
      // keep-alive socket goes back to the pool instead of being destroyed by return().
      try {
        if ((await this.iterator!.next()).done === true) this.wireEnded = true;
      } catch {
        // Nothing after finish matters to the caller.
      }
    }
    await this.release();
    return DONE;
  }

  private async release(): Promise<void> {
    if (this.wireEnded || this.iterator === undefined) return;
    this.wireEnded = true;
    await this.iterator.return?.();
  }

  private terminalError(error: unknown): StreamEvent {
    return terminalError(this.call!, this.attempt!, error, this.timeToFirstTokenMs);
  }
}

function terminalError(call: ConverseCall, attempt: ConverseAttempt, error: unknown, timeToFirstTokenMs: number | undefined): StreamEvent {
  return { type: "error", error: call.decorate(error, attempt, timeToFirstTokenMs), metadata: call.metadata(attempt, timeToFirstTokenMs) };
}
