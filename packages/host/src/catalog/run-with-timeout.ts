import { BedrockKitError } from "@bedrock-kit/plugin-host";

/**
 * Run `task` with a signal that aborts after `timeoutMs`, and stop waiting at that moment even if
 * the task ignores the signal: a hanging plugin must not delay its caller past the bound.
 * Rejects with a `timeout` error naming `what`.
 */
export async function runWithTimeout<T>(task: (signal: AbortSignal) => Promise<T>, timeoutMs: number, what: string): Promise<T> {
  const controller = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new BedrockKitError({
        code: "timeout",
        message: `${what} did not finish within ${timeoutMs} ms.`,
        hint: "Raise catalogTimeoutMs in the config file, or check the endpoint with `bedrock-kit doctor`.",
      });
      controller.abort(error);
      reject(error);
    }, timeoutMs);
  });
  try {
    // Promise.race also subscribes to the loser, so a late rejection of the task is never unhandled.
    return await Promise.race([Promise.resolve().then(() => task(controller.signal)), deadline]);
  } finally {
    clearTimeout(timer);
  }
}
