import { BedrockKitError, type PreflightReport, type Provider } from "@bedrock-kit/plugin-host";
import { configError } from "../config/config-error.js";

/** What explaining a skip needs from the host. */
export interface ExplainSkipDependencies {
  /** The provider's runtime auth through the host's cache: throws the classified `auth` error when no credential resolves. */
  prepareAuth(): Promise<unknown>;
  /** The provider's preflight, bounded by the host's timeout (never throws). */
  preflight(): Promise<PreflightReport>;
}

/**
 * The error for a call to a provider the catalog skipped. The listing stays silent about skips, but
 * the caller asked for this provider by name, so it gets the real cause: the missing credential
 * (`auth`, with what was tried), else the first failing preflight check with its own code and hint
 * (a rejected key, a region without the service, an endpoint that is down), else the config error.
 * The message starts with "provider …", for the caller to prefix with the model it asked for.
 */
export async function explainSkippedProvider(
  provider: Provider,
  skipReason: string,
  dependencies: ExplainSkipDependencies,
): Promise<BedrockKitError> {
  const prefix = `provider ${provider.id} listed no models`;
  try {
    await dependencies.prepareAuth();
  } catch (error) {
    if (BedrockKitError.isInstance(error)) return error.with({ message: `${prefix}: ${error.message}` });
    throw error;
  }
  const report = await dependencies.preflight();
  const failing = report.checks.find((check) => check.status === "fail");
  if (failing !== undefined) {
    const where = failing.region !== undefined ? ` in ${failing.region}` : "";
    return new BedrockKitError({
      code: failing.code ?? "unavailable",
      message: `${prefix}: the ${failing.name} check failed${where}: ${failing.detail}`,
      hint: failing.hint ?? "Run `bedrock-kit doctor` to see every check.",
      provider: provider.id,
    });
  }
  return configError(`${prefix} (${skipReason}).`, "Run `bedrock-kit doctor` to see why (credentials, region, endpoint).", { provider: provider.id });
}
