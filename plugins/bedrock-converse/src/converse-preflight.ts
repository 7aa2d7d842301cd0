import { controlPlaneEndpoint, defaultTransport } from "@bedrock-kit/aws-auth";
import {
  BedrockKitError,
  summarizeModelsByRegion,
  type CatalogContext,
  type PreflightCheck,
  type PreflightReport,
  type ProviderCatalog,
  type RuntimeAuth,
} from "@bedrock-kit/plugin-host";
import { CONVERSE_PROVIDER_ID, classifyConverseError } from "./classify-converse-error.js";
import type { ConverseConfig } from "./converse-config-schema.js";
import { resolveConverseRegionEndpoints, runtimeTargetFor, type ConverseEndpoints } from "./converse-endpoints.js";

const PROBE_TIMEOUTS = { connectMs: 5_000, firstByteMs: 10_000, idleMs: 10_000 } as const;

/**
 * Reachability: with SigV4, one signed `ListInferenceProfiles` with `maxResults=1` on the control
 * plane (also proves the credentials); with a bearer key (which the control plane does not take),
 * an unauthenticated GET on the runtime host, where any HTTP answer proves the endpoint is there.
 */
async function probeEndpoint(context: CatalogContext<ConverseConfig>, endpoints: ConverseEndpoints, auth: RuntimeAuth): Promise<PreflightCheck> {
  const transport = context.transport ?? defaultTransport();
  if (auth.sign !== undefined) {
    try {
      // Loaded here, not at import: its response parsing uses zod (docs/adr/0900-lazy-config-schemas.md).
      const { controlPlaneGet } = await import("./control-plane-discovery.js");
      const response = await controlPlaneGet(
        { controlPlaneUrl: endpoints.controlPlaneUrl, region: endpoints.region, auth, transport, ...(context.signal !== undefined && { signal: context.signal }) },
        "/inference-profiles?maxResults=1",
      );
      response.cancel();
      return { name: "endpoint", status: "ok", detail: `${endpoints.controlPlaneUrl} answered a signed request` };
    } catch (error) {
      const classified = classifyConverseError(error);
      if (classified.status === 403 && classified.code === "access-denied") {
        return { name: "endpoint", status: "warn", detail: `${endpoints.controlPlaneUrl} reachable; listing denied (${classified.message})`, hint: classified.hint, code: classified.code };
      }
      return { name: "endpoint", status: "fail", detail: `${endpoints.controlPlaneUrl}: ${classified.message}`, hint: classified.hint, code: classified.code };
    }
  }
  try {
    const response = await transport({
      method: "GET",
      url: `${endpoints.runtimeUrl}/`,
      headers: { accept: "application/json" },
      timeouts: PROBE_TIMEOUTS,
      ...(context.signal !== undefined && { signal: context.signal }),
    });
    response.cancel();
    return { name: "endpoint", status: "ok", detail: `${endpoints.runtimeUrl} reachable (HTTP ${response.status})` };
  } catch (error) {
    const classified = classifyConverseError(error);
    return { name: "endpoint", status: "fail", detail: `${endpoints.runtimeUrl}: ${classified.message}`, hint: classified.hint, code: classified.code };
  }
}

/**
 * `preflight()` for `doctor`, per region the provider serves (docs/adr/1002-several-regions.md): the
 * credential source that won there (never the secret), reachability, and how many catalog models
 * are called there at which prices. Regions are checked concurrently. Never throws.
 */
