import { mergeModelDefinitions, type ConfiguredModel, type ModelDefinition } from "@bedrock-kit/plugin-host";
import type { MantleConfig } from "./mantle-config-schema.js";
import { describeMantleModel, type DescribeMantleModelContext } from "./describe-mantle-model.js";
import { rootForRegion } from "./mantle-endpoint.js";
import { prefixFor, surfaceBaseUrl } from "./mantle-surface-rules.js";
import { resolveMantleWireId } from "./resolve-mantle-model-id.js";

/** A configured model entry (validated). */
export type MantleConfiguredModel = MantleConfig["models"][number];

/**
 * Merge configured models over discovered ones. A configured alias (`gpt-oss-120b`) takes over the
 * discovered entry with the same wire id (`openai.gpt-oss-120b`), so the list shows one row under the
 * id the user wrote; fields override field by field (the contract's `mergeModelDefinitions`).
 */
export function mergeMantleCatalog(
  discovered: readonly ModelDefinition[],
  configured: readonly MantleConfiguredModel[],
  mode: "merge" | "replace",
  context: DescribeMantleModelContext,
): ModelDefinition[] {
  const configuredIds = new Set(configured.map((entry) => entry.id));
  const aliasByWireId = new Map<string, string>();
  for (const entry of configured) {
    const wireId = entry.wireId ?? resolveMantleWireId(entry.id);
    if (wireId !== entry.id && !aliasByWireId.has(wireId)) aliasByWireId.set(wireId, entry.id);
  }
  const known: ModelDefinition[] = [];
  const seen = new Set<string>();
  for (const model of discovered) {
    // Only the bare entry takes the alias; another region's `id@region` copy keeps its own ref.
    const alias = configuredIds.has(model.id) || model.id !== model.wireId ? undefined : aliasByWireId.get(model.wireId);
    const renamed = alias === undefined ? model : { ...model, id: alias };
    if (seen.has(renamed.id)) continue;
    seen.add(renamed.id);
    known.push(renamed);
  }
  const complete = (entry: ConfiguredModel): ModelDefinition => {
    const options: Parameters<typeof describeMantleModel>[2] = { source: "config" };
    if (entry.wireId !== undefined) options.wireId = entry.wireId;
    if (entry.region !== undefined) options.region = entry.region;
    return describeMantleModel(entry.id, context, options);
  };
  const entries = configured.map(toConfiguredModel);
  const merged = mergeModelDefinitions(known, entries, mode, complete);
  const byId = new Map(configured.map((entry) => [entry.id, entry]));
  return merged.map((model) => {
    const entry = byId.get(model.id);
    if (entry === undefined) return model;
    let result = model;
    if (entry.contextWindow !== undefined && entry.maxTokens !== undefined && model.defaultsAssumed) {
      result = { ...result, defaultsAssumed: false };
    }
    if (entry.baseUrl === undefined && (entry.api !== undefined || entry.region !== undefined || entry.wireId !== undefined)) {
      // The model's own api, region or wire id moves it to another surface base; recompute it.
      const api = result.api === "bedrock-converse-stream" ? "openai-completions" : result.api;
      const root = rootForRegion(context.endpoint, result.region);
      result = { ...result, baseUrl: surfaceBaseUrl(root, { api, prefix: prefixFor(result.wireId, api, context.endpoint.pastedPrefix) }) };
    }
    return result;
  });
}

function toConfiguredModel(entry: MantleConfiguredModel): ConfiguredModel {
  const model: ConfiguredModel = { id: entry.id };
  if (entry.wireId !== undefined) model.wireId = entry.wireId;
  if (entry.name !== undefined) model.name = entry.name;
  if (entry.api !== undefined) model.api = entry.api;
  if (entry.baseUrl !== undefined) model.baseUrl = entry.baseUrl;
  if (entry.reasoning !== undefined) model.reasoning = entry.reasoning;
  if (entry.input !== undefined) model.input = entry.input;
  if (entry.cost !== undefined) model.cost = entry.cost;
  if (entry.contextWindow !== undefined) model.contextWindow = entry.contextWindow;
  if (entry.maxTokens !== undefined) model.maxTokens = entry.maxTokens;
  if (entry.region !== undefined) model.region = entry.region;
  return model;
}
