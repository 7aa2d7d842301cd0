import type { Env } from "@bedrock-kit/plugin-host";
import { mantleEndpoint, parseAwsEndpoint, resolveRegion } from "@bedrock-kit/aws-auth";
import type { MantleConfig } from "./mantle-config-schema.js";
import { isMantleRegion } from "./mantle-regions.js";
import { parseMantleBaseUrl } from "./normalize-mantle-base-url.js";
import type { MantleSurfacePrefix } from "./mantle-surface-rules.js";

/** Where the provider sends requests. */
export interface MantleEndpoint {
  /** The region requests are signed or minted for. */
  region: string;
  /** Host root (`https://bedrock-mantle.us-east-1.api.aws`, or the configured `baseUrl`'s root). */
  root: string;
  /** The surface a pasted `baseUrl` pointed at. */
  pastedPrefix?: MantleSurfacePrefix;
  /** True when `baseUrl` was configured (emulator, proxy, VPC endpoint): the region check is skipped. */
  explicitBaseUrl: boolean;
  /** Whether Mantle serves `region` (always true with an explicit `baseUrl`). */
  regionSupported: boolean;
  /** Roots from `regionBaseUrls` (emulators, VPC endpoints), for models in other regions. */
  regionRoots?: Readonly<Record<string, string>>;
}

/** The Mantle host root of a region. */
export function mantleRoot(region: string): string {
  return mantleEndpoint(region);
}

/**
 * Resolve the endpoint: an explicit `baseUrl` wins (its AWS host names the signing region, since a
 * token or signature for another region is refused); otherwise the region from config,
 * `AWS_REGION`, `AWS_DEFAULT_REGION`, `us-east-1`, checked against the Mantle regions.
 */
export function resolveMantleEndpoint(
  config: Pick<MantleConfig, "baseUrl" | "region"> & Partial<Pick<MantleConfig, "regions" | "regionBaseUrls">>,
  env: Env,
): MantleEndpoint {
  if (config.baseUrl !== undefined) {
    const parsed = parseMantleBaseUrl(config.baseUrl);
    const awsHost = parseAwsEndpoint(parsed.root);
    const hostRegion = awsHost?.service === "bedrock-mantle" ? awsHost.region : undefined;
    const region = hostRegion ?? resolveRegion({ configured: config.region, env });
    const endpoint: MantleEndpoint = { region, root: parsed.root, explicitBaseUrl: true, regionSupported: true };
    if (parsed.pastedPrefix !== undefined) endpoint.pastedPrefix = parsed.pastedPrefix;
    return endpoint;
  }
  // With `regions`, the first listed is the primary unless `region` names one explicitly.
  const region = resolveRegion({ configured: config.region ?? config.regions?.[0], env });
  const regionRoots = regionRootsOf(config.regionBaseUrls);
  const override = regionRoots?.[region];
  const endpoint: MantleEndpoint =
    override !== undefined
      ? { region, root: override, explicitBaseUrl: true, regionSupported: true }
      : { region, root: mantleRoot(region), explicitBaseUrl: false, regionSupported: isMantleRegion(region) };
  if (regionRoots !== undefined) endpoint.regionRoots = regionRoots;
  return endpoint;
}

/**
 * One endpoint per region the provider serves: `regions` (primary first, duplicates dropped), or
 * the single endpoint when `regions` is absent or an explicit `baseUrl` pins one host (docs/adr/1002).
 */
export function resolveMantleRegionEndpoints(
  config: Pick<MantleConfig, "baseUrl" | "region"> & Partial<Pick<MantleConfig, "regions" | "regionBaseUrls">>,
  env: Env,
): MantleEndpoint[] {
  const primary = resolveMantleEndpoint(config, env);
  if (config.baseUrl !== undefined || config.regions === undefined) return [primary];
  const endpoints = [primary];
  for (const region of config.regions) {
    if (endpoints.some((endpoint) => endpoint.region === region)) continue;
    endpoints.push(resolveMantleEndpoint({ ...config, region }, env));
  }
  return endpoints;
}

/** The root a model in `region` is called at. */
export function rootForRegion(endpoint: MantleEndpoint, region: string | undefined): string {
  if (region === undefined || region === endpoint.region) return endpoint.root;
  const override = endpoint.regionRoots?.[region];
  if (override !== undefined) return override;
  if (endpoint.explicitBaseUrl && endpoint.regionRoots === undefined) return endpoint.root;
  return mantleRoot(region);
}

function regionRootsOf(regionBaseUrls: Readonly<Record<string, string>> | undefined): Record<string, string> | undefined {
  if (regionBaseUrls === undefined) return undefined;
  const roots: Record<string, string> = {};
  for (const [region, url] of Object.entries(regionBaseUrls)) roots[region] = parseMantleBaseUrl(url).root;
  return roots;
}
