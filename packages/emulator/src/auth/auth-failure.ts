/**
 * Why a request failed authentication. Each surface renders these in its own envelope; the
 * `message` already carries AWS's wording where one exists (ADR 0301 lists the sources).
 */
export type AuthFailureReason =
  /** No Authorization header (or only headers this surface ignores, such as `x-api-key`). */
  | "missing"
  /** A bearer value that is neither a configured key nor a valid short-term token. */
  | "invalid-api-key"
  /** A short-term token whose `X-Amz-Date + X-Amz-Expires` has passed. */
  | "expired-api-key"
  /** An Authorization header that is not a well-formed SigV4 header. */
  | "incomplete-signature"
  /** An access key id the emulator does not know, or a missing/wrong session token. */
  | "invalid-client-token"
  /** STS-issued credentials past their expiration. */
  | "expired-session-token"
  /** The recomputed signature differs (wrong secret, tampered body or headers). */
  | "signature-mismatch"
  /** `x-amz-date` more than 15 minutes from the emulator's clock. */
  | "signature-expired"
  /** Credential scope names another region. */
  | "wrong-region"
  /** Credential scope names another service. */
  | "wrong-service";

/** A failed authentication. */
export interface AuthFailure {
  readonly reason: AuthFailureReason;
  /** True when the caller used a bearer value (so the surface answers with its API-key wording). */
  readonly bearer: boolean;
  /** AWS's message for the reason. */
  readonly message: string;
}

/** AWS's wording for the SigV4 failures (shared by runtime, control plane, STS and Mantle). */
export const SIGV4_MESSAGES = {
  signatureMismatch:
    "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.",
  invalidClientToken: "The security token included in the request is invalid.",
  expiredToken: "The security token included in the request is expired",
  missingToken: "Missing Authentication Token",
  incomplete:
    "Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
} as const;

/** `Signature expired: <date> is now earlier than <limit> (<now> - 15 min.)`, AWS's skew message. */
export function describeSignatureExpired(requestDate: string, nowCompact: string, limitCompact: string, early: boolean): string {
  return early
    ? `Signature expired: ${requestDate} is now earlier than ${limitCompact} (${nowCompact} - 15 min.)`
    : `Signature not yet current: ${requestDate} is still later than ${limitCompact} (${nowCompact} + 15 min.)`;
}

/** Formats epoch ms as SigV4's `YYYYMMDDTHHMMSSZ`. */
export function toAmzDate(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

/** Parses SigV4's `YYYYMMDDTHHMMSSZ` to epoch ms, or undefined. */
export function parseAmzDate(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match;
  const epoch = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
  return Number.isNaN(epoch) ? undefined : epoch;
}
