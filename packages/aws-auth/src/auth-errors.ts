import { BedrockKitError, redactSecrets } from "@bedrock-kit/plugin-host";

/** What to set, said once: both kinds of credential the plugins accept. */
const WHAT_TO_SET =
  "Set AWS_BEARER_TOKEN_BEDROCK to an Amazon Bedrock API key, or configure AWS credentials for the default chain " +
  "(AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE with a profile in ~/.aws/config, `aws sso login`, " +
  "web identity, or a container or instance role).";

/** Options of {@link missingCredentialError}. */
export interface MissingCredentialErrorOptions {
  /** Provider id, for the message. */
  provider?: string;
  /** Every source tried, described as config names it (`env:AWS_BEARER_TOKEN_BEDROCK`, `aws-sigv4`). */
  tried: string[];
  /** Why each source gave nothing, index for index with `tried` (`not set`, the chain's reason). */
  reasons?: string[];
  /** The underlying failure (a credential chain error), kept for debugging. */
  cause?: unknown;
}

/** No source yielded a credential: `auth`, listing what was tried and what to set. */
export function missingCredentialError(options: MissingCredentialErrorOptions): BedrockKitError {
  const who = options.provider ? ` for ${options.provider}` : "";
  const list = options.tried.length > 0 ? describeTried(options.tried, options.reasons) : "no credential source configured";
  return new BedrockKitError({
    code: "auth",
    message: `No credential found${who}: tried ${list}.`,
    hint: `${WHAT_TO_SET} Tried, in order: ${list}.`,
    retryable: false,
    ...(options.provider !== undefined && { provider: options.provider }),
    ...(options.cause !== undefined && { cause: options.cause }),
  });
}

/** Options of {@link expiredKeyError}. */
export interface ExpiredKeyErrorOptions {
  /** Provider id, for the message. */
  provider?: string;
  /** Where the key came from (`env:AWS_BEARER_TOKEN_BEDROCK`, `aws-sigv4`); never the key. */
  source: string;
  /** When it expired (ms since epoch), when known. */
  expiredAt?: number;
}

/** A static key (a Bedrock API key, or AWS keys with an expiration) has expired: `auth`, regenerate it. */
export function expiredKeyError(options: ExpiredKeyErrorOptions): BedrockKitError {
  const who = options.provider ? ` (${options.provider})` : "";
  const when = options.expiredAt !== undefined ? ` at ${new Date(options.expiredAt).toISOString()}` : "";
  return new BedrockKitError({
    code: "auth",
    message: `The credential from ${options.source} expired${when}${who}.`,
    hint:
      `Regenerate the key (Amazon Bedrock console > API keys, or mint a new short-term key) and update ${options.source}; ` +
      "for AWS credentials, refresh them (`aws sso login`, a new session) or unset the expired variables so the default chain is used.",
    retryable: false,
    ...(options.provider !== undefined && { provider: options.provider }),
  });
}

/** Options of {@link credentialChainError}. */
export interface CredentialChainErrorOptions {
  /** Provider id, for the message. */
  provider?: string;
  /** The chain's failure. */
  cause: unknown;
  /** Every source tried, as in {@link MissingCredentialErrorOptions}. */
  tried?: string[];
  /** Why each source gave nothing, index for index with `tried`. */
  reasons?: string[];
}

/**
 * The AWS credential chain failed for a reason other than "nothing configured" (an expired SSO
 * session, a missing profile, a refused AssumeRole): `auth`, with the chain's reason (redacted) in
 * the message and the hint, and the original error as `cause`.
 */
export function credentialChainError(options: CredentialChainErrorOptions): BedrockKitError {
  const reason = describeChainFailure(options.cause);
  const who = options.provider ? ` for ${options.provider}` : "";
  const tried = options.tried && options.tried.length > 1 ? ` Tried, in order: ${describeTried(options.tried, options.reasons)}.` : "";
  return new BedrockKitError({
    code: "auth",
    message: `The AWS credential chain failed${who}: ${reason}`,
    hint: `${adviceFor(reason)} (AWS credential chain: ${reason})${tried}`,
    retryable: false,
    ...(options.provider !== undefined && { provider: options.provider }),
    cause: options.cause,
  });
}

/** The chain's reason in one redacted line (never a secret, never a stack). */
export function describeChainFailure(cause: unknown): string {
  const message = cause instanceof Error ? cause.message : typeof cause === "string" ? cause : "unknown failure";
  const line = oneLine(message);
  return line.length > 0 ? line : "unknown failure";
}

/** Whether a chain failure only means "no credential configured anywhere". */
export function isNoCredentialsFailure(cause: unknown): boolean {
  const message = cause instanceof Error ? cause.message : String(cause);
  return /could not load credentials from any providers/i.test(message);
}

function adviceFor(reason: string): string {
  if (/sso|token.*expired|expired.*token|refresh/i.test(reason)) return "Refresh the SSO session with `aws sso login` (with --profile if you use AWS_PROFILE).";
  if (/profile/i.test(reason)) return "Check AWS_PROFILE: the profile must exist in ~/.aws/config or ~/.aws/credentials.";
  if (/assume ?role|access ?denied|not authorized/i.test(reason)) return "Check that the role can be assumed by this identity (trust policy, sts:AssumeRole).";
  if (/metadata|imds|ec2|container|ecs/i.test(reason)) return "The instance or container role did not answer; check the role attachment and network access to the metadata endpoint.";
  return WHAT_TO_SET;
}

function describeTried(tried: string[], reasons: string[] | undefined): string {
  return tried
    .map((source, index) => {
      const reason = reasons?.[index];
      return reason ? `${source} (${oneLine(reason)})` : source;
    })
    .join(", ");
}

function oneLine(text: string): string {
  const first = redactSecrets(text).split(/\r?\n/, 1)[0] ?? "";
  return first.length > 300 ? `${first.slice(0, 297)}...` : first.trim();
}
