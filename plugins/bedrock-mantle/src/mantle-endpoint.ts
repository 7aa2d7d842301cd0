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
export function resolveMantleEndpoint(config: Pick<MantleConfig, "baseUrl" | "region">, env: Env): MantleEndpoint {
  if (config.baseUrl !== undefined) {
    const parsed = parseMantleBaseUrl(config.baseUrl);
    const awsHost = parseAwsEndpoint(parsed.root);
    const hostRegion = awsHost?.service === "bedrock-mantle" ? awsHost.region : undefined;
    const region = hostRegion ?? resolveRegion({ configured: config.region, env });
    const endpoint: MantleEndpoint = { region, root: parsed.root, explicitBaseUrl: true, regionSupported: true };
    if (parsed.pastedPrefix !== undefined) endpoint.pastedPrefix = parsed.pastedPrefix;
    return endpoint;
  }
  const region = resolveRegion({ configured: config.region, env });
  return { region, root: mantleRoot(region), explicitBaseUrl: false, regionSupported: isMantleRegion(region) };
}

/** The root a model in `region` is called at. */
export function rootForRegion(endpoint: MantleEndpoint, region: string | undefined): string {
  if (endpoint.explicitBaseUrl || region === undefined || region === endpoint.region) return endpoint.root;
  return mantleRoot(region);
}
