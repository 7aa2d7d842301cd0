import type { ModelCost } from "./model-definition.js";
import type { Usage } from "./stream-events.js";

/**
 * The cost of a call in USD from per-million-token prices (pure). `undefined` when the prices are
 * unknown, so an unknown price never reads as free.
 */
export function computeUsageCost(usage: Usage, cost: ModelCost | undefined): number | undefined {
  if (cost === undefined) return undefined;
  const microDollars =
    usage.input * cost.input + usage.output * cost.output + usage.cacheRead * cost.cacheRead + usage.cacheWrite * cost.cacheWrite;
  return microDollars / 1_000_000;
}
