import type { AuthFailure } from "../auth/auth-failure.js";
import type { PreparedResponse } from "../server/http-exchange.js";
import { RETRY_AFTER_HEADERS, type SurfaceErrors } from "./surface-errors.js";

/** Escapes text for an XML element. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");
}

/** STS's query-protocol `<ErrorResponse>` (what the AWS SDK's awsQuery error parser reads). */
export function stsError(
  status: number,
  code: string,
  message: string,
  requestId: string,
  headers?: Record<string, string>,
): PreparedResponse {
  const type = status >= 500 ? "Receiver" : "Sender";
  const body =
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">\n` +
    `  <Error>\n    <Type>${type}</Type>\n    <Code>${escapeXml(code)}</Code>\n    <Message>${escapeXml(message)}</Message>\n  </Error>\n` +
    `  <RequestId>${requestId}</RequestId>\n</ErrorResponse>\n`;
  return { status, contentType: "text/xml", body, ...(headers ? { headers } : {}) };
}

function authError(failure: AuthFailure, requestId: string): PreparedResponse {
  switch (failure.reason) {
    case "missing":
      return stsError(403, "MissingAuthenticationToken", "Request is missing Authentication Token", requestId);
    case "incomplete-signature":
      return stsError(400, "IncompleteSignature", failure.message, requestId);
    case "invalid-client-token":
    case "invalid-api-key":
    case "expired-api-key":
      return stsError(403, "InvalidClientTokenId", "The security token included in the request is invalid.", requestId);
    case "expired-session-token":
      return stsError(403, "ExpiredToken", failure.message, requestId);
    default:
      return stsError(403, "SignatureDoesNotMatch", failure.message, requestId);
  }
}

/** Envelopes of the STS route. */
export const stsSurfaceErrors: SurfaceErrors = {
  auth: authError,
  accessDenied: (message, requestId) => stsError(403, "AccessDenied", message, requestId),
  // STS throttles with 400 Throttling "Rate exceeded".
  throttled: (requestId) => stsError(400, "Throttling", "Rate exceeded", requestId, { ...RETRY_AFTER_HEADERS }),
  statusFault: (status, requestId) =>
    status >= 500
      ? stsError(status, status === 503 ? "ServiceUnavailable" : "InternalFailure", "Service is unavailable", requestId)
      : stsError(status, "InvalidRequest", "The request is invalid.", requestId),
  notFound: (method, path, requestId) =>
    stsError(400, "InvalidAction", `Could not find operation for ${method} ${path}`, requestId),
  malformedBody: (requestId) => stsError(400, "MalformedInput", "The request body could not be parsed.", requestId),
};
