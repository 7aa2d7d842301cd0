import type { ModelDefinition, ModelSource } from "@bedrock-kit/plugin-host";
import type { MantleApi } from "./mantle-config-schema.js";
import type { MantleEndpoint } from "./mantle-endpoint.js";
import { rootForRegion } from "./mantle-endpoint.js";
import type { MantleLearnedSurfaces } from "./mantle-learned-surfaces.js";
import { lookupMantleModelKnowledge } from "./mantle-model-knowledge.js";
import { resolveMantleSurface, surfaceBaseUrl } from "./mantle-surface-rules.js";
import { resolveMantleWireId } from "./resolve-mantle-model-id.js";

/** What describing a model needs from the provider. */
export interface DescribeMantleModelContext {
  /** Where the provider calls. */
  endpoint: MantleEndpoint;
  /** The provider-level `api` (a default for unknown ids). */
  providerApi?: MantleApi;
  /** Surfaces learned from route fallbacks. */
  learned?: MantleLearnedSurfaces;
}

/** What a caller may pin for one model. */
export interface DescribeMantleModelOptions {
  /** The id sent upstream; default: resolved from `id`. */
  wireId?: string;
  /** The model's own API (config), which wins over the rule table. */
  api?: MantleApi;
  /** The model's own region. */
  region?: string;
  /** Where the entry comes from. */
  source: ModelSource;
}

/**
 * A full definition for any model id from the plugin's knowledge: wire id, surface (learned, else
 * configured `api`, else rule table, else provider default), limits, prices and adapter compat.
 */
export function describeMantleModel(id: string, context: DescribeMantleModelContext, options: DescribeMantleModelOptions): ModelDefinition {
  const wireId = options.wireId ?? resolveMantleWireId(id);
  const root = rootForRegion(context.endpoint, options.region);
  const knowledge = lookupMantleModelKnowledge(wireId);
  const surface =
    (options.api === undefined ? context.learned?.get(root, wireId) : undefined) ??
    resolveMantleSurface(wireId, {
      configuredApi: options.api,
      providerApi: context.providerApi,
      pastedPrefix: context.endpoint.pastedPrefix,
    });
  const model: ModelDefinition = {
    id,
    wireId,
    name: knowledge.name,
    api: surface.api,
    baseUrl: surfaceBaseUrl(root, surface),
    reasoning: knowledge.reasoning,
    input: knowledge.input,
    contextWindow: knowledge.contextWindow,
    maxTokens: knowledge.maxTokens,
    source: options.source,
    defaultsAssumed: knowledge.defaultsAssumed,
    compat: knowledge.compat as Readonly<Record<string, unknown>>,
  };
  if (knowledge.cost !== undefined) model.cost = knowledge.cost;
  if (options.region !== undefined) model.region = options.region;
  return model;
}
