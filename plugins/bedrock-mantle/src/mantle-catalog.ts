import { uniqueRegionRefs, type CatalogContext, type ModelDefinition, type ProviderCatalog, type Transport } from "@bedrock-kit/plugin-host";
import { classifyMantleError } from "./classify-mantle-error.js";
import { describeMantleModel, type DescribeMantleModelContext } from "./describe-mantle-model.js";
import type { MantleConfig } from "./mantle-config-schema.js";
import { DEFAULT_DISCOVERY_TIMEOUT_MS } from "./mantle-config-values.js";
import type { MantleDiscovery } from "./mantle-discovery.js";
import { resolveMantleEndpoint, resolveMantleRegionEndpoints, type MantleEndpoint } from "./mantle-endpoint.js";
import type { MantleLearnedSurfaces } from "./mantle-learned-surfaces.js";
import { MANTLE_PROVIDER_ID } from "./mantle-provider-id.js";
import { MANTLE_REGIONS } from "./mantle-regions.js";
import type { MantleRuntimeAuth } from "./mantle-runtime-auth.js";
import { mergeMantleCatalog } from "./merge-mantle-catalog.js";

/** What the catalog needs from the provider instance. */
export interface MantleCatalogDependencies {
  /** The discovery cache for a clock (one per provider instance and clock). */
  discoveryFor: (context: CatalogContext<MantleConfig>) => MantleDiscovery;
  /** Runtime auth (for the credential identity in cache keys). */
  runtimeAuth: MantleRuntimeAuth;
  /** Surfaces learned from fallbacks. */
  learned: MantleLearnedSurfaces;
  /** The transport when the host passes none. */
  defaultTransport: () => Transport;
}

/** Why the provider is skipped, or its endpoint, when it is not. */
type EndpointOutcome = { endpoint: MantleEndpoint } | { skip: string; fields: Record<string, unknown> };

/** Resolve the endpoint, or say why the provider must be skipped (never throws). */
export function resolveCatalogEndpoint(config: MantleConfig, env: CatalogContext<MantleConfig>["env"]): EndpointOutcome {
  let endpoint: MantleEndpoint;
  try {
    endpoint = resolveMantleEndpoint(config, env);
  } catch (error) {
    return { skip: "invalid region", fields: { reason: classifyMantleError(error).message } };
  }
  if (!endpoint.regionSupported) {
    return { skip: `region ${endpoint.region} has no Mantle endpoint`, fields: { region: endpoint.region, mantleRegions: MANTLE_REGIONS.join(",") } };
  }
  return { endpoint };
}

/**
 * The provider's catalog: discovered models (enriched by the knowledge table) merged with configured
 * ones. Returns `null`, with one debug line, when there is no credential, the region has no Mantle,
 * or there is nothing to list; a discovery failure keeps the configured models (or the last good
 * list). Never throws, never delays other providers beyond the discovery timeout.
 */
export async function buildMantleCatalog(
  context: CatalogContext<MantleConfig>,
  dependencies: MantleCatalogDependencies,
): Promise<ProviderCatalog | null> {
  const config = context.config;
  const skip = (reason: string, fields: Record<string, unknown> = {}): null => {
    context.logger.debug(`${MANTLE_PROVIDER_ID} skipped: ${reason}`, fields);
    return null;
  };
  const outcome = resolveCatalogEndpoint(config, context.env);
  if ("skip" in outcome) return skip(outcome.skip, outcome.fields);
  const endpoint = outcome.endpoint;
  const endpoints = [endpoint, ...resolveMantleRegionEndpoints(config, context.env).slice(1)];
  const multiRegion = endpoints.length > 1;

  // Each region on its own: one region's missing credential, unsupported name or failed discovery
  // never hides the others (docs/adr/1002-several-regions.md).
  const perRegion = await Promise.all(endpoints.map((regionEndpoint) => discoverRegion(regionEndpoint, multiRegion, context, dependencies)));
  const primary = perRegion[0]!;
  if (!perRegion.some((region) => region.authorized)) {
    return skip("no usable credential", { reason: primary.failure ?? "no region authorized" });
  }
  const discoveryWanted = config.discovery.enabled && context.mode !== "replace";
  if (discoveryWanted && config.models.length === 0 && perRegion.every((region) => region.failure !== undefined)) {
    return skip(primary.authorized ? "discovery failed" : "no usable credential", { reason: primary.failure });
  }
  const discovered = uniqueRegionRefs(perRegion.map((region) => region.models));

  const describeContext: DescribeMantleModelContext = { endpoint, learned: dependencies.learned };
  if (config.api !== undefined) describeContext.providerApi = config.api;
  const models = mergeMantleCatalog(discovered, config.models, context.mode, describeContext);
  if (models.length === 0) return skip("no models to list");
  return { models };
}

interface RegionDiscovery {
  /** Models discovered in the region (empty when discovery is off or failed). */
  models: ModelDefinition[];
  /** Whether a credential was prepared for the region. */
  authorized: boolean;
  /** Why the region lists nothing, when it failed. */
  failure?: string;
}

async function discoverRegion(
  endpoint: MantleEndpoint,
  multiRegion: boolean,
  context: CatalogContext<MantleConfig>,
  dependencies: MantleCatalogDependencies,
): Promise<RegionDiscovery> {
  const config = context.config;
  if (!endpoint.regionSupported) {
    context.logger.debug(`${MANTLE_PROVIDER_ID} region ${endpoint.region} has no Mantle endpoint; skipped`, { region: endpoint.region });
    return { models: [], authorized: false, failure: `region ${endpoint.region} has no Mantle endpoint` };
  }
  let auth;
  try {
    auth = await context.getAuth({ region: endpoint.region });
  } catch (error) {
    return { models: [], authorized: false, failure: classifyMantleError(error).message };
  }
  if (!config.discovery.enabled || context.mode === "replace") return { models: [], authorized: true };
  const describeContext: DescribeMantleModelContext = { endpoint, learned: dependencies.learned };
  if (config.api !== undefined) describeContext.providerApi = config.api;
  try {
    const result = await dependencies.discoveryFor(context).list({
      root: endpoint.root,
      region: endpoint.region,
      auth,
      identity: dependencies.runtimeAuth.identityOf(auth),
      transport: context.transport ?? dependencies.defaultTransport(),
      timeoutMs: config.discovery.timeoutMs ?? DEFAULT_DISCOVERY_TIMEOUT_MS,
      ttlMs: config.discovery.ttlSeconds * 1000,
      ...(config.headers !== undefined && { headers: config.headers }),
      ...(context.signal !== undefined && { signal: context.signal }),
    });
    if (result.stale) context.logger.debug(`${MANTLE_PROVIDER_ID} discovery failed; serving the last good list`, { models: result.ids.length, region: endpoint.region });
    // With several regions every model names its region, so calls sign and mint for it.
    const options = (id: string) => ({ wireId: id, source: "discovered" as const, ...(multiRegion && { region: endpoint.region }) });
    return { models: result.ids.map((id) => describeMantleModel(id, describeContext, options(id))), authorized: true };
  } catch (error) {
    const reason = classifyMantleError(error).message;
    context.logger.debug(`${MANTLE_PROVIDER_ID} discovery failed in ${endpoint.region}`, { reason, region: endpoint.region });
    return { models: [], authorized: true, failure: reason };
  }
}
