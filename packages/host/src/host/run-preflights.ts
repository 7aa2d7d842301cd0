import { BedrockKitError, type CatalogContext, type ErrorCode, type PreflightReport, type Provider } from "@bedrock-kit/plugin-host";
import { runWithTimeout } from "../catalog/run-with-timeout.js";
import { classifyProviderError } from "./classify-provider-error.js";

/**
 * Every provider's `preflight()`, concurrently, each bounded by `timeoutMs`. A provider whose
 * preflight throws, times out or answers nonsense still gets a report, with one failing check
 * that says why, so `doctor` always shows every provider.
 */
export async function runPreflights(
  providers: readonly Provider[],
  options: { timeoutMs: number; contextFor(provider: Provider, signal: AbortSignal): CatalogContext },
): Promise<PreflightReport[]> {
  return Promise.all(
    providers.map(async (provider): Promise<PreflightReport> => {
      try {
        const report = await runWithTimeout(
          (signal) => provider.preflight(options.contextFor(provider, signal)),
          options.timeoutMs,
          `The preflight of ${provider.id}`,
        );
        if (typeof report !== "object" || report === null || !Array.isArray(report.checks)) {
          return failedReport(provider.id, "returned a malformed report", "This is a bug in the plugin; report it to its authors.", "unavailable");
        }
        return { ...report, provider: provider.id };
      } catch (error) {
        const classified = BedrockKitError.isInstance(error) ? error : classifyProviderError(provider, error);
        return failedReport(provider.id, `[${classified.code}] ${classified.message}`, classified.hint, classified.code);
      }
    }),
  );
}

function failedReport(provider: string, detail: string, hint: string, code: ErrorCode): PreflightReport {
  return { provider, regions: [], endpoints: [], checks: [{ name: "preflight", status: "fail", detail, hint, code }] };
}
