import type { AuthFailure } from "../auth/auth-failure.js";
import type { PreparedResponse } from "../server/http-exchange.js";
import { RETRY_AFTER_HEADERS, type SurfaceErrors } from "./surface-errors.js";

const BEDROCK_NAMESPACE = "http://internal.amazon.com/coral/com.amazon.bedrock/";
const CORAL_NAMESPACE = "http://internal.amazon.com/coral/com.amazon.coral.service/";

/**
 * An AWS JSON error as bedrock-runtime and the control plane send it: `x-amzn-errortype:
 * <Type>:<namespace>` and `{"message": …}` (IAM denials use capital-M `{"Message": …}`, facts §3.6).
 */
export function awsJsonError(
  status: number,
  errorType: string,
  message: string,
  options: { capitalMessage?: boolean; namespace?: string; headers?: Record<string, string> } = {},
): PreparedResponse {
  return {
    status,
    contentType: "application/json",
    body: JSON.stringify(options.capitalMessage ? { Message: message } : { message }),
    headers: { "x-amzn-errortype": `${errorType}:${options.namespace ?? BEDROCK_NAMESPACE}`, ...options.headers },
  };
}

/** 400 ValidationException with `message`. */
export function validationException(message: string): PreparedResponse {
  return awsJsonError(400, "ValidationException", message);
}

function authError(failure: AuthFailure): PreparedResponse {
  const coral = { namespace: CORAL_NAMESPACE };
  switch (failure.reason) {
    case "missing":
      return awsJsonError(403, "MissingAuthenticationTokenException", "Missing Authentication Token", coral);
    case "invalid-api-key":
    case "expired-api-key":
      // Observed verbatim for rejected Bedrock API keys (ai4s-research/open-science #53, anomalyco/opencode #47073).
      return awsJsonError(403, "AccessDeniedException", "Authentication failed: Please make sure your API Key is valid.", {
        capitalMessage: true,
      });
    case "incomplete-signature":
      return awsJsonError(400, "IncompleteSignatureException", failure.message, coral);
    case "invalid-client-token":
      return awsJsonError(403, "UnrecognizedClientException", failure.message, coral);
    case "expired-session-token":
      return awsJsonError(403, "ExpiredTokenException", failure.message, coral);
    default:
      return awsJsonError(403, "InvalidSignatureException", failure.message, coral);
  }
}

const FAULTS: Record<number, [string, string]> = {
  400: ["ValidationException", "The request is invalid."],
  403: ["AccessDeniedException", "You don't have access to the model with the specified model ID."],
  404: ["ResourceNotFoundException", "The requested resource could not be found."],
  408: ["ModelTimeoutException", "Model has timed out in processing the request. Try your request again."],
  424: ["ModelErrorException", "The model encountered an error processing the request."],
  429: ["ThrottlingException", "Too many requests, please wait before trying again."],
  500: ["InternalServerException", "The server encountered an internal error while processing the request."],
  503: ["ServiceUnavailableException", "Bedrock is unable to process your request."],
};

/** Envelopes of bedrock-runtime and the control plane. */
export const awsJsonSurfaceErrors: SurfaceErrors = {
  auth: (failure) => authError(failure),
  accessDenied: (message) => awsJsonError(403, "AccessDeniedException", message, { capitalMessage: true }),
  throttled: () =>
    awsJsonError(429, "ThrottlingException", "Too many requests, please wait before trying again.", {
      headers: { ...RETRY_AFTER_HEADERS },
    }),
  statusFault(status) {
    const [type, message] = FAULTS[status] ?? (status >= 500 ? ["InternalServerException", "Internal server error"] : ["ValidationException", "The request is invalid."]);
    return awsJsonError(status, type, message);
  },
  // The runtime answers a path it does not know with coral's UnknownOperationException (facts §3.2).
  notFound: () => ({
    status: 404,
    contentType: "application/json",
    body: JSON.stringify({ Output: { __type: "com.amazon.coral.service#UnknownOperationException" }, Version: "1.0" }),
  }),
  malformedBody: () => validationException("Malformed input request, please reformat your input and try again."),
};
