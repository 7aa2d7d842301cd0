import { BedrockKitError } from "@bedrock-kit/plugin-host";

/**
 * Wait `ms` before a retry; the caller's signal ends the wait at once with an `aborted` error (a
 * cancelled call must not sit out its backoff). Shared by every retry loop so they cancel alike.
 */
export function sleepBeforeRetry(ms: number, signal?: AbortSignal, provider?: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(abortedWhileWaiting(provider));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedWhileWaiting(provider));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function abortedWhileWaiting(provider: string | undefined): BedrockKitError {
  return new BedrockKitError({
    code: "aborted",
    message: "The call was cancelled while waiting to retry.",
    hint: "Nothing to do: the caller's AbortSignal fired.",
    retryable: false,
    ...(provider !== undefined && { provider }),
  });
}
