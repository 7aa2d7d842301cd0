import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { type AuthFailure, parseAmzDate } from "./auth-failure.js";
import type { CredentialStore, StoredCredential } from "./credential-store.js";
import { constantTimeEqual } from "./verify-sigv4-request.js";

/** The prefix of a short-term Bedrock API key. */
export const SHORT_TERM_TOKEN_PREFIX = "bedrock-api-key-";

const SIGNING_HOST = "bedrock.amazonaws.com";
const MAX_EXPIRES_SECONDS = 43_200;
const MAX_FUTURE_SKEW_MS = 15 * 60 * 1000;

/** What the token is checked against. */
export interface TokenExpectation {
  readonly region: string;
  readonly nowMs: number;
  readonly store: CredentialStore;
}

function invalid(): { failure: AuthFailure } {
  return { failure: { reason: "invalid-api-key", bearer: true, message: "Invalid bearer token" } };
}

/**
 * Verifies a short-term token (facts §2.3): `bedrock-api-key-` + base64 of
 * `bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-…&Version=1`. The presigned signature is
 * recomputed for service `bedrock`, host `bedrock.amazonaws.com`, the scope's region (which must be
 * the emulator's), with the secret of the named access key; `X-Amz-Date + X-Amz-Expires` must not
 * have passed, nor the session of STS-issued credentials.
 */
export async function verifyShortTermToken(
  token: string,
  expectation: TokenExpectation,
): Promise<{ credential: StoredCredential } | { failure: AuthFailure }> {
  const decoded = Buffer.from(token.slice(SHORT_TERM_TOKEN_PREFIX.length), "base64").toString("utf8");
  const urlPrefix = `${SIGNING_HOST}/?`;
  if (!decoded.startsWith(urlPrefix)) return invalid();
  const params = new URLSearchParams(decoded.slice(urlPrefix.length));
  if (params.get("Action") !== "CallWithBearerToken" || params.get("X-Amz-Algorithm") !== "AWS4-HMAC-SHA256") {
    return invalid();
  }
  const scope = params.get("X-Amz-Credential")?.split("/");
  const amzDate = params.get("X-Amz-Date");
  const expiresText = params.get("X-Amz-Expires");
  const signature = params.get("X-Amz-Signature");
  if (!scope || scope.length !== 5 || !amzDate || !expiresText || !signature) return invalid();
  const [accessKeyId, scopeDate, scopeRegion, scopeService] = scope as [string, string, string, string];
  const signedAt = parseAmzDate(amzDate);
  const expiresIn = Number(expiresText);
  if (
    signedAt === undefined ||
    !Number.isInteger(expiresIn) ||
    expiresIn <= 0 ||
    expiresIn > MAX_EXPIRES_SECONDS ||
    scopeService !== "bedrock" ||
    scopeDate !== amzDate.slice(0, 8) ||
    // "Can be used only in the AWS Region from which you generated it."
    scopeRegion !== expectation.region ||
    signedAt > expectation.nowMs + MAX_FUTURE_SKEW_MS
  ) {
    return invalid();
  }
  const credential = expectation.store.findAccessKey(accessKeyId);
  const sessionToken = params.get("X-Amz-Security-Token") ?? undefined;
  if (!credential || credential.sessionToken !== sessionToken) return invalid();

  const query: Record<string, string> = {};
  for (const [name, value] of params) {
    // The minter appends `&Version=1` after presigning, so it is not part of the signature.
    if (!name.toLowerCase().startsWith("x-amz-") && name !== "Version") query[name] = value;
  }
  const signer = new SignatureV4({
    service: "bedrock",
    region: scopeRegion,
    credentials: {
      accessKeyId: credential.accessKeyId,
      secretAccessKey: credential.secretAccessKey,
      ...(credential.sessionToken ? { sessionToken: credential.sessionToken } : {}),
    },
    sha256: Sha256,
  });
  const presigned = await signer.presign(
    { method: "POST", protocol: "https:", hostname: SIGNING_HOST, path: "/", headers: { host: SIGNING_HOST }, query },
    { signingDate: new Date(signedAt), expiresIn },
  );
  const expected = presigned.query?.["X-Amz-Signature"];
  if (typeof expected !== "string" || !constantTimeEqual(expected, signature)) return invalid();

  const tokenExpired = expectation.nowMs >= signedAt + expiresIn * 1000;
  const sessionExpired = credential.expiresAt !== undefined && expectation.nowMs >= credential.expiresAt;
  if (tokenExpired || sessionExpired) {
    return { failure: { reason: "expired-api-key", bearer: true, message: "Bearer token has expired" } };
  }
  return { credential };
}
