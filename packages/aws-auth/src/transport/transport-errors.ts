import { BedrockKitError } from "@bedrock-kit/plugin-host";

/** Node's network error codes that mean "could not reach the endpoint at all". */
const CONNECT_FAILURES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ECONNABORTED"]);

/** Why a request ended early, recorded before we destroy the socket so the cause is not lost. */
export type TransportFailure =
  | { kind: "timeout"; phase: "connect" | "first-byte" | "idle"; ms: number }
  | { kind: "aborted" }
  | { kind: "body-too-large"; limit: number };

/** Describe a URL without its query string (which may carry presigned credentials). */
export function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

/** The error a recorded failure stands for. */
export function failureError(failure: TransportFailure, url: URL): BedrockKitError {
  const where = describeUrl(url);
  switch (failure.kind) {
    case "timeout":
      return new BedrockKitError({
        code: "timeout",
        message: `No ${failure.phase === "idle" ? "data" : failure.phase === "connect" ? "connection" : "response"} from ${where} within ${failure.ms} ms (${failure.phase} timeout).`,
        hint:
          failure.phase === "idle"
            ? "The upstream stalled mid-stream; retry the call, or raise the idle timeout if the model thinks silently for long."
            : "Check that the endpoint is reachable from this host (proxy, VPC endpoint, region), or raise the timeout.",
      });
    case "aborted":
      return new BedrockKitError({
        code: "aborted",
        message: `The request to ${where} was cancelled by the caller.`,
        hint: "Nothing to do: the caller's AbortSignal fired.",
        retryable: false,
      });
    case "body-too-large":
      return new BedrockKitError({
        code: "unavailable",
        message: `The response from ${where} is larger than the ${failure.limit}-byte cap.`,
        hint: "The endpoint answered something unexpected (a proxy page?); check the baseUrl.",
        retryable: false,
      });
  }
}

/** Map a Node network error to a classified error. */
export function networkError(error: unknown, url: URL, phase: "request" | "body"): BedrockKitError {
  if (BedrockKitError.isInstance(error)) return error;
  const code = (error as { code?: string } | undefined)?.code;
  const where = describeUrl(url);
  if (phase === "request" && code !== undefined && CONNECT_FAILURES.has(code)) {
    return new BedrockKitError({
      code: "unavailable",
      message: `Could not connect to ${where} (${code}).`,
      hint: "Check the endpoint URL, the region, and network access (proxy, firewall, VPC endpoint).",
      cause: error,
    });
  }
  return new BedrockKitError({
    code: "unavailable",
    message:
      phase === "body"
        ? `The connection to ${where} failed mid-response (${code ?? "closed"}).`
        : `The connection to ${where} failed before a response (${code ?? "closed"}).`,
    hint: phase === "body" ? "Text already received was kept; retry the call if you need the rest." : "Retry the call; if it persists, check network access to the endpoint.",
    cause: error,
  });
}
