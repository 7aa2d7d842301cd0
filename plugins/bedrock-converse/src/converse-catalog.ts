import { defaultTransport } from "@bedrock-kit/aws-auth";
import { BedrockKitError, mergeModelDefinitions, uniqueRegionRefs, type CatalogContext, type ModelDefinition, type ProviderCatalog, type RuntimeAuth } from "@bedrock-kit/plugin-host";
import type { ConverseConfig } from "./converse-config-schema.js";
import { CURATED_CONVERSE_MODELS } from "./converse-curated-catalog.js";
import { resolveConverseRegionEndpoints, runtimeTargetFor, type ConverseEndpoints } from "./converse-endpoints.js";
import { configuredModelDefinition, curatedModelDefinition, type ModelPlacement } from "./converse-model-definitions.js";
import type { SignerIdentities } from "./converse-runtime-auth.js";
import type { createDiscoveryCache } from "./discovery-cache.js";
import { baseModelIdOf } from "./inference-profile-prefix.js";

/** What catalog building shares across calls of one provider instance. */
export interface CatalogDependencies {
  /** Discovery results per region and identity. */
  discoveryCache: ReturnType<typeof createDiscoveryCache<ModelDefinition[]>>;
  /** Credential identity behind each signer. */
  identities: SignerIdentities;
}

/** The curated catalog placed in the provider's region. */
export function curatedCatalog(endpoints: ConverseEndpoints): ModelDefinition[] {
  const placement: ModelPlacement = { region: endpoints.region, baseUrl: endpoints.runtimeUrl };
  return CURATED_CONVERSE_MODELS.map((model) => curatedModelDefinition(model, placement));
}

/**
 * Discovered models, or undefined when discovery is off, cannot run (no SigV4 credential: bearer
 * keys do not apply to the control plane) or fails. Failures fall back silently with one debug line.
 */
async function discover(
  context: CatalogContext<ConverseConfig>,
  endpoints: ConverseEndpoints,
  auth: RuntimeAuth,
  dependencies: CatalogDependencies,
): Promise<ModelDefinition[] | undefined> {
  const { discovery } = context.config;
  if (!discovery.enabled) return undefined;
  try {
    if (auth.sign === undefined) {
      context.logger.debug("amazon-bedrock discovery skipped: the winning credential is a bearer key, and the control plane needs SigV4", {
        source: auth.source,
      });
      return undefined;
    }
    const identity = dependencies.identities.get(auth.sign) ?? auth.source;
    const placement: ModelPlacement = { region: endpoints.region, baseUrl: endpoints.runtimeUrl };
    return await dependencies.discoveryCache({
      key: `${endpoints.controlPlaneUrl}|${endpoints.region}|${identity}|${endpoints.runtimeUrl}`,
      ttlMs: discovery.ttlSeconds * 1000,
      clock: context.clock,
      load: async () => {
        // Discovery (and the zod it parses with) loads only when it runs: it is off by default.
        const [{ fetchControlPlaneListing }, { discoveredModelDefinitions }] = await Promise.all([
          import("./control-plane-discovery.js"),
          import("./parse-control-plane-models.js"),
        ]);
        const listing = await fetchControlPlaneListing({
          controlPlaneUrl: endpoints.controlPlaneUrl,
          region: endpoints.region,
          auth,
          transport: context.transport ?? defaultTransport(),
          ...(context.signal !== undefined && { signal: context.signal }),
        });
        return discoveredModelDefinitions(listing.foundationModels, listing.profiles, placement);
      },
    });
  } catch (error) {
    context.logger.debug("amazon-bedrock discovery failed; using the curated catalog", {
      code: BedrockKitError.isInstance(error) ? error.code : "unexpected",
      reason: error instanceof Error ? error.message : String(error),
    });
    return undefined;
  }
}

/**
 * Curated and discovered models combined: when discovery answered, it is the truth about what
 * this account can call here, so curated entries stay only for base models it listed (directly or
 * through a profile), and a discovered profile that duplicates a curated entry's wire id is dropped.
 */
