import {
  computeUsageCost,
  type CallMetadata,
  type ErrorEvent,
  type FinishEvent,
  type ModelDefinition,
} from "@bedrock-kit/plugin-host";
import type { MantleCallState } from "./attempt-mantle-call.js";
import { MANTLE_PROVIDER_ID } from "./mantle-provider-id.js";
import type { MantleResponseRegions } from "./mantle-response-regions.js";

/**
 * The provider's metadata for a call's terminal event: what the adapter reported, overridden by what
 * only the provider knows (attempts, surface fallback, the API finally used, the region, the latency
 * including retries).
 */
export function mantleCallMetadata(
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

/** The finish event with the call's metadata and its cost at the model's prices (none without prices). */
export function finishWithMetadata(event: FinishEvent, model: ModelDefinition, metadata: CallMetadata): FinishEvent {
  const cost = computeUsageCost(event.usage, model.cost);
  const usage = cost === undefined ? { ...event.usage } : { ...event.usage, cost };
  if (cost === undefined) delete usage.cost;
  return { ...event, usage, metadata };
}

/** The error event with the call's metadata, and the provider and request id on its error. */
export function errorWithMetadata(event: ErrorEvent, metadata: CallMetadata, state: MantleCallState): ErrorEvent {
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

/**
 * Record which region stored a finished call's response, so a `previousResponseId` continuation
 * goes back there (docs/adr/1002).
 */
export function rememberResponseRegion(finish: FinishEvent, state: MantleCallState, responseRegions: MantleResponseRegions | undefined): void {
  const responseId = finish.metadata?.responseId;
  if (responseRegions !== undefined && responseId !== undefined && state.region !== undefined) {
    responseRegions.remember(responseId, state.region);
  }
}
