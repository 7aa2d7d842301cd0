import type { ConfiguredModel, ModelCost, ModelDefinition } from "./model-definition.js";

/**
 * Merge configured models over known ones (pure). In `merge` mode a configured entry overrides the
 * known entry with the same `id` field by field and unknown ids are added; in `replace` mode only
 * configured entries are listed. `complete` turns a configured entry with no known counterpart into
 * a full definition (the plugin fills in its knowledge).
 */
export function mergeModelDefinitions(
  known: readonly ModelDefinition[],
  configured: readonly ConfiguredModel[],
  mode: "merge" | "replace",
  complete: (entry: ConfiguredModel) => ModelDefinition,
): ModelDefinition[] {
  const byId = new Map<string, ModelDefinition>();
  if (mode === "merge") for (const model of known) byId.set(model.id, model);
  for (const entry of configured) {
    const base = byId.get(entry.id) ?? complete(entry);
    const { cost: configuredCost, ...fields } = entry;
    const merged: ModelDefinition = { ...base, ...withoutUndefined(fields), source: "config" };
    const cost = mergeModelCost(base.cost, configuredCost);
    if (cost === undefined) delete merged.cost;
    else merged.cost = cost;
    byId.set(entry.id, merged);
  }
  return [...byId.values()];
}

/**
 * Configured prices over known ones, field by field. Without both an input and an output price the
 * cost is unknown (`undefined`, never 0); a cache price nobody gave is 0 (the model bills no cache).
 */
export function mergeModelCost(known: ModelCost | undefined, configured: Partial<ModelCost> | undefined): ModelCost | undefined {
  if (configured === undefined) return known;
  const merged = { ...known, ...withoutUndefined(configured) };
  if (merged.input === undefined || merged.output === undefined) return undefined;
  return { input: merged.input, output: merged.output, cacheRead: merged.cacheRead ?? 0, cacheWrite: merged.cacheWrite ?? 0 };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  const result: Partial<T> = {};
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] !== undefined) result[key] = value[key];
  }
  return result;
}
