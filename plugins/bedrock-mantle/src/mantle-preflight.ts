import type {
  CatalogContext,
  ModelCost,
  PreflightCheck,
  PreflightReport,
  ProviderCatalog,
  RuntimeAuth,
  Transport,
} from "@bedrock-kit/plugin-host";
import { classifyMantleError } from "./classify-mantle-error.js";
import { classifyMantleHttpError } from "./classify-mantle-http-error.js";
import type { MantleConfig } from "./mantle-config-schema.js";
import { DEFAULT_DISCOVERY_TIMEOUT_MS, readMantleAssumeRole } from "./mantle-config-values.js";
import { resolveCatalogEndpoint } from "./mantle-catalog.js";
import { MANTLE_PROVIDER_ID } from "./mantle-provider-id.js";
import { MANTLE_REGIONS } from "./mantle-regions.js";

/** Largest error body the probe reads to name the problem. */
const PROBE_ERROR_BODY_BYTES = 64 * 1024;

/** What preflight needs from the provider. */
export interface MantlePreflightDependencies {
  /** The provider's catalog (for the model count). */
  catalog: (context: CatalogContext<MantleConfig>) => Promise<ProviderCatalog | null>;
  /** The transport when the host passes none. */
  defaultTransport: () => Transport;
}

/**
 * Health for `doctor`: which credential source won (never the secret), the region and whether
 * Mantle serves it, whether `GET /v1/models` answers (with the classified reason when it does
 * not), and how many models the catalog lists. Never throws.
 */
export async function preflightMantle(context: CatalogContext<MantleConfig>, dependencies: MantlePreflightDependencies): Promise<PreflightReport> {
  const checks: PreflightCheck[] = [];
  const report: PreflightReport = { provider: MANTLE_PROVIDER_ID, regions: [], endpoints: [], checks };
  const outcome = resolveCatalogEndpoint(context.config, context.env);
  if ("skip" in outcome) {
    const region = typeof outcome.fields.region === "string" ? outcome.fields.region : undefined;
    if (region !== undefined) report.regions.push(region);
    checks.push({
      name: "region",
      status: "fail",
      detail: region !== undefined ? `${region}: no Mantle endpoint in this region` : String(outcome.fields.reason ?? outcome.skip),
      hint: `Set region (or AWS_REGION) to one of ${MANTLE_REGIONS.join(", ")}, or set baseUrl explicitly.`,
    });
    return report;
  }
  const endpoint = outcome.endpoint;
  report.regions.push(endpoint.region);
  report.endpoints.push(endpoint.root);
  checks.push({
    name: "region",
    status: "ok",
    detail: endpoint.explicitBaseUrl ? `${endpoint.region} (baseUrl ${endpoint.root}; region check skipped)` : `${endpoint.region} (served by Mantle)`,
  });

  let auth: RuntimeAuth;
  try {
    auth = await context.getAuth({ region: endpoint.region });
  } catch (error) {
    const classified = classifyMantleError(error);
    checks.push({ name: "credentials", status: "fail", detail: classified.message, hint: classified.hint });
    return report;
  }
  // An assumed role is named (its ARN is not a secret): operators must see which role a gateway runs as.
  const roleArn = readMantleAssumeRole(context.config)?.roleArn;
  report.credentialSource = roleArn === undefined ? auth.source : `${auth.source} (assumed role ${roleArn})`;
  const expiry = auth.expiresAt !== undefined ? `, expires ${new Date(auth.expiresAt).toISOString()}` : "";
  checks.push({ name: "credentials", status: "ok", detail: `${report.credentialSource}${expiry}` });

  checks.push(await probeEndpoint(context, endpoint.root, endpoint.region, auth, dependencies.defaultTransport));

  const catalog = await dependencies.catalog(context);
  const models = catalog?.models ?? [];
  report.modelCount = models.length;
  const prices: Record<string, ModelCost | undefined> = {};
  for (const model of models) prices[model.id] = model.cost;
  report.prices = prices;
  const assumed = models.filter((model) => model.defaultsAssumed).length;
  checks.push({
    name: "models",
    status: models.length > 0 ? "ok" : "warn",
    detail: `${models.length} models${assumed > 0 ? ` (${assumed} with assumed limits)` : ""}`,
    ...(models.length === 0 && { hint: "Nothing to list: check discovery (the endpoint check above) or add models in config." }),
  });
  return report;
}

async function probeEndpoint(
  context: CatalogContext<MantleConfig>,
  root: string,
  region: string,
  auth: RuntimeAuth,
  defaultTransport: () => Transport,
): Promise<PreflightCheck> {
  const url = `${root}/v1/models`;
  const timeoutMs = context.config.discovery.timeoutMs ?? DEFAULT_DISCOVERY_TIMEOUT_MS;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = context.signal ? AbortSignal.any([context.signal, timeout]) : timeout;
  const startedAt = context.clock.now();
  try {
    const headers: Record<string, string> = { accept: "application/json", ...context.config.headers, ...auth.headers };
    if (auth.sign !== undefined) Object.assign(headers, auth.sign({ method: "GET", url, headers }));
    const transport = context.transport ?? defaultTransport();
    const response = await transport({
      method: "GET",
      url,
      headers,
      signal,
      timeouts: { connectMs: timeoutMs, firstByteMs: timeoutMs, idleMs: timeoutMs },
      maxBodyBytes: PROBE_ERROR_BODY_BYTES,
    });
    const elapsed = context.clock.now() - startedAt;
    if (response.status >= 200 && response.status < 300) {
      response.cancel();
      return { name: "endpoint", status: "ok", detail: `GET ${url}: HTTP ${response.status} in ${elapsed} ms` };
    }
    const bodyText = await response.text().catch(() => "");
    const classified = classifyMantleHttpError({ status: response.status, headers: response.headers, bodyText }, { region, credentialSource: auth.source });
    return { name: "endpoint", status: "fail", detail: `GET ${url}: ${classified.message}`, hint: classified.hint };
  } catch (error) {
    const classified = classifyMantleError(error);
    return { name: "endpoint", status: "fail", detail: `GET ${url}: ${classified.message}`, hint: classified.hint };
  }
}