export async function converseProviderPreflight(
  context: CatalogContext<ConverseConfig>,
  catalog: (context: CatalogContext<ConverseConfig>) => Promise<ProviderCatalog | null>,
): Promise<PreflightReport> {
  const regionEndpoints = resolveConverseRegionEndpoints(context.config, context.env);
  const primary = regionEndpoints[0]!;
  const models = (await catalog(context))?.models ?? [];
  const byRegion = summarizeModelsByRegion(models, primary.region);
  // A model may name a region the provider does not list: it is called there, so check it too.
  for (const region of byRegion.keys()) {
    if (!regionEndpoints.some((endpoints) => endpoints.region === region)) regionEndpoints.push(endpointsForModelRegion(primary, region));
  }
  const outcomes = await Promise.all(regionEndpoints.map((endpoints) => checkRegion(context, endpoints)));

  const report: PreflightReport = { provider: CONVERSE_PROVIDER_ID, regions: [], endpoints: [], checks: [], regionReports: [] };
  for (const [index, endpoints] of regionEndpoints.entries()) {
    const outcome = outcomes[index]!;
    const summary = byRegion.get(endpoints.region) ?? { modelCount: 0, prices: {} };
    report.regions.push(endpoints.region);
    report.endpoints.push(...outcome.endpoints);
    report.checks.push(...outcome.checks);
    if (outcome.credentialSource !== undefined) {
      report.checks.push({
        name: "models",
        status: summary.modelCount > 0 ? "ok" : "warn",
        detail: `${summary.modelCount} models${context.config.discovery.enabled ? "" : " (curated catalog; discovery disabled)"}`,
        region: endpoints.region,
      });
    }
    report.regionReports!.push({
      region: endpoints.region,
      endpoint: endpoints.runtimeUrl,
      ...(outcome.credentialSource !== undefined && { credentialSource: outcome.credentialSource }),
      modelCount: summary.modelCount,
      prices: summary.prices,
    });
  }
  const primaryCredential = outcomes[0]!.credentialSource;
  if (primaryCredential !== undefined) report.credentialSource = primaryCredential;
  if (outcomes.some((outcome) => outcome.credentialSource !== undefined)) {
    report.modelCount = models.length;
    report.prices = Object.fromEntries(models.map((model) => [model.id, model.cost]));
  }
  return report;
}

/** Where a model that names a region outside `regions` is called (the same rule as its calls). */
function endpointsForModelRegion(primary: ConverseEndpoints, region: string): ConverseEndpoints {
  const target = runtimeTargetFor(primary, region);
  const controlPlaneUrl = primary.pinnedBaseUrl ? primary.controlPlaneUrl : controlPlaneEndpoint(region, { fips: primary.fips }).replace(/\/+$/, "");
  return { ...primary, region: target.region, runtimeUrl: target.runtimeUrl, controlPlaneUrl };
}

interface RegionCheckOutcome {
  /** The region's checks, each tagged with the region. */
  checks: PreflightCheck[];
  /** Endpoint URLs probed. */
  endpoints: string[];
  /** The credential source that won, when one did. */
  credentialSource?: string;
}

async function checkRegion(context: CatalogContext<ConverseConfig>, endpoints: ConverseEndpoints): Promise<RegionCheckOutcome> {
  const region = endpoints.region;
  const checks: PreflightCheck[] = [{ name: "region", status: "ok", detail: region, region }];
  const probed = [endpoints.runtimeUrl];
  let auth: RuntimeAuth;
  try {
    auth = await context.getAuth({ region });
  } catch (error) {
    const classified = BedrockKitError.isInstance(error) ? error : classifyConverseError(error);
    checks.push({ name: "credentials", status: "fail", detail: classified.message, hint: classified.hint, code: classified.code, region });
    checks.push({ name: "endpoint", status: "skip", detail: "no credential", region });
    return { checks, endpoints: probed };
  }
  // An assumed role is named (its ARN is not a secret): operators must see which role a gateway runs as.
  const roleArn = context.config.auth.roleArn;
  const credentialSource = roleArn === undefined ? auth.source : `${auth.source} (assumed role ${roleArn})`;
  checks.push({
    name: "credentials",
    status: "ok",
    detail: auth.sign === undefined ? `${credentialSource} (bearer)` : `${credentialSource} (SigV4, service bedrock)`,
    region,
  });
  if (auth.sign !== undefined) probed.push(endpoints.controlPlaneUrl);
  checks.push({ ...(await probeEndpoint(context, endpoints, auth)), region });
  return { checks, endpoints: probed, credentialSource };
}
