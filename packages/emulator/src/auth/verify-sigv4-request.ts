import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import {
  type AuthFailure,
  type AuthFailureReason,
  describeSignatureExpired,
  parseAmzDate,
  SIGV4_MESSAGES,
  toAmzDate,
} from "./auth-failure.js";
import type { CredentialStore, StoredCredential } from "./credential-store.js";

/** The request parts a SigV4 signature covers. */
export interface SignedRequestParts {
  readonly method: string;
  /** The path exactly as received (still percent-encoded), without the query. */
  readonly rawPath: string;
  /** The query exactly as received, without `?`. */
  readonly rawQuery: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

/** What the verifier checks the signature against. */
export interface SigV4Expectation {
  readonly service: string;
  readonly region: string;
  readonly nowMs: number;
  readonly store: CredentialStore;
}

/** A parsed `AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…` header. */
interface ParsedAuthorization {
  accessKeyId: string;
  scopeDate: string;
  scopeRegion: string;
  scopeService: string;
  signedHeaders: string[];
  signature: string;
}

const MAX_SKEW_MS = 15 * 60 * 1000;
const ALGORITHM_PREFIX = "AWS4-HMAC-SHA256 ";

/** True when the Authorization header is a SigV4 header (as opposed to a bearer value). */
export function isSigV4Authorization(authorization: string): boolean {
  return authorization.startsWith("AWS4-");
}

function parseAuthorization(authorization: string): ParsedAuthorization | undefined {
  if (!authorization.startsWith(ALGORITHM_PREFIX)) return undefined;
  const fields = new Map<string, string>();
  for (const part of authorization.slice(ALGORITHM_PREFIX.length).split(",")) {
    const separator = part.indexOf("=");
    if (separator > 0) fields.set(part.slice(0, separator).trim(), part.slice(separator + 1).trim());
  }
  const credential = fields.get("Credential")?.split("/");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!credential || credential.length !== 5 || credential[4] !== "aws4_request" || !signedHeaders || !signature) {
    return undefined;
  }
  const [accessKeyId, scopeDate, scopeRegion, scopeService] = credential as [string, string, string, string];
  return { accessKeyId, scopeDate, scopeRegion, scopeService, signedHeaders: signedHeaders.split(";"), signature };
}

function fail(reason: AuthFailureReason, message: string): AuthFailure {
  return { reason, bearer: false, message };
}

