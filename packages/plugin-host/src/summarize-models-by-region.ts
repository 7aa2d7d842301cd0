import type { ModelCost, ModelDefinition } from "./model-definition.js";

/** How many of a provider's models are called in one region, and at what prices. */
export interface RegionModelSummary {
  /** Number of models called in the region. */
  modelCount: number;
  /** Prices in force per model id (undefined where unknown). */
  prices: Record<string, ModelCost | undefined>;
}

/**
 * Group a catalog by the region each model is called in (its own `region`, else the provider's
 * primary), for `doctor`'s per-region report. Regions are listed in first-seen order, the primary
 * first even when it has no model, so an empty region shows up as such rather than vanishing.
 */
export function summarizeModelsByRegion(models: readonly ModelDefinition[], primaryRegion: string): Map<string, RegionModelSummary> {
  const summaries = new Map<string, RegionModelSummary>([[primaryRegion, { modelCount: 0, prices: {} }]]);
  for (const model of models) {
    const region = model.region ?? primaryRegion;
    let summary = summaries.get(region);
    if (summary === undefined) {
      summary = { modelCount: 0, prices: {} };
      summaries.set(region, summary);
    }
    summary.modelCount += 1;
    summary.prices[model.id] = model.cost;
  }
  return summaries;
}
