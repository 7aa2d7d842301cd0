import type { MantleApi, MantleSurface } from "../emulator-types.js";
import { openAiError } from "../errors/openai-error-bodies.js";
import { anthropicError } from "../errors/anthropic-error-bodies.js";
import type { MantleEntry } from "../models/model-catalog.js";
import { checkMantleRoute } from "../models/mantle-model-routing.js";
import { type Exchange, parseJsonObject, sendPrepared } from "../server/http-exchange.js";
import { authorize, type RouteContext } from "../server/service-definition.js";

/** Mantle's inference action (facts §1.7). */
export const CREATE_INFERENCE_ACTION = "bedrock-mantle:CreateInference";

/** The project resource every Mantle inference is authorised against. */
export function mantleProjectArn(context: RouteContext): string {
  return `arn:aws:bedrock-mantle:${context.state.region}:${context.state.accountId}:project/default`;
}

/** The surface a Mantle path belongs to. */
export function surfaceOfPath(pathname: string): MantleSurface {
  if (pathname.startsWith("/anthropic/")) return "anthropic";
  return pathname.startsWith("/openai/") ? "openai-v1" : "v1";
}

/** What an inference route needs before it renders: the body, the model, and permission. */
export interface AdmittedInference {
  readonly body: Record<string, unknown>;
  readonly entry: MantleEntry;
}

/**
 * The common front of every Mantle inference route: a JSON body, a `model` (unless `modelOptional`
 * finds one elsewhere), the model on this surface for this API, and `bedrock-mantle:<action>`.
 * Sends the failure and returns undefined when the request cannot go on.
 */
export function admitMantleInference(
  exchange: Exchange,
  context: RouteContext,
  api: MantleApi,
  options: { action?: string; modelFallback?: (body: Record<string, unknown>) => string | undefined } = {},
): AdmittedInference | undefined {
  const surface = surfaceOfPath(exchange.url.pathname);
  const body = parseJsonObject(exchange.body);
  if (!body) {
    sendPrepared(exchange, context.errors.malformedBody(exchange.requestId));
    return undefined;
  }
  const modelId = typeof body.model === "string" ? body.model : options.modelFallback?.(body);
  if (modelId === undefined) {
    sendPrepared(
      exchange,
      surface === "anthropic"
        ? anthropicError(400, "invalid_request_error", "model: Field required", exchange.requestId)
        : openAiError(400, { code: "missing_required_parameter", message: "Missing required parameter: 'model'.", param: "model", type: "invalid_request_error" }),
    );
    return undefined;
  }
  exchange.model = modelId;
  const check = checkMantleRoute(context.state.catalog, modelId, surface, api, exchange.requestId);
  if (!check.ok) {
    sendPrepared(exchange, check.response);
    return undefined;
  }
  if (!authorize(exchange, context, options.action ?? CREATE_INFERENCE_ACTION, mantleProjectArn(context))) return undefined;
  return { body, entry: check.entry };
}

/** Unix seconds on the emulator's clock. */
export function unixSeconds(context: RouteContext): number {
  return Math.floor(context.state.clock.now() / 1000);
}
