import { BedrockKitError, type ErrorCode } from "@bedrock-kit/plugin-host";
import { MANTLE_PROVIDER_ID } from "./adapter-errors.js";

const HINTS: Readonly<Record<ErrorCode, string>> = {
  config: "Check the provider entry in the config file.",
  auth: "The credential was rejected mid-stream; refresh AWS_BEARER_TOKEN_BEDROCK or the AWS credentials and retry.",
  "access-denied": "Grant bedrock-mantle:CreateInference (and model access) to the calling identity.",
  "model-not-found": "Check the model id and that the model is offered in this region (`bedrock-kit models list`).",
  "route-mismatch": "Call the model on the API surface it lives on (`bedrock-kit models list` shows `api`).",
  "invalid-request": "The upstream rejected the request; fix the field its message names.",
  "context-overflow": "Shorten the conversation or lower maxTokens.",
  throttled: "Mantle's token quota was hit; retry after a pause, lower maxTokens, or request a quota increase.",
  unavailable: "The model failed mid-answer; retry the call. Text already received was kept.",
  timeout: "The upstream timed out mid-answer; retry the call.",
  aborted: "Nothing to do: the caller's AbortSignal fired.",
  "stream-corrupt": "The response stream was malformed; retry the call.",
};

/** A classified error for a failure the upstream reported inside the stream (or in a 200 body). */
export function streamFailureError(code: ErrorCode, message: string, details?: { retryable?: boolean }): BedrockKitError {
  return new BedrockKitError({
    code,
    message,
    hint: HINTS[code],
    provider: MANTLE_PROVIDER_ID,
    ...(details?.retryable !== undefined && { retryable: details.retryable }),
  });
}

/** Anthropic `error.type` → code (the documented error types; unknown ones are upstream failures). */
export function anthropicErrorCode(errorType: string | undefined): ErrorCode {
  switch (errorType) {
    case "overloaded_error":
    case "api_error":
      return "unavailable";
    case "rate_limit_error":
      return "throttled";
    case "invalid_request_error":
    case "request_too_large":
      return "invalid-request";
    case "authentication_error":
      return "auth";
    case "permission_error":
      return "access-denied";
    case "not_found_error":
      return "model-not-found";
    case "timeout_error":
      return "timeout";
    default:
      return "unavailable";
  }
}

const HTTP_STATUS_CODES: ReadonlyArray<readonly [number, ErrorCode]> = [
  [400, "invalid-request"],
  [401, "auth"],
  [403, "access-denied"],
  [404, "model-not-found"],
  [408, "timeout"],
  [413, "context-overflow"],
  [429, "throttled"],
];

/**
 * OpenAI-style error object (`{code, type, message}` in a chat chunk, a Responses `error` event or
 * `response.failed`) → code. Mantle passes through backend codes, so match by substring and by an
 * HTTP-like numeric code; anything unrecognised is an upstream failure.
 */
export function openAiErrorCode(code: unknown, type: unknown): ErrorCode {
  const numeric = typeof code === "number" ? code : typeof code === "string" && /^\d{3}$/.test(code) ? Number(code) : undefined;
  if (numeric !== undefined) {
    for (const [status, mapped] of HTTP_STATUS_CODES) if (status === numeric) return mapped;
    return "unavailable";
  }
  const text = `${typeof code === "string" ? code : ""} ${typeof type === "string" ? type : ""}`.toLowerCase();
  if (/rate_limit|throttl|too_many|quota/.test(text)) return "throttled";
  if (/context_length|context_window|too_long|max_tokens/.test(text)) return "context-overflow";
  if (/authentication|invalid_api_key|unauthori[sz]ed|expired_token/.test(text)) return "auth";
  if (/permission|access_denied|forbidden/.test(text)) return "access-denied";
  if (/model_not_found|not_found/.test(text)) return "model-not-found";
  if (/timeout|timed_out/.test(text)) return "timeout";
  if (/invalid|unsupported|bad_request|validation/.test(text)) return "invalid-request";
  return "unavailable";
}