export function combineCuratedAndDiscovered(curated: readonly ModelDefinition[], discovered: readonly ModelDefinition[]): ModelDefinition[] {
  const discoveredBases = new Set(discovered.map((model) => baseModelIdOf(model.wireId)));
  for (const model of discovered) discoveredBases.add(baseModelIdOf(model.id));
  const kept = curated.filter((model) => discoveredBases.has(model.id));
  const keptWireIds = new Set(kept.map((model) => model.wireId));
  const keptIds = new Set(kept.map((model) => model.id));
  return [...kept, ...discovered.filter((model) => !keptWireIds.has(model.id) && !keptIds.has(model.id))];
}

/** Place configured models that name their own region (their endpoint and profile follow it). */
function placeConfigured(models: ModelDefinition[], config: ConverseConfig, endpoints: ConverseEndpoints): ModelDefinition[] {
  const configuredById = new Map(config.models.map((entry) => [entry.id, entry]));
  return models.map((model) => {
    const entry = configuredById.get(model.id);
    if (entry?.region === undefined || entry.region === endpoints.region) return model;
    const target = runtimeTargetFor(endpoints, entry.region);
    const placed = configuredModelDefinition(entry, { region: target.region, baseUrl: target.runtimeUrl, explicitRegion: true });
    return { ...placed, ...(entry.baseUrl !== undefined && { baseUrl: entry.baseUrl }) };
  });
}

/**
 * `catalog()`: the curated catalog (plus discovery when enabled and possible) with configured
 * models merged over it. Returns null, to be skipped silently, when no credential resolves.
 */
export async function buildConverseCatalog(context: CatalogContext<ConverseConfig>, dependencies: CatalogDependencies): Promise<ProviderCatalog | null> {
  const regionEndpoints = resolveConverseRegionEndpoints(context.config, context.env);
  const endpoints = regionEndpoints[0]!;
  // Each region on its own: one region without a credential or with failing discovery never hides
  // the others (docs/adr/1002-several-regions.md).
  const multiRegion = regionEndpoints.length > 1;
  const perRegion = await Promise.all(regionEndpoints.map((regionEndpoint) => knownInRegion(context, regionEndpoint, multiRegion, dependencies)));
  if (perRegion.every((models) => models === undefined)) {
    context.logger.debug("amazon-bedrock skipped: no credential resolved", {});
    return null;
  }
  const known = uniqueRegionRefs(perRegion.map((models) => models ?? []));
  const placement: ModelPlacement = { region: endpoints.region, baseUrl: endpoints.runtimeUrl };
  const merged = mergeModelDefinitions(known, context.config.models, context.mode, (entry) => configuredModelDefinition(entry, placement));
  return { models: placeConfigured(merged, context.config, endpoints) };
}

/** The curated (and discovered) models of one region; undefined when no credential resolves there. */
async function knownInRegion(
  context: CatalogContext<ConverseConfig>,
  endpoints: ConverseEndpoints,
  multiRegion: boolean,
  dependencies: CatalogDependencies,
): Promise<ModelDefinition[] | undefined> {
  let auth: RuntimeAuth;
  try {
    auth = await context.getAuth({ region: endpoints.region });
  } catch (error) {
    context.logger.debug(`amazon-bedrock: no credential resolved for ${endpoints.region}`, {
      code: BedrockKitError.isInstance(error) ? error.code : "unexpected",
    });
    return undefined;
  }
  const curated = curatedCatalog(endpoints);
  const discovered = await discover(context, endpoints, auth, dependencies);
  const known = discovered === undefined ? curated : combineCuratedAndDiscovered(curated, discovered);
  // With several regions every model names its region, so calls sign for it and refs can say it.
  return multiRegion ? known.map((model) => (model.region === undefined ? { ...model, region: endpoints.region } : model)) : known;
}
