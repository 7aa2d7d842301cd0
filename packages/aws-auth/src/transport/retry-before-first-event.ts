import { BedrockKitError, type Clock } from "@bedrock-kit/plugin-host";
import { sleepBeforeRetry } from "./sleep-before-retry.js";
import { computeRetryDelay, isRetryableFailure, type RetryPolicy } from "./retry-policy.js";

/** What {@link retryBeforeFirstEvent} needs besides the call itself. */
export interface RetryOptions {
  /** The provider's policy. */
  policy: RetryPolicy;
  /** Time source (for the total deadline). */
  clock: Clock;
  /** Cancels waiting and further attempts. */
  signal?: AbortSignal;
  /** Waits `ms`; injected so tests run without real delays. Default: a timer. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Uniform [0,1) source for jitter; injected for deterministic tests. Default Math.random. */
  random?: () => number;
  /** Reads a retry hint from a failure (ms), e.g. from its Retry-After header. */
  retryAfterMs?: (error: BedrockKitError) => number | undefined;
  /** Called before each retry (for a debug log line). */
  onRetry?: (details: { attempt: number; delayMs: number; error: BedrockKitError }) => void;
}

/** The first event of a successful attempt, and the iterator to continue with. */
export interface FirstEventResult<Event> {
  /** Iterator positioned after `first`. */
  iterator: AsyncIterator<Event>;
  /** The first event (or `done` when the stream was empty). */
  first: IteratorResult<Event>;
  /** Attempts made, this one included. */
  attempts: number;
}

/**
 * Start a stream, retrying while it fails before its first event. Streams here reject their first
 * `next()` for any failure before the first body byte, so retrying at that point can never repeat
 * output the caller has seen (nor bill a call twice after the model started answering). Failures
 * after the first event are never retried.
 */
export async function retryBeforeFirstEvent<Event>(
  start: (attempt: number) => AsyncIterable<Event>,
  options: RetryOptions,
): Promise<FirstEventResult<Event>> {
  const sleep = options.sleep ?? sleepBeforeRetry;
  const random = options.random ?? Math.random;
  const startedAt = options.clock.now();
  for (let attempt = 1; ; attempt += 1) {
    const iterator = start(attempt)[Symbol.asyncIterator]();
    try {
      const first = await iterator.next();
      return { iterator, first, attempts: attempt };
    } catch (error) {
      if (!BedrockKitError.isInstance(error)) throw error;
      const elapsed = options.clock.now() - startedAt;
      if (
        attempt >= options.policy.maxAttempts ||
        !isRetryableFailure(error) ||
        elapsed >= options.policy.totalDeadlineMs ||
        options.signal?.aborted
      ) {
        throw error.with({ metadata: { ...error.metadata, attempts: attempt } });
      }
      const delayMs = Math.min(
        computeRetryDelay(options.policy, attempt + 1, random, options.retryAfterMs?.(error)),
        Math.max(0, options.policy.totalDeadlineMs - elapsed),
      );
      options.onRetry?.({ attempt, delayMs, error });
      await sleep(delayMs, options.signal);
    }
  }
}
