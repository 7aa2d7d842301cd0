import {
  summarizeModelsByRegion,
  type CatalogContext,
  type PreflightCheck,
  type PreflightReport,
  type ProviderCatalog,
  type RuntimeAuth,
  type Transport,
} from "@bedrock-kit/plugin-host";
import { classifyMantleError } from "./classify-mantle-error.js";
import { classifyMantleHttpError } from "./classify-mantle-http-error.js";
import type { MantleConfig } from "./mantle-config-schema.js";
import { DEFAULT_DISCOVERY_TIMEOUT_MS, readMantleAssumeRole } from "./mantle-config-values.js";
import { resolveCatalogEndpoint } from "./mantle-catalog.js";
import { MANTLE_PROVIDER_ID } from "./mantle-provider-id.js";
import { mantleRoot, resolveMantleRegionEndpoints, rootForRegion, type MantleEndpoint } from "./mantle-endpoint.js";
import { MANTLE_REGIONS, isMantleRegion } from "./mantle-regions.js";

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
 * Health for `doctor`, per region the provider serves (docs/adr/1002-several-regions.md): whether
 * Mantle serves the region, which credential source won there (never the secret), whether
 * `GET /v1/models` answers (with the classified reason when it does not), and how many catalog
 * models are called there at which prices. Regions are checked concurrently. Never throws.
 */
export async function preflightMantle(context: CatalogContext<MantleConfig>, dependencies: MantlePreflightDependencies): Promise<PreflightReport> {
  const checks: PreflightCheck[] = [];
  const report: PreflightReport = { provider: MANTLE_PROVIDER_ID, regions: [], endpoints: [], checks, regionReports: [] };
  const outcome = resolveCatalogEndpoint(context.config, context.env);
  if ("skip" in outcome) {
    const region = typeof outcome.fields.region === "string" ? outcome.fields.region : undefined;
    if (region !== undefined) report.regions.push(region);
    checks.push({
      name: "region",
      status: "fail",
      detail: region !== undefined ? `${region}: no Mantle endpoint in this region` : String(outcome.fields.reason ?? outcome.skip),
      hint: unsupportedRegionHint(),
      code: "config",
      ...(region !== undefined && { region }),
    });
    return report;
  }
  const primary = outcome.endpoint;
  const endpoints = [primary, ...resolveMantleRegionEndpoints(context.config, context.env).slice(1)];

  const models = (await dependencies.catalog(context))?.models ?? [];
  const byRegion = summarizeModelsByRegion(models, primary.region);
  // A configured model may name a region the provider does not list: it is called there, so check it too.
  for (const region of byRegion.keys()) {
    if (!endpoints.some((endpoint) => endpoint.region === region)) endpoints.push(endpointForModelRegion(primary, region));
  }
  const outcomes = await Promise.all(endpoints.map((endpoint) => checkRegion(context, endpoint, dependencies.defaultTransport)));

  for (const [index, endpoint] of endpoints.entries()) {
    const regionOutcome = outcomes[index]!;
    const summary = byRegion.get(endpoint.region) ?? { modelCount: 0, prices: {} };
    report.regions.push(endpoint.region);
    if (endpoint.regionSupported) report.endpoints.push(endpoint.root);
    checks.push(...regionOutcome.checks);
    if (regionOutcome.credentialSource !== undefined) {
      const assumed = models.filter((model) => (model.region ?? primary.region) === endpoint.region && model.defaultsAssumed).length;
      checks.push({
        name: "models",
        status: summary.modelCount > 0 ? "ok" : "warn",
        detail: `${summary.modelCount} models${assumed > 0 ? ` (${assumed} with assumed limits)` : ""}`,
        region: endpoint.region,
        ...(summary.modelCount === 0 && { hint: "Nothing to list: check discovery (the endpoint check above) or add models in config." }),
      });
    }
    report.regionReports!.push({
      region: endpoint.region,
      ...(endpoint.regionSupported && { endpoint: endpoint.root }),
      ...(regionOutcome.credentialSource !== undefined && { credentialSource: regionOutcome.credentialSource }),
      modelCount: summary.modelCount,
      prices: summary.prices,
    });
  }
  const primaryCredential = outcomes[0]!.credentialSource;
  if (primaryCredential !== undefined) report.credentialSource = primaryCredential;
  if (outcomes.some((regionOutcome) => regionOutcome.credentialSource !== undefined)) {
    report.modelCount = models.length;
    report.prices = Object.fromEntries(models.map((model) => [model.id, model.cost]));
  }
  return report;
}

function unsupportedRegionHint(): string {
  return `Set region (or AWS_REGION) to one of ${MANTLE_REGIONS.join(", ")}, or set baseUrl explicitly.`;
}

/** Where a model that names a region outside `regions` is called (the same rule as its calls). */
function endpointForModelRegion(primary: MantleEndpoint, region: string): MantleEndpoint {
  const root = rootForRegion(primary, region);
  const explicitBaseUrl = root !== mantleRoot(region);
  return { region, root, explicitBaseUrl, regionSupported: explicitBaseUrl || isMantleRegion(region) };
}

interface RegionCheckOutcome {
  /** The region's checks, each tagged with the region. */
  checks: PreflightCheck[];
  /** The credential source that won, when one did. */
  credentialSource?: string;
}

async function checkRegion(
  context: CatalogContext<MantleConfig>,
  endpoint: MantleEndpoint,
  defaultTransport: () => Transport,
): Promise<RegionCheckOutcome> {
  const region = endpoint.region;
  if (!endpoint.regionSupported) {
    return { checks: [{ name: "region", status: "fail", detail: `${region}: no Mantle endpoint in this region`, hint: unsupportedRegionHint(), code: "config", region }] };
  }
  const checks: PreflightCheck[] = [
    {
      name: "region",
      status: "ok",
      detail: endpoint.explicitBaseUrl ? `${region} (baseUrl ${endpoint.root}; region check skipped)` : `${region} (served by Mantle)`,
      region,
    },
  ];
  let auth: RuntimeAuth;
  try {
    auth = await context.getAuth({ region });
  } catch (error) {
    const classified = classifyMantleError(error);
    checks.push({ name: "credentials", status: "fail", detail: classified.message, hint: classified.hint, code: classified.code, region });
    return { checks };
  }
  // An assumed role is named (its ARN is not a secret): operators must see which role a gateway runs as.
  const roleArn = readMantleAssumeRole(context.config)?.roleArn;
  const credentialSource = roleArn === undefined ? auth.source : `${auth.source} (assumed role ${roleArn})`;
  const expiry = auth.expiresAt !== undefined ? `, expires ${new Date(auth.expiresAt).toISOString()}` : "";
  checks.push({ name: "credentials", status: "ok", detail: `${credentialSource}${expiry}`, region });
  checks.push({ ...(await probeEndpoint(context, endpoint.root, region, auth, defaultTransport)), region });
  return { checks, credentialSource };
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
    return { name: "endpoint", status: "fail", detail: `GET ${url}: ${classified.message}`, hint: classified.hint, code: classified.code };
  } catch (error) {
    const classified = classifyMantleError(error);
    return { name: "endpoint", status: "fail", detail: `GET ${url}: ${classified.message}`, hint: classified.hint, code: classified.code };
  }
}
