import type { AuthFailure } from "../auth/auth-failure.js";
import type { PreparedResponse } from "../server/http-exchange.js";

/**
 * The error bodies one surface sends for the failures the shared pipeline detects. Each surface
 * answers in its own envelope (OpenAI, Anthropic, AWS JSON, STS XML) so a client's error parsing
 * meets what it meets on AWS.
 */
export interface SurfaceErrors {
  /** Authentication failed. */
  auth(failure: AuthFailure, requestId: string): PreparedResponse;
  /** The caller's identity lacks the IAM action (message already in AWS's wording). */
  accessDenied(message: string, requestId: string): PreparedResponse;
  /** Throttled (fault knob `throttleEveryNth`). */
  throttled(requestId: string): PreparedResponse;
  /** A status injected by the `status` fault knob, with the surface's default body for it. */
  statusFault(status: number, requestId: string): PreparedResponse;
  /** No route matches. */
  notFound(method: string, path: string, requestId: string): PreparedResponse;
  /** The body is not the JSON (or form) the route needs. */
  malformedBody(requestId: string): PreparedResponse;
}

/** The `retry-after` header sent with every throttling response. */
export const RETRY_AFTER_HEADERS = { "retry-after": "1" } as const;

/** A response carrying a fault knob's explicit body (string as-is, anything else as JSON). */
export function preparedFaultBody(status: number, body: unknown): PreparedResponse {
  return typeof body === "string"
    ? { status, contentType: "text/plain", body }
    : { status, contentType: "application/json", body: JSON.stringify(body) };
}
