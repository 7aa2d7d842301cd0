import type { ConfiguredModel, ModelCost, ModelDefinition, ModelInput } from "@bedrock-kit/plugin-host";
import { findCuratedModel, type CuratedConverseModel } from "./converse-curated-catalog.js";
import { UNLISTED_CLAUDE_LIMITS, unlistedClaudeCompat } from "./unlisted-claude-compat.js";
import { baseModelIdOf, geographyScopesForRegion, isArn, profileId, profileScopeOf } from "./inference-profile-prefix.js";

/** Where a model is called: its region and runtime base URL. */
export interface ModelPlacement {
  /** AWS region (decides the inference-profile geography). */
  region: string;
  /** Runtime base URL. */
  baseUrl: string;
  /** Set on definitions whose region is not the provider's. */
  explicitRegion?: boolean;
}

/** Conservative limits for an id the plugin knows nothing about (flagged `defaultsAssumed`). */
export const UNKNOWN_MODEL_LIMITS = { contextWindow: 128_000, maxTokens: 8_192 } as const;

/**
 * The id to call a curated model with in a region: the base id when it runs on demand, else the
 * region's geography profile, else `global.` (see docs/adr/0701-inference-profile-selection.md).
 */
export function curatedWireId(model: CuratedConverseModel, region: string): string {
  if (model.invocation === "on-demand") return model.id;
  const [geography] = geographyScopesForRegion(region);
  if (geography !== undefined) return profileId(geography, model.id);
  return model.globalProfile ? profileId("global", model.id) : model.id;
}

function roundPrice(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}

/** The prices that apply when a curated model is called through `wireId` (geography profiles may bill more). */
export function costForWireId(model: CuratedConverseModel, wireId: string): ModelCost | undefined {
  const cost = model.cost;
  if (cost === undefined) return undefined;
  const scope = profileScopeOf(wireId);
  const premium = model.geoProfilePremium;
  if (premium === undefined || scope === undefined || scope === "global") return cost;
  return {
    input: roundPrice(cost.input * premium),
    output: roundPrice(cost.output * premium),
    cacheRead: roundPrice(cost.cacheRead * premium),
    cacheWrite: roundPrice(cost.cacheWrite * premium),
  };
}

/** A contract model definition for a curated model, called as `wireId` (default: chosen for the region). */
export function curatedModelDefinition(
  model: CuratedConverseModel,
  placement: ModelPlacement,
  overrides: { id?: string; wireId?: string; name?: string; source?: ModelDefinition["source"] } = {},
): ModelDefinition {
  const wireId = overrides.wireId ?? curatedWireId(model, placement.region);
  const definition: ModelDefinition = {
    id: overrides.id ?? model.id,
    wireId,
    name: overrides.name ?? model.name,
    api: "bedrock-converse-stream",
    baseUrl: placement.baseUrl,
    reasoning: model.reasoning,
    input: [...model.input],
    contextWindow: model.contextWindow,
    maxTokens: model.maxTokens,
    source: overrides.source ?? "catalog",
    compat: model.compat as Readonly<Record<string, unknown>>,
  };
  const cost = costForWireId(model, wireId);
  if (cost !== undefined) definition.cost = cost;
  if (placement.explicitRegion === true) definition.region = placement.region;
  return definition;
}

/**
 * A definition for an id the curated catalog does not know: conservative limits, flagged. A Claude
 * id still gets its generation's compat, reasoning and image input (`unlistedClaudeCompat`).
 */
export function unknownModelDefinition(
  id: string,
  wireId: string,
  placement: ModelPlacement,
  details: { name?: string; input?: ModelInput[]; source?: ModelDefinition["source"] } = {},
): ModelDefinition {
  const claude = unlistedClaudeCompat(wireId) ?? unlistedClaudeCompat(id);
  const limits = claude !== undefined ? UNLISTED_CLAUDE_LIMITS : UNKNOWN_MODEL_LIMITS;
  const definition: ModelDefinition = {
    id,
    wireId,
    name: details.name ?? id,
    api: "bedrock-converse-stream",
    baseUrl: placement.baseUrl,
    reasoning: claude !== undefined,
    input: details.input ?? (claude !== undefined ? ["text", "image"] : ["text"]),
    contextWindow: limits.contextWindow,
    maxTokens: limits.maxTokens,
    source: details.source ?? "config",
    defaultsAssumed: true,
    compat: (claude ?? {}) as Readonly<Record<string, unknown>>,
  };
  if (placement.explicitRegion === true) definition.region = placement.region;
  return definition;
}

/** The curated knowledge behind an id, profile id or ARN (`us.anthropic.x`, `…:inference-profile/eu.x`). */
export function curatedKnowledgeFor(...ids: Array<string | undefined>): CuratedConverseModel | undefined {
  for (const id of ids) {
    if (id === undefined) continue;
    const known = findCuratedModel(baseModelIdOf(id));
    if (known !== undefined) return known;
  }
  return undefined;
}

/**
 * Completes a configured entry that matches no listed model: curated knowledge when its id or
 * wireId names a known model, else conservative defaults. A base id that needs a profile gets the
 * region's profile as its wire id; an explicit `wireId` (profile id or ARN) is kept as written.
 */
export function configuredModelDefinition(entry: ConfiguredModel, placement: ModelPlacement): ModelDefinition {
  const known = curatedKnowledgeFor(entry.wireId, entry.id);
  if (known === undefined) {
    return unknownModelDefinition(entry.id, entry.wireId ?? entry.id, placement, { source: "config" });
  }
  const namesBaseModel = entry.id === known.id;
  const wireId = entry.wireId ?? (namesBaseModel ? curatedWireId(known, placement.region) : entry.id);
  const overrides: Parameters<typeof curatedModelDefinition>[2] = { id: entry.id, wireId, source: "config" };
  if (!namesBaseModel && !isArn(wireId)) overrides.name = `${known.name} (${profileScopeOf(wireId) ?? "in-region"})`;
  return curatedModelDefinition(known, placement, overrides);
}
