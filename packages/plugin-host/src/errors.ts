/**
 * Stable error codes. Hosts switch on these for failover; they never change meaning.
 * - `config`: the config file or a provider entry is invalid, or a secret reference did not resolve.
 * - `auth`: no credential, or the credential was rejected (bad, expired, wrong scheme).
 * - `access-denied`: the identity is valid but lacks permission (IAM action, model access).
 * - `model-not-found`: the model id does not exist here (region, spelling, prefix).
 * - `route-mismatch`: the model lives on another API surface than the one called.
 * - `invalid-request`: the upstream rejected the request body.
 * - `context-overflow`: the prompt or `max_tokens` exceeds the model's limits.
 * - `throttled`: a quota or rate limit; retry later.
 * - `unavailable`: the upstream failed or could not be reached (5xx, connection errors).
 * - `timeout`: connect, first-byte or idle timeout elapsed.
 * - `aborted`: the caller's `AbortSignal` fired.
 * - `stream-corrupt`: the response stream was malformed or ended without its terminal event.
 */
export type ErrorCode =
  | "config"
  | "auth"
  | "access-denied"
  | "model-not-found"
  | "route-mismatch"
  | "invalid-request"
  | "context-overflow"
  | "throttled"
  | "unavailable"
  | "timeout"
  | "aborted"
  | "stream-corrupt";

/** Every {@link ErrorCode}. */
export const ERROR_CODES: readonly ErrorCode[] = [
  "config",
  "auth",
  "access-denied",
  "model-not-found",
  "route-mismatch",
  "invalid-request",
  "context-overflow",
  "throttled",
  "unavailable",
  "timeout",
  "aborted",
  "stream-corrupt",
];

const RETRYABLE_BY_DEFAULT: ReadonlySet<ErrorCode> = new Set(["throttled", "unavailable", "timeout"]);

/** Whether errors of this code are worth retrying when nothing says otherwise. */
export function isRetryableByDefault(code: ErrorCode): boolean {
  return RETRYABLE_BY_DEFAULT.has(code);
}

/** What a {@link BedrockKitError} is built from. */
export interface BedrockKitErrorOptions {
  /** Stable code. */
  code: ErrorCode;
  /** One sentence saying what went wrong (never containing a secret). */
  message: string;
  /** What the user should do about it: the variable to set, the IAM action to grant, the id to use. */
  hint: string;
  /** Override the code's default retryability. */
  retryable?: boolean;
  /** Upstream HTTP status, when there was a response. */
  status?: number;
  /** Upstream request id (`x-amzn-requestid`, `request-id`). */
  requestId?: string;
  /** Provider id (`amazon-bedrock-mantle`, `amazon-bedrock`). */
  provider?: string;
  /** The underlying failure. */
  cause?: unknown;
  /** Call metadata for tracing (see {@link CallMetadata} in stream events). */
  metadata?: Readonly<Record<string, unknown>>;
}

const ERROR_MARKER = Symbol.for("bedrock-kit.error");

/**
 * The one error class of bedrock-kit. Every failure a plugin or the host reports is one of
 * these, with a stable `code` and a `hint` that tells the user what to do.
 */
export class BedrockKitError extends Error {
  /** Stable code for failover decisions. */
  readonly code: ErrorCode;
  /** Whether retrying the same call may succeed. */
  readonly retryable: boolean;
  /** What to do about it. */
  readonly hint: string;
  /** Upstream HTTP status, if any. */
  readonly status?: number;
  /** Upstream request id, if any. */
  readonly requestId?: string;
  /** Provider id, if any. */
  readonly provider?: string;
  /** Call metadata for tracing. */
  readonly metadata?: Readonly<Record<string, unknown>>;
  private readonly [ERROR_MARKER] = true;

  constructor(options: BedrockKitErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "BedrockKitError";
    this.code = options.code;
    this.hint = options.hint;
    this.retryable = options.retryable ?? isRetryableByDefault(options.code);
    if (options.status !== undefined) this.status = options.status;
    if (options.requestId !== undefined) this.requestId = options.requestId;
    if (options.provider !== undefined) this.provider = options.provider;
    if (options.metadata !== undefined) this.metadata = options.metadata;
  }

  /** True for any BedrockKitError, across duplicated copies of this package. */
  static isInstance(value: unknown): value is BedrockKitError {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[ERROR_MARKER] === true;
  }

  /** A copy with some fields replaced (errors are immutable). */
  with(changes: Partial<BedrockKitErrorOptions>): BedrockKitError {
    return new BedrockKitError({
      code: this.code,
      message: this.message,
      hint: this.hint,
      retryable: this.retryable,
      status: this.status,
      requestId: this.requestId,
      provider: this.provider,
      cause: this.cause,
      metadata: this.metadata,
      ...changes,
    });
  }

  /** A plain object for logs and `--json` output; never includes `cause` (it may carry secrets). */
  toJSON(): Record<string, unknown> {
    return {
      name: this.name,
      code: this.code,
      message: this.message,
      hint: this.hint,
      retryable: this.retryable,
      ...(this.status !== undefined && { status: this.status }),
      ...(this.requestId !== undefined && { requestId: this.requestId }),
      ...(this.provider !== undefined && { provider: this.provider }),
    };
  }
}
