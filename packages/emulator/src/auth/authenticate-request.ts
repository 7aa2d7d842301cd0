import type { AuthKind, IamAction } from "../emulator-types.js";
import type { AuthFailure } from "./auth-failure.js";
import { SIGV4_MESSAGES } from "./auth-failure.js";
import type { CredentialStore } from "./credential-store.js";
import type { Principal } from "./principal.js";
import { SHORT_TERM_TOKEN_PREFIX, verifyShortTermToken } from "./verify-short-term-token.js";
import { isSigV4Authorization, type SignedRequestParts, verifySigV4Request } from "./verify-sigv4-request.js";

/** How one service authenticates. */
export interface AuthPolicy {
  /** The SigV4 signing name this service checks (`bedrock-mantle`, `bedrock`, `sts`). */
  readonly sigv4Service: string;
  /** Whether `Authorization: Bearer` is accepted at all. */
  readonly acceptsBearer: boolean;
  /** The IAM action that authorises bearer use on this service (denied → access denied). */
  readonly bearerAction?: IamAction;
}

/** The outcome of authentication. */
export type AuthResult =
  | { readonly ok: true; readonly principal: Principal; readonly kind: AuthKind }
  | { readonly ok: false; readonly failure: AuthFailure };

/** Everything authentication depends on. */
export interface AuthEnvironment {
  readonly store: CredentialStore;
  readonly region: string;
  readonly nowMs: number;
}

const BEARER_PREFIX = "Bearer ";

/**
 * Authenticates a request by its `Authorization` header: a configured long-term key, a presigned
 * short-term token, or a SigV4 signature for `policy.sigv4Service`. `x-api-key` is deliberately not
 * read: no source shows Mantle accepting it (facts §7), so a client that sends only that fails here
 * as it would on AWS.
 */
export async function authenticateRequest(
  authorization: string | undefined,
  parts: SignedRequestParts,
  policy: AuthPolicy,
  environment: AuthEnvironment,
): Promise<AuthResult> {
  if (authorization === undefined || authorization.trim() === "") {
    return { ok: false, failure: { reason: "missing", bearer: false, message: SIGV4_MESSAGES.missingToken } };
  }
  if (isSigV4Authorization(authorization)) {
    const verified = await verifySigV4Request(authorization, parts, {
      service: policy.sigv4Service,
      region: environment.region,
      nowMs: environment.nowMs,
      store: environment.store,
    });
    if ("failure" in verified) return { ok: false, failure: verified.failure };
    const kind: AuthKind = verified.credential.sessionToken ? "sigv4-session" : "sigv4";
    return { ok: true, principal: verified.credential.principal, kind };
  }
  const invalidBearer: AuthFailure = { reason: "invalid-api-key", bearer: true, message: "Invalid bearer token" };
  if (!authorization.startsWith(BEARER_PREFIX) || !policy.acceptsBearer) {
    return { ok: false, failure: policy.acceptsBearer ? invalidBearer : incompleteSignature() };
  }
  const token = authorization.slice(BEARER_PREFIX.length).trim();
  if (token.startsWith(SHORT_TERM_TOKEN_PREFIX)) {
    const verified = await verifyShortTermToken(token, {
      region: environment.region,
      nowMs: environment.nowMs,
      store: environment.store,
    });
    if ("failure" in verified) return { ok: false, failure: verified.failure };
    return { ok: true, principal: verified.credential.principal, kind: "short-term-token" };
  }
  const principal = environment.store.findApiKey(token);
  return principal ? { ok: true, principal, kind: "api-key" } : { ok: false, failure: invalidBearer };
}

function incompleteSignature(): AuthFailure {
  return { reason: "incomplete-signature", bearer: false, message: SIGV4_MESSAGES.incomplete };
}
