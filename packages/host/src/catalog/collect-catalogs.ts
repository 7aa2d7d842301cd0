import { BedrockKitError, formatModelRef, type CatalogContext, type Logger, type ModelDefinition, type Provider } from "@bedrock-kit/plugin-host";
import type { CatalogEntry } from "../host/host-types.js";
import { runWithTimeout } from "./run-with-timeout.js";

/** One provider's catalog run: its models, or why it was skipped. */
export type CatalogOutcome =
  | { provider: string; status: "listed"; models: ModelDefinition[] }
  | { provider: string; status: "skipped"; reason: string };

/** What a catalog run needs from the host. */
export interface CatalogRunOptions {
  /** Bound on each provider's `catalog()`, in ms. */
  timeoutMs: number;
  /** Builds the provider's context around the run's abort signal. */
  contextFor(provider: Provider, signal: AbortSignal): CatalogContext;
  /** Gets exactly one debug line per skipped provider. */
  logger: Logger;
}

/**
 * Run one provider's `catalog()` within the timeout. Null, a throw, a timeout or a malformed
 * answer all become a skip with one debug line; nothing escapes.
 */
export async function runProviderCatalog(provider: Provider, options: CatalogRunOptions): Promise<CatalogOutcome> {
  let outcome: CatalogOutcome;
  try {
    const catalog = await runWithTimeout(
      (signal) => provider.catalog(options.contextFor(provider, signal)),
      options.timeoutMs,
      `The catalog of ${provider.id}`,
    );
    if (catalog === null) outcome = { provider: provider.id, status: "skipped", reason: "returned null" };
    else if (!Array.isArray(catalog?.models)) outcome = { provider: provider.id, status: "skipped", reason: "returned a malformed catalog (no models array)" };
    else outcome = { provider: provider.id, status: "listed", models: catalog.models };
  } catch (error) {
    outcome = { provider: provider.id, status: "skipped", reason: describeFailure(error) };
  }
  if (outcome.status === "skipped") options.logger.debug("catalog skipped", { provider: provider.id, reason: outcome.reason });
  return outcome;
}

/** Run every provider's catalog concurrently and join them into entries with unique refs, in provider order. */
export async function collectCatalogs(providers: readonly Provider[], options: CatalogRunOptions): Promise<CatalogEntry[]> {
  const outcomes = await Promise.all(providers.map((provider) => runProviderCatalog(provider, options)));
  return toCatalogEntries(outcomes, options.logger);
}

/** Entries from listed outcomes; a model without an id, or a ref seen before, is dropped with a debug line (the first wins). */
export function toCatalogEntries(outcomes: readonly CatalogOutcome[], logger: Logger): CatalogEntry[] {
  const entries: CatalogEntry[] = [];
  const seen = new Set<string>();
  for (const outcome of outcomes) {
    if (outcome.status !== "listed") continue;
    for (const model of outcome.models) {
      if (typeof model?.id !== "string" || model.id === "") {
        logger.debug("catalog entry without an id dropped", { provider: outcome.provider });
        continue;
      }
      const ref = formatModelRef(outcome.provider, model.id);
      if (seen.has(ref)) {
        logger.debug("duplicate model ref dropped; the first entry is kept", { provider: outcome.provider, ref });
        continue;
      }
      seen.add(ref);
      entries.push({ ...model, ref, provider: outcome.provider });
    }
  }
  return entries;
}

function describeFailure(error: unknown): string {
  if (BedrockKitError.isInstance(error)) return error.code === "timeout" ? `timed out (${error.message})` : `failed [${error.code}]: ${error.message}`;
  return `failed: ${error instanceof Error ? error.message : String(error)}`;
}
