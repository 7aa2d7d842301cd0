import { computeRetryDelay, isRetryableFailure, resolveRetryPolicy, sleepBeforeRetry } from "@bedrock-kit/aws-auth";
import { BedrockKitError, type ChatRequest, type ModelDefinition, type StreamContext, type StreamEvent } from "@bedrock-kit/plugin-host";
import { beginConverseCall, usageWithCost, type ConverseAttempt, type ConverseCall } from "./converse-call.js";
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

/**
 * `stream()`: runs the wire's `streamConverse` and, before the first content event, recovers from
 * a refused model id by retrying with the region's inference profile (then `global.`). The
 * `start` event is held until the first real event so a retried call starts once, with the wire
 * id that worked. After that, events pass through untouched except the terminal one, which gets
 * the call's metadata (and `usage.cost` on `finish`).
 */
export async function* streamWithRecovery(
  model: ModelDefinition,
  request: ChatRequest,
  context: StreamContext<ConverseConfig>,
  loadStreamConverse: () => StreamConverse | Promise<StreamConverse>,
  seams: ConverseRetrySeams = {},
): AsyncGenerator<StreamEvent> {
  // Once the wire code has loaded, the loader answers synchronously: no await per call.
  const loaded = loadStreamConverse();
  const streamConverse = typeof loaded === "function" ? loaded : await loaded;
  const call = await beginConverseCall(model, request, context);
  const policy = resolveRetryPolicy(context.config.retry);
  const sleep = seams.sleep ?? sleepBeforeRetry;
  const random = seams.random ?? Math.random;
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
        computeRetryDelay(policy, transientRetries + 1, random, typeof retryAfter === "number" ? retryAfter : undefined),
        policy.totalDeadlineMs - elapsed,
      );
      context.logger.debug("amazon-bedrock retry", { wireId: attempt.model.wireId, attempt: call.attempts, delayMs, code: classified.code });
      await sleep(Math.max(0, delayMs), context.signal);
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

  // The hot loop (one generator layer): a type check per event; only the terminal event is rebuilt.
  let timeToFirstTokenMs: number | undefined;
  try {
    if (start !== undefined) yield start;
    while (result.done !== true) {
      const event = result.value;
      switch (event.type) {
        case "text-delta":
        case "reasoning-delta":
          timeToFirstTokenMs ??= context.clock.now() - call.startedAt;
          yield event;
          break;
        case "finish":
          yield {
            ...event,
            usage: usageWithCost(event.usage, attempt.model),
            metadata: { ...event.metadata, ...call.metadata(attempt, timeToFirstTokenMs) },
          };
          // Let the wire iterator read the rest of the body (the chunked terminator), so the
          // keep-alive socket goes back to the pool instead of being destroyed by return().
          try {
            result = await iterator.next();
          } catch {
            // Nothing after finish matters to the caller.
          }
          return;
        case "error":
          yield {
            ...event,
            error: call.decorate(event.error, attempt, timeToFirstTokenMs),
            metadata: { ...event.metadata, ...call.metadata(attempt, timeToFirstTokenMs) },
          };
          return;
        default:
          yield event;
      }
      result = await iterator.next();
    }
  } catch (error) {
    // After the first byte a failure is an event, never a rejection.
    yield terminalError(call, attempt, error, timeToFirstTokenMs);
    return;
  } finally {
    if (result.done !== true) await iterator.return?.();
  }
  const corrupt = new BedrockKitError({
    code: "stream-corrupt",
    message: "The Converse stream ended without a finish or error event.",
    hint: "The connection closed early or the upstream sent no terminal event; retry the call.",
  });
  yield terminalError(call, attempt, corrupt, timeToFirstTokenMs);
}

function terminalError(call: ConverseCall, attempt: ConverseAttempt, error: unknown, timeToFirstTokenMs: number | undefined): StreamEvent {
  return { type: "error", error: call.decorate(error, attempt, timeToFirstTokenMs), metadata: call.metadata(attempt, timeToFirstTokenMs) };
}
