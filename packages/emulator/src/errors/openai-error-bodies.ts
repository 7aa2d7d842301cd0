import { STATUS_CODES } from "node:http";
import type { AuthFailure } from "../auth/auth-failure.js";
import type { PreparedResponse } from "../server/http-exchange.js";
import { RETRY_AFTER_HEADERS, type SurfaceErrors } from "./surface-errors.js";

/** The fields of Mantle's OpenAI-style error envelope `{"error":{code,message,param,type}}` (facts §1.8). */
export interface OpenAiErrorFields {
  code: string | null;
  message: string;
  param?: string | null;
  type: string;
}

/** An OpenAI-envelope error response. */
export function openAiError(status: number, fields: OpenAiErrorFields, headers?: Record<string, string>): PreparedResponse {
  return {
    status,
    contentType: "application/json",
    body: JSON.stringify({
      error: { code: fields.code, message: fields.message, param: fields.param ?? null, type: fields.type },
    }),
    ...(headers ? { headers } : {}),
  };
}

/** 400 invalid_request_error with an optional `param` and `code`. */
export function openAiInvalidRequest(message: string, param: string | null = null, code: string | null = null): PreparedResponse {
  return openAiError(400, { code, message, param, type: "invalid_request_error" });
}

const TYPE_BY_STATUS: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_denied_error",
  404: "not_found_error",
  409: "conflict_error",
  422: "unprocessable_entity_error",
  429: "rate_limit_error",
};

/** The OpenAI-style envelopes used on `/v1` and `/openai/v1`. */
export const openAiSurfaceErrors: SurfaceErrors = {
  auth(failure: AuthFailure) {
    // Bearer rejections are 401 invalid_api_key "Invalid bearer token" (hermes-agent #87190);
    // SigV4 failures keep AWS's own message in the same envelope.
    if (failure.bearer || failure.reason === "missing") {
      return openAiError(401, { code: "invalid_api_key", message: "Invalid bearer token", type: "authentication_error" });
    }
    return openAiError(401, { code: "invalid_signature", message: failure.message, type: "authentication_error" });
  },
  accessDenied(message) {
    return openAiError(403, { code: "access_denied", message, type: "permission_denied_error" });
  },
  throttled() {
    return openAiError(
      429,
      { code: "rate_limit_exceeded", message: "Too many requests, please wait before trying again.", type: "rate_limit_error" },
      { ...RETRY_AFTER_HEADERS },
    );
  },
  statusFault(status) {
    return openAiError(status, {
      code: null,
      message: STATUS_CODES[status] ?? `HTTP ${status}`,
      type: TYPE_BY_STATUS[status] ?? (status >= 500 ? "api_error" : "invalid_request_error"),
    });
  },
  notFound(method, path) {
    return openAiError(404, { code: null, message: `Invalid URL (${method} ${path})`, type: "invalid_request_error" });
  },
  malformedBody() {
    return openAiInvalidRequest("We could not parse the JSON body of your request.");
  },
};