/** Decodes a raw query into the map smithy signs (values decoded; smithy re-encodes them canonically). */
export function parseRawQuery(rawQuery: string): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  if (rawQuery === "") return query;
  for (const pair of rawQuery.split("&")) {
    if (pair === "") continue;
    const separator = pair.indexOf("=");
    const key = safeDecode(separator === -1 ? pair : pair.slice(0, separator));
    const value = separator === -1 ? "" : safeDecode(pair.slice(separator + 1));
    const existing = query[key];
    if (existing === undefined) query[key] = value;
    else query[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return query;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Verifies a SigV4 `Authorization` header the way AWS does: credential scope (region, service),
 * the access key and session token, the 15-minute clock skew, and finally the signature itself,
 * recomputed with `@smithy/signature-v4` over the headers the caller listed and the real body hash.
 */
export async function verifySigV4Request(
  authorization: string,
  parts: SignedRequestParts,
  expectation: SigV4Expectation,
): Promise<{ credential: StoredCredential } | { failure: AuthFailure }> {
  const parsed = parseAuthorization(authorization);
  if (!parsed) return { failure: fail("incomplete-signature", SIGV4_MESSAGES.incomplete) };
  // Over HTTP/2 the AWS SDK signs the `:authority` pseudo-header instead of `host`.
  if (!parsed.signedHeaders.includes("host") && !parsed.signedHeaders.includes(":authority")) {
    return {
      failure: fail("incomplete-signature", "'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization."),
    };
  }
  if (parsed.scopeRegion !== expectation.region) {
    return { failure: fail("wrong-region", `Credential should be scoped to a valid region. `) };
  }
  if (parsed.scopeService !== expectation.service) {
    return {
      failure: fail("wrong-service", `Credential should be scoped to correct service: '${expectation.service}'. `),
    };
  }
  const credential = expectation.store.findAccessKey(parsed.accessKeyId);
  if (!credential) return { failure: fail("invalid-client-token", SIGV4_MESSAGES.invalidClientToken) };
  const sessionToken = headerText(parts.headers, "x-amz-security-token");
  if (credential.sessionToken !== sessionToken) {
    return { failure: fail("invalid-client-token", SIGV4_MESSAGES.invalidClientToken) };
  }
  if (credential.expiresAt !== undefined && expectation.nowMs >= credential.expiresAt) {
    return { failure: fail("expired-session-token", SIGV4_MESSAGES.expiredToken) };
  }

  const amzDate = headerText(parts.headers, "x-amz-date");
  const requestMs = amzDate === undefined ? undefined : parseAmzDate(amzDate);
  if (amzDate === undefined || requestMs === undefined) {
    return { failure: fail("incomplete-signature", SIGV4_MESSAGES.incomplete) };
  }
  if (amzDate.slice(0, 8) !== parsed.scopeDate) {
    return {
      failure: fail(
        "signature-mismatch",
        `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${parsed.scopeDate}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
      ),
    };
  }
  const skew = requestMs - expectation.nowMs;
  if (Math.abs(skew) > MAX_SKEW_MS) {
    const early = skew < 0;
    const limit = toAmzDate(expectation.nowMs + (early ? -MAX_SKEW_MS : MAX_SKEW_MS));
    return {
      failure: fail("signature-expired", describeSignatureExpired(amzDate, toAmzDate(expectation.nowMs), limit, early)),
    };
  }

  const expected = await computeSignature(parsed, parts, credential, expectation, new Date(requestMs));
  if (!constantTimeEqual(expected, parsed.signature)) {
    return { failure: fail("signature-mismatch", SIGV4_MESSAGES.signatureMismatch) };
  }
  return { credential };
}

async function computeSignature(
  parsed: ParsedAuthorization,
  parts: SignedRequestParts,
  credential: StoredCredential,
  expectation: SigV4Expectation,
  signingDate: Date,
): Promise<string | undefined> {
  const signed = new Set(parsed.signedHeaders);
  const headers: Record<string, string> = {};
  for (const name of signed) {
    const value = isAuthority(name) ? authorityOf(parts.headers, name) : headerText(parts.headers, name);
    if (value !== undefined) headers[name] = value;
  }
  // smithy takes the payload hash from this header when present; hashing the body natively here
  // keeps large bodies off the pure-JS SHA-256, and a client that lied in the header still fails.
  const bodyHash = createHash("sha256").update(parts.body).digest("hex");
  headers["x-amz-content-sha256"] = bodyHash;
  const unsignable = signed.has("x-amz-content-sha256") ? undefined : new Set(["x-amz-content-sha256"]);
  const signsSessionToken = signed.has("x-amz-security-token");

  const signer = new SignatureV4({
    service: expectation.service,
    region: expectation.region,
    credentials: {
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      ...(signsSessionToken && credential.sessionToken ? { sessionToken: credential.sessionToken } : {}),
    },
    sha256: Sha256,
    applyChecksum: false,
  });
  const result = await signer.sign(
    {
      method: parts.method,
      protocol: "http:",
      hostname: authorityOf(parts.headers, "host") ?? "localhost",
      path: parts.rawPath,
      query: parseRawQuery(parts.rawQuery),
      headers,
    },
    { signingDate, signableHeaders: signed, ...(unsignable ? { unsignableHeaders: unsignable } : {}) },
  );
  const authorization = result.headers.authorization;
  return typeof authorization === "string" ? /Signature=([0-9a-f]+)/.exec(authorization)?.[1] : undefined;
}

/** Constant-time string comparison (false when either side is missing). */
export function constantTimeEqual(expected: string | undefined, actual: string): boolean {
  if (expected === undefined) return false;
  const left = Buffer.from(expected);
  const right = Buffer.from(actual);
  return left.length === right.length && timingSafeEqual(left, right);
}

function isAuthority(name: string): boolean {
  return name === "host" || name === ":authority";
}

/** `host` or `:authority`, whichever the request carries, preferring the one asked for. */
function authorityOf(headers: IncomingHttpHeaders, preferred: string): string | undefined {
  return headerText(headers, preferred) ?? headerText(headers, preferred === "host" ? ":authority" : "host");
}

function headerText(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(",") : value;
}
