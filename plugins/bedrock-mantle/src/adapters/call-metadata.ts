import { computeUsageCost, type CallMetadata, type StreamEvent } from "@bedrock-kit/plugin-host";
import { MANTLE_PROVIDER_ID } from "./adapter-errors.js";
import type { MantleCallInput } from "./mantle-wire-adapter.js";

const REQUEST_ID_HEADERS = ["x-amzn-requestid", "x-amzn-request-id", "x-request-id", "request-id"] as const;

/** The upstream request id from response headers, if any. */
export function readRequestId(headers: Record<string, string | undefined>): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const value = headers[name];
    if (value !== undefined && value.length > 0) return value;
  }
  return undefined;
}

/** What the adapter observed about one call, for its terminal event. */
export interface CallObservation {
  /** `clock.now()` when the call started. */
  startedAt: number;
  /** `clock.now()` at the first text or reasoning delta. */
  firstTokenAt?: number;
  /** Upstream request id. */
  requestId?: string;
  /** Responses API response id. */
  responseId?: string;
}

/**
 * Complete the terminal event in place (it is freshly made for this call): call metadata with what
 * the adapter knows (one attempt, no surface fallback; the provider overrides those and merges the
 * rest), the cost from the model's prices, and the request id on an error.
 */
export function completeTerminalEvent(event: StreamEvent, input: MantleCallInput, observation: CallObservation): StreamEvent {
  if (event.type !== "finish" && event.type !== "error") return event;
  const { model, clock } = input;
  const metadata: CallMetadata = {
    provider: MANTLE_PROVIDER_ID,
    api: model.api,
    wireId: model.wireId,
    attempts: 1,
    surfaceFallback: false,
    latencyMs: clock.now() - observation.startedAt,
    ...(model.region !== undefined && { region: model.region }),
    ...(observation.requestId !== undefined && { requestId: observation.requestId }),
    ...(observation.firstTokenAt !== undefined && { timeToFirstTokenMs: observation.firstTokenAt - observation.startedAt }),
    ...(observation.responseId !== undefined && { responseId: observation.responseId }),
  };
  event.metadata = metadata;
  if (event.type === "finish") {
    const cost = computeUsageCost(event.usage, model.cost);
    if (cost !== undefined) event.usage.cost = cost;
  } else if (observation.requestId !== undefined && event.error.requestId === undefined) {
    event.error = event.error.with({ requestId: observation.requestId });
  }
  return event;
}
