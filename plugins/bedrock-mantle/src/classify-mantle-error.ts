import { BedrockKitError } from "@bedrock-kit/plugin-host";
import type { MantleHttpFailure } from "./adapters/mantle-wire-adapter.js";
import { classifyMantleHttpError, type MantleErrorContext } from "./classify-mantle-http-error.js";
import { MANTLE_PROVIDER_ID } from "./mantle-provider-id.js";

const CONNECT_FAILURES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNRESET", "ETIMEDOUT"]);

function isHttpFailure(value: unknown): value is MantleHttpFailure {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as MantleHttpFailure).status === "number" &&
    typeof (value as MantleHttpFailure).bodyText === "string"
  );
}

/**
 * Map any failure to a classified error: classified errors keep their code (gaining the provider
 * id), raw HTTP failures go through the Mantle body classifier, aborts and network errors get
 * their codes, and anything else is `unavailable` (never swallowed, never unclassified).
 */
export function classifyMantleError(error: unknown, context: MantleErrorContext = {}): BedrockKitError {
  if (BedrockKitError.isInstance(error)) return error.provider === undefined ? error.with({ provider: MANTLE_PROVIDER_ID }) : error;
  if (isHttpFailure(error)) return classifyMantleHttpError(error, context);
  const name = (error as { name?: unknown } | undefined)?.name;
  const code = (error as { code?: unknown } | undefined)?.code;
  if (name === "AbortError") {
    return new BedrockKitError({
      code: "aborted",
      message: "The call was cancelled.",
      hint: "Nothing to do: the caller's AbortSignal fired.",
      provider: MANTLE_PROVIDER_ID,
      cause: error,
    });
  }
  if (name === "TimeoutError") {
    return new BedrockKitError({
      code: "timeout",
      message: "The call to Mantle timed out.",
      hint: "Check network access to the Mantle endpoint, or raise the provider's timeouts.",
      provider: MANTLE_PROVIDER_ID,
      cause: error,
    });
  }
  if (typeof code === "string" && CONNECT_FAILURES.has(code)) {
    return new BedrockKitError({
      code: "unavailable",
      message: `Could not reach Mantle (${code}).`,
      hint: "Check the region (us-west-1 has no Mantle host), the baseUrl, and network access (proxy, firewall, VPC endpoint).",
      provider: MANTLE_PROVIDER_ID,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new BedrockKitError({
    code: "unavailable",
    message: `Unexpected failure calling Mantle: ${message}`,
    hint: "Retry the call; if it persists, run `bedrock-kit doctor` and report the error with its request id.",
    provider: MANTLE_PROVIDER_ID,
    cause: error,
  });
}
