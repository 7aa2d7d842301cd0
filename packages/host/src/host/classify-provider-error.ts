import { BedrockKitError, type Provider } from "@bedrock-kit/plugin-host";

/**
 * A provider failure as a `BedrockKitError`: kept as is when it already is one, else mapped by the
 * provider's `classifyError` (which must not throw, but a broken plugin must not crash the host either).
 */
export function classifyProviderError(provider: Provider, error: unknown): BedrockKitError {
  if (BedrockKitError.isInstance(error)) return error.provider === undefined ? error.with({ provider: provider.id }) : error;
  try {
    const classified = provider.classifyError(error);
    if (BedrockKitError.isInstance(classified)) return classified.provider === undefined ? classified.with({ provider: provider.id }) : classified;
  } catch {
    // Fall through to the generic classification below.
  }
  return new BedrockKitError({
    code: "unavailable",
    message: `Provider ${provider.id} failed: ${error instanceof Error ? error.message : String(error)}`,
    hint: "Run `bedrock-kit doctor`; if it persists, report it to the plugin's authors.",
    provider: provider.id,
    cause: error,
  });
}
