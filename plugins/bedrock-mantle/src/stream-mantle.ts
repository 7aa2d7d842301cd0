import {
  BedrockKitError,
  computeUsageCost,
  type CallMetadata,
  type ChatRequest,
  type ErrorEvent,
  type FinishEvent,
  type ModelDefinition,
  type StreamContext,
  type StreamEvent,
} from "@bedrock-kit/plugin-host";
import { classifyMantleError } from "./classify-mantle-error.js";
import type { MantleConfig } from "./mantle-config-schema.js";
import { MANTLE_PROVIDER_ID } from "./mantle-provider-id.js";
import { openMantleCall, type MantleCallDependencies, type MantleCallState } from "./open-mantle-call.js";
import { routeToStoringRegion, type MantleResponseRegions } from "./mantle-response-regions.js";

/** A call's dependencies plus the provider's record of which region stored each response. */
export type MantleStreamDependencies = MantleCallDependencies & { responseRegions?: MantleResponseRegions };

/**
 * The provider's `stream()`: opens the call (fallback, auth refresh and transient retries happen
 * before the first event; a failure there rejects), then passes the adapter's events through. The
 * only per-event work is a type check (to time the first token and decorate the terminal event with
 * metadata and cost). A stream always ends with exactly one `finish` or `error`.
 */
export async function* streamMantle(
  model: ModelDefinition,
  request: ChatRequest,
  context: StreamContext<MantleConfig>,
  dependencies: MantleStreamDependencies | (() => Promise<MantleStreamDependencies>),
): AsyncGenerator<StreamEvent, void, undefined> {
  const startedAt = context.clock.now();
  const resolved = typeof dependencies === "function" ? await dependencies() : dependencies;
  const responseRegions = resolved.responseRegions;
  // A continuation goes to the region that stored the previous response (docs/adr/1002).
  const routed = responseRegions === undefined ? model : routeToStoringRegion(model, request, context.config, context.env, responseRegions);
  const { iterator, first, state } = await openMantleCall(routed, request, context, resolved);
  let timeToFirstTokenMs: number | undefined;
  let finished = false;
  let result = first;
  try {
    for (;;) {
      if (result.done) break;
      const event = result.value;
      if (event.type === "finish") {
        finished = true;
        const finish = finishWithMetadata(event, model, metadataOf(state, startedAt, context.clock.now(), timeToFirstTokenMs, event.metadata));
        const responseId = finish.metadata?.responseId;
        if (responseRegions !== undefined && responseId !== undefined && state.region !== undefined) responseRegions.remember(responseId, state.region);
        yield finish;
      } else if (event.type === "error") {
        finished = true;
        yield errorWithMetadata(event, metadataOf(state, startedAt, context.clock.now(), timeToFirstTokenMs, event.metadata), state);
      } else {
        if (timeToFirstTokenMs === undefined && (event.type === "text-delta" || event.type === "reasoning-delta")) {
          timeToFirstTokenMs = context.clock.now() - startedAt;
        }
        yield event;
      }
      if (finished) break;
      try {
        result = await iterator.next();
      } catch (error) {
        // Adapters yield failures after the first byte as events; a throw here is a bug or a
        // transport failure they did not catch. Report it as the stream's one terminal event.
        finished = true;
        const classified = classifyMantleError(error);
        yield errorWithMetadata({ type: "error", error: classified }, metadataOf(state, startedAt, context.clock.now(), timeToFirstTokenMs), state);
        break;
      }
    }
    if (!finished) {
      const error = new BedrockKitError({
        code: "stream-corrupt",
        message: `The ${state.api} stream for ${state.wireId} ended without a finish or error event.`,
        hint: "The connection may have been cut by a proxy; retry the call.",
        provider: MANTLE_PROVIDER_ID,
        ...(state.requestId !== undefined && { requestId: state.requestId }),
      });
      yield errorWithMetadata({ type: "error", error }, metadataOf(state, startedAt, context.clock.now(), timeToFirstTokenMs), state);
    }
  } finally {
    // Early exit by the consumer (or after the terminal event): release the connection.
    await iterator.return?.().catch(() => undefined);
  }
}

function metadataOf(
  state: MantleCallState,
  startedAt: number,
  now: number,
  timeToFirstTokenMs: number | undefined,
  fromAdapter?: CallMetadata,
): CallMetadata {
  const metadata: CallMetadata = {
    ...fromAdapter,
    provider: MANTLE_PROVIDER_ID,
    api: state.api,
    wireId: state.wireId,
    attempts: state.attempts,
    surfaceFallback: state.surfaceFallback,
    latencyMs: now - startedAt,
  };
  const requestId = state.requestId ?? fromAdapter?.requestId;
  if (requestId !== undefined) metadata.requestId = requestId;
  if (state.region !== undefined) metadata.region = state.region;
  if (timeToFirstTokenMs !== undefined) metadata.timeToFirstTokenMs = timeToFirstTokenMs;
  return metadata;
}

function finishWithMetadata(event: FinishEvent, model: ModelDefinition, metadata: CallMetadata): FinishEvent {
  const cost = computeUsageCost(event.usage, model.cost);
  const usage = cost === undefined ? { ...event.usage } : { ...event.usage, cost };
  if (cost === undefined) delete usage.cost;
  return { ...event, usage, metadata };
}

function errorWithMetadata(event: ErrorEvent, metadata: CallMetadata, state: MantleCallState): ErrorEvent {
  const error = event.error;
  const withProvider =
    error.provider === undefined || (error.requestId === undefined && state.requestId !== undefined)
      ? error.with({
          provider: error.provider ?? MANTLE_PROVIDER_ID,
          ...(error.requestId === undefined && state.requestId !== undefined && { requestId: state.requestId }),
        })
      : error;
  return { ...event, error: withProvider, metadata };
}
