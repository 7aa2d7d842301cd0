import type { ModelDefinition } from "./model-definition.js";

/**
 * Keep refs unique across the regions one provider serves (docs/adr/1002-several-regions.md): the
 * first region listing an id keeps it bare; a later region's entry with the same id becomes
 * `id@region` (wire id unchanged, `region` set). Ids only one region lists are never suffixed, so
 * adding a region never renames the primary region's refs.
 */
export function uniqueRegionRefs(perRegion: readonly (readonly ModelDefinition[])[]): ModelDefinition[] {
  if (perRegion.length === 1) return [...perRegion[0]!];
  const seen = new Set<string>();
  const models: ModelDefinition[] = [];
  for (const regionModels of perRegion) {
    for (const model of regionModels) {
      const id = seen.has(model.id) && model.region !== undefined ? `${model.id}@${model.region}` : model.id;
      if (seen.has(id)) continue;
      seen.add(id);
      models.push(id === model.id ? model : { ...model, id });
    }
  }
  return models;
}
