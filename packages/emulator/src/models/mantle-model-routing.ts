import type { MantleApi, MantleSurface, WrongSurfaceReply } from "../emulator-types.js";
import { anthropicError } from "../errors/anthropic-error-bodies.js";
import { openAiError, openAiInvalidRequest } from "../errors/openai-error-bodies.js";
import type { PreparedResponse } from "../server/http-exchange.js";
import type { MantleEntry, ModelCatalog } from "./model-catalog.js";

/** The outcome of checking a model against the surface and API a request used. */
export type MantleRouteCheck = { readonly ok: true; readonly entry: MantleEntry } | { readonly ok: false; readonly response: PreparedResponse };

/** The API path as Mantle names it in its errors (without the `/openai` prefix). */
export const API_PATHS: Record<MantleApi, string> = {
  "chat-completions": "/v1/chat/completions",
  responses: "/v1/responses",
  messages: "/anthropic/v1/messages",
};

function doesNotSupport(id: string, api: MantleApi): string {
  return `The model '${id}' does not support the '${API_PATHS[api]}' API`;
}

function wrongSurface(reply: WrongSurfaceReply, id: string, api: MantleApi): PreparedResponse {
  switch (reply) {
    case "berm-not-enabled":
      return openAiError(401, { code: "access_denied", message: "Berm is not enabled for this account", type: "permission_denied_error" });
    case "invalid-security-token":
      return openAiError(401, {
        code: "invalid_token",
        message: "The security token included in the request is invalid",
        type: "authentication_error",
      });
    case "api-not-supported":
      return openAiInvalidRequest(doesNotSupport(id, api));
    case "route-not-supported":
      return openAiInvalidRequest(`model ${id} isn't supported on this route`);
  }
}

/**
 * Decides whether `modelId` may be called with `api` on `surface`, answering as Mantle does when it
 * may not (facts §1.3, §1.8, §5 #1–#5): unknown ids (including `us.`/`global.` profile ids) 404;
 * Claude only on `/anthropic`; each OpenAI-surface model fails on the other OpenAI surface with its
 * own, sometimes misleading, status and message.
 */
export function checkMantleRoute(
  catalog: ModelCatalog,
  modelId: string,
  surface: MantleSurface,
  api: MantleApi,
  requestId: string,
): MantleRouteCheck {
  const entry = catalog.mantleModel(modelId);
  if (!entry) {
    const message = `The model '${modelId}' does not exist`;
    return {
      ok: false,
      response:
        surface === "anthropic"
          ? anthropicError(404, "not_found_error", message, requestId)
          : openAiError(404, { code: "model_not_found", message, type: "not_found_error" }),
    };
  }
  const home = entry.placement.surface;
  if (surface === "anthropic") {
    return home === "anthropic"
      ? { ok: true, entry }
      : { ok: false, response: anthropicError(400, "invalid_request_error", doesNotSupport(modelId, "messages"), requestId) };
  }
  if (home === "anthropic") return { ok: false, response: openAiInvalidRequest(doesNotSupport(modelId, api)) };
  if (home !== surface) {
    const openAiApi = api === "messages" ? "chat-completions" : api;
    const reply = entry.placement.onWrongSurface?.[openAiApi] ?? "route-not-supported";
    return { ok: false, response: wrongSurface(reply, modelId, api) };
  }
  if (!entry.placement.apis.includes(api)) return { ok: false, response: openAiInvalidRequest(doesNotSupport(modelId, api)) };
  return { ok: true, entry };
}
