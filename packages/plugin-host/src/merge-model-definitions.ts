import type { ConfiguredModel, ModelDefinition } from "./model-definition.js";

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
    byId.set(entry.id, { ...base, ...withoutUndefined(entry), source: "config" });
  }
  return [...byId.values()];
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  const result: Partial<T> = {};
  for (const key of Object.keys(value) as Array<keyof T>) {
    if (value[key] !== undefined) result[key] = value[key];
  }
  return result;
}
