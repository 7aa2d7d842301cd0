import type { PreparedResponse } from "../server/http-exchange.js";
import { RETRY_AFTER_HEADERS, type SurfaceErrors } from "./surface-errors.js";

/** Anthropic's error types. */
export type AnthropicErrorType =
  | "invalid_request_error"
  | "authentication_error"
  | "permission_error"
  | "not_found_error"
  | "request_too_large"
  | "rate_limit_error"
  | "api_error"
  | "overloaded_error";

/** `{"type":"error","error":{"type","message"},"request_id"}`, the envelope Mantle's Anthropic surface uses (facts §1.8). */
export function anthropicError(
  status: number,
  type: AnthropicErrorType,
  message: string,
  requestId: string,
  headers?: Record<string, string>,
): PreparedResponse {
  return {
    status,
    contentType: "application/json",
    body: JSON.stringify({ type: "error", error: { type, message }, request_id: requestId }),
    ...(headers ? { headers } : {}),
  };
}

/** The same envelope as an SSE `event: error` (sent after a stream has started). */
export function anthropicErrorEvent(type: AnthropicErrorType, message: string): string {
  return `event: error\ndata: ${JSON.stringify({ type: "error", error: { type, message } })}\n\n`;
}

const FAULT_TYPES: Record<number, [AnthropicErrorType, string]> = {
  400: ["invalid_request_error", "Invalid request"],
  401: ["authentication_error", "Invalid bearer token"],
  403: ["permission_error", "Permission denied"],
  404: ["not_found_error", "Not found"],
  413: ["request_too_large", "Request exceeds the maximum allowed number of bytes."],
  429: ["rate_limit_error", "Too many requests, please wait before trying again."],
  529: ["overloaded_error", "Overloaded"],
};

/** Envelopes of `/anthropic/v1/...`. */
export const anthropicSurfaceErrors: SurfaceErrors = {
  auth(failure, requestId) {
    const message = failure.bearer || failure.reason === "missing" ? "Invalid bearer token" : failure.message;
    return anthropicError(401, "authentication_error", message, requestId);
  },
  accessDenied(message, requestId) {
    return anthropicError(403, "permission_error", message, requestId);
  },
  throttled(requestId) {
    return anthropicError(429, "rate_limit_error", "Too many requests, please wait before trying again.", requestId, {
      ...RETRY_AFTER_HEADERS,
    });
  },
  statusFault(status, requestId) {
    const [type, message] = FAULT_TYPES[status] ?? (status >= 500 ? ["api_error", "Internal server error"] : ["invalid_request_error", "Invalid request"]);
    return anthropicError(status, type, message, requestId);
  },
  notFound(_method, _path, requestId) {
    return anthropicError(404, "not_found_error", "Not Found", requestId);
  },
  malformedBody(requestId) {
    return anthropicError(400, "invalid_request_error", "There was an issue with your request body: it is not valid JSON.", requestId);
  },
};
