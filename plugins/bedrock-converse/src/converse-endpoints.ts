import { controlPlaneEndpoint, parseAwsEndpoint, resolveRegion, runtimeEndpoint } from "@bedrock-kit/aws-auth";
import type { Env } from "@bedrock-kit/plugin-host";
import type { AwsEndpointParser } from "./aws-endpoint-memo.js";
import type { ConverseConfig } from "./converse-config-schema.js";

/** Where the provider's calls go and for which region they are signed. */
export interface ConverseEndpoints {
  /** The region requests are signed for and inference profiles are chosen for. */
  region: string;
  /** Runtime base URL, no trailing slash (`https://bedrock-runtime.us-east-1.amazonaws.com`). */
  runtimeUrl: string;
  /** Control-plane base URL for discovery and preflight, no trailing slash. */
  controlPlaneUrl: string;
  /** Whether the configured endpoint is a FIPS endpoint (kept for per-model regions). */
  fips: boolean;
  /** True when `baseUrl` was configured: every model then goes there, whatever its region. */
  pinnedBaseUrl: boolean;
}

function withoutTrailingSlash(url: string): string {
  return url.endsWith("/") ? url.replace(/\/+$/, "") : url;
}

/**
 * Resolve the endpoints from the config (pure apart from reading `env`). An AWS `baseUrl` decides
 * the signing region (a signature for another region than the host's is refused), so it wins
 * over `region`; a non-AWS `baseUrl` (an emulator) is signed for the configured region and also
 * serves the control plane unless `controlPlaneUrl` says otherwise.
 */
export function resolveConverseEndpoints(
  config: Pick<ConverseConfig, "region" | "baseUrl" | "controlPlaneUrl"> & Partial<Pick<ConverseConfig, "regions">>,
  env: Env,
): ConverseEndpoints {
  const parsed = config.baseUrl === undefined ? undefined : parseAwsEndpoint(config.baseUrl);
  // With `regions`, the first listed is the primary unless `region` names one.
  const region = parsed?.region ?? resolveRegion({ configured: config.region ?? config.regions?.[0], env });
  const fips = parsed?.fips ?? false;
  const runtimeUrl = withoutTrailingSlash(config.baseUrl ?? runtimeEndpoint(region));
  let controlPlaneUrl: string;
  if (config.controlPlaneUrl !== undefined) controlPlaneUrl = withoutTrailingSlash(config.controlPlaneUrl);
  else if (config.baseUrl === undefined || parsed !== undefined) controlPlaneUrl = withoutTrailingSlash(controlPlaneEndpoint(region, { fips }));
  else controlPlaneUrl = new URL(config.baseUrl).origin;
  return { region, runtimeUrl, controlPlaneUrl, fips, pinnedBaseUrl: config.baseUrl !== undefined };
}

/**
 * One set of endpoints per region the provider serves: `regions` (primary first, duplicates
 * dropped, `regionBaseUrls` and `regionControlPlaneUrls` overriding a region's URLs), or the single set when `regions` is
 * absent or `baseUrl` pins one host (docs/adr/1002-several-regions.md).
 */
export function resolveConverseRegionEndpoints(
  config: Pick<ConverseConfig, "region" | "baseUrl" | "controlPlaneUrl" | "regions" | "regionBaseUrls"> & Partial<Pick<ConverseConfig, "regionControlPlaneUrls">>,
  env: Env,
): ConverseEndpoints[] {
  if (config.baseUrl !== undefined || config.regions === undefined) return [resolveConverseEndpoints(config, env)];
  const primaryRegion = resolveRegion({ configured: config.region ?? config.regions[0], env });
  const result: ConverseEndpoints[] = [];
  for (const region of [primaryRegion, ...config.regions]) {
    if (result.some((endpoints) => endpoints.region === region)) continue;
    const override = config.regionBaseUrls?.[region];
    const controlPlaneUrl = config.regionControlPlaneUrls?.[region] ?? (region === primaryRegion ? config.controlPlaneUrl : undefined);
    const resolved = resolveConverseEndpoints(
      { region, ...(override !== undefined && { baseUrl: override }), ...(controlPlaneUrl !== undefined && { controlPlaneUrl }) },
      env,
    );
    // An override names a host for this region only; it must not pin the other regions' models.
    result.push({ ...resolved, region, pinnedBaseUrl: false });
  }
  return result;
}

/** The runtime URL and signing region for a model that may name its own region. */
export function runtimeTargetFor(endpoints: ConverseEndpoints, modelRegion: string | undefined): { region: string; runtimeUrl: string } {
  if (modelRegion === undefined || modelRegion === endpoints.region || endpoints.pinnedBaseUrl) {
    return { region: endpoints.region, runtimeUrl: endpoints.runtimeUrl };
  }
  return { region: modelRegion, runtimeUrl: withoutTrailingSlash(runtimeEndpoint(modelRegion, { fips: endpoints.fips })) };
}

/**
 * The region a model's calls are signed for: the region of its base URL when that is an AWS host
 * (a signature must match the host), else the model's own region, else the provider's.
 */
export function callRegionFor(endpoints: ConverseEndpoints, model: { baseUrl: string; region?: string }): string {
  return parseAwsEndpoint(model.baseUrl)?.region ?? model.region ?? endpoints.region;
}

/**
 * `callRegionFor(resolveConverseEndpoints(config, env), model)` without the work the answer does
 * not need: it runs before every request, where building both endpoint URLs and parsing the same
 * base URL up to three times (`new URL` each) was most of the call's setup (issue 8, docs/adr/0920).
 * The provider passes a per-instance memo of `parseAwsEndpoint` (`createAwsEndpointMemo`).
 */
export function callRegionOf(
  config: Pick<ConverseConfig, "region" | "baseUrl"> & Partial<Pick<ConverseConfig, "regions">>,
  env: Env,
  model: { baseUrl: string; region?: string },
  parseEndpoint: AwsEndpointParser = parseAwsEndpoint,
): string {
  const modelHost = parseEndpoint(model.baseUrl);
  // The model's URL, just parsed, is usually the configured one: no second parse of the same string.
  const configuredHost = config.baseUrl === undefined ? undefined : config.baseUrl === model.baseUrl ? modelHost : parseEndpoint(config.baseUrl);
  // Resolved even when the model's own region wins: a malformed region in config or env fails every call, as before.
  const providerRegion = configuredHost?.region ?? resolveRegion({ configured: config.region ?? config.regions?.[0], env });
  return modelHost?.region ?? model.region ?? providerRegion;
}
