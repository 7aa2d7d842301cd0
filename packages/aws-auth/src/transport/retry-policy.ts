import { BedrockKitError } from "@bedrock-kit/plugin-host";

/** How a provider retries calls that failed before their first byte. */
export interface RetryPolicy {
  /** Total attempts, the first included (1 = no retries). Default 3, like the AWS SDKs' standard mode. */
  maxAttempts: number;
  /** Backoff base in ms: attempt n waits up to `baseDelayMs * 2^(n-1)`. Default 200. */
  baseDelayMs: number;
  /** Cap of one wait in ms. Default 20,000 (the AWS SDKs' cap). */
  maxDelayMs: number;
  /** No retry starts once this much time has passed since the first attempt, in ms. Default 60,000. */
  totalDeadlineMs: number;
}

/** The defaults: the AWS SDKs' standard retry mode (3 attempts, full jitter, 20 s cap). */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = {
  maxAttempts: 3,
  baseDelayMs: 200,
  maxDelayMs: 20_000,
  totalDeadlineMs: 60_000,
};

/** Whether a failure before the first byte is worth another attempt. */
export function isRetryableFailure(error: BedrockKitError): boolean {
  if (!error.retryable) return false;
  // 4xx other than 408/429 are the caller's problem however the code was classified.
  if (error.status !== undefined && error.status >= 400 && error.status < 500) {
    return error.status === 408 || error.status === 429;
  }
  return true;
}

/**
 * Delay before attempt `nextAttempt` (2 = the first retry): full jitter over a capped exponential
 * window, raised to the server's `Retry-After` hint when it gives one (but never past the cap).
 */
export function computeRetryDelay(
  policy: RetryPolicy,
  nextAttempt: number,
  random: () => number,
  retryAfterMs?: number,
): number {
  const window = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (nextAttempt - 2));
  const jittered = Math.floor(random() * window);
  if (retryAfterMs !== undefined && retryAfterMs > jittered) return Math.min(retryAfterMs, policy.maxDelayMs);
  return jittered;
}

/**
 * Parse a server's wait hint: `Retry-After` (seconds or an HTTP date) or AWS's
 * `x-amzn-retry-after` / `retry-after-ms` (milliseconds). Undefined when absent or unreadable.
 */
export function parseRetryAfter(headers: Record<string, string | undefined>, nowMs: number): number | undefined {
  const milliseconds = headers["retry-after-ms"] ?? headers["x-amzn-retry-after"];
  if (milliseconds !== undefined && /^\d+(\.\d+)?$/.test(milliseconds.trim())) return Math.ceil(Number(milliseconds));
  const value = headers["retry-after"];
  if (value === undefined) return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.ceil(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Configured retry settings over the defaults. */
export function resolveRetryPolicy(configured: Partial<RetryPolicy> | undefined): RetryPolicy {
  return {
    maxAttempts: configured?.maxAttempts ?? DEFAULT_RETRY_POLICY.maxAttempts,
    baseDelayMs: configured?.baseDelayMs ?? DEFAULT_RETRY_POLICY.baseDelayMs,
    maxDelayMs: configured?.maxDelayMs ?? DEFAULT_RETRY_POLICY.maxDelayMs,
    totalDeadlineMs: configured?.totalDeadlineMs ?? DEFAULT_RETRY_POLICY.totalDeadlineMs,
  };
}
