import { BedrockKitError, type ChatRequest, type Env, type ModelDefinition } from "@bedrock-kit/plugin-host";
import type { MantleConfig } from "./mantle-config-schema.js";
import { resolveMantleRegionEndpoints } from "./mantle-endpoint.js";
import { MANTLE_PROVIDER_ID } from "./mantle-provider-id.js";
import { parseMantleBaseUrl } from "./normalize-mantle-base-url.js";

/** Default bound on remembered response ids per provider instance. */
export const DEFAULT_RESPONSE_REGION_CAPACITY = 10_000;

/**
 * Which region stored each Responses API response (from `finish.metadata.responseId`). Mantle keeps
 * a stored response in one region only, so a `previousResponseId` continuation must go back there
 * (docs/adr/1002-several-regions.md). Bounded: the least recently used id is forgotten first.
 */
export class MantleResponseRegions {
  private readonly regions = new Map<string, string>();

  constructor(private readonly capacity: number = DEFAULT_RESPONSE_REGION_CAPACITY) {}

  /** Remember that `responseId` is stored in `region`. */
  remember(responseId: string, region: string): void {
    this.regions.delete(responseId);
    this.regions.set(responseId, region);
    if (this.regions.size > this.capacity) {
      const oldest = this.regions.keys().next().value;
      if (oldest !== undefined) this.regions.delete(oldest);
    }
  }

  /** The region that stored `responseId`, when known (refreshes its recency). */
  regionOf(responseId: string): string | undefined {
    const region = this.regions.get(responseId);
    if (region !== undefined) {
      this.regions.delete(responseId);
      this.regions.set(responseId, region);
    }
    return region;
  }

  /** How many ids are remembered. */
  get size(): number {
    return this.regions.size;
  }
}

/**
 * The model to call for `request`: unchanged, unless it continues a response stored in another
 * region; then the same wire id at that region's root (signed and minted for that region). Throws a
 * `config` error when that region is not one the provider serves.
 */
export function routeToStoringRegion(
  model: ModelDefinition,
  request: ChatRequest,
  config: MantleConfig,
  env: Env,
  responseRegions: MantleResponseRegions,
): ModelDefinition {
  if (request.previousResponseId === undefined) return model;
  const storedIn = responseRegions.regionOf(request.previousResponseId);
  if (storedIn === undefined) return model;
  const endpoints = resolveMantleRegionEndpoints(config, env);
  const modelRegion = model.region ?? endpoints[0]!.region;
  if (storedIn === modelRegion) return model;
  const target = endpoints.find((endpoint) => endpoint.region === storedIn);
  if (target === undefined) {
    throw new BedrockKitError({
      code: "config",
      message: `Response ${request.previousResponseId} is stored in ${storedIn}, which this provider does not serve (model ${model.id} is in ${modelRegion}).`,
      hint: `Add "${storedIn}" to the amazon-bedrock-mantle provider's regions, or start a new conversation without previousResponseId.`,
      provider: MANTLE_PROVIDER_ID,
      retryable: false,
    });
  }
  const currentRoot = parseMantleBaseUrl(model.baseUrl).root;
  const path = model.baseUrl.startsWith(currentRoot) ? model.baseUrl.slice(currentRoot.length) : new URL(model.baseUrl).pathname;
  return { ...model, region: storedIn, baseUrl: `${target.root}${path}` };
}
