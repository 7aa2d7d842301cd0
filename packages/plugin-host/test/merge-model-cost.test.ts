import { describe, expect, it } from "vitest";
import { configuredModelSchema } from "../src/config-schemas.js";
import { computeUsageCost } from "../src/compute-usage-cost.js";
import { mergeModelCost, mergeModelDefinitions } from "../src/merge-model-definitions.js";
import type { ModelDefinition } from "../src/model-definition.js";

const CATALOG = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };
const KNOWN: ModelDefinition = {
  id: "claude",
  wireId: "anthropic.claude",
  name: "Claude",
  api: "anthropic-messages",
  baseUrl: "https://example.invalid",
  reasoning: true,
  input: ["text"],
  contextWindow: 200000,
  maxTokens: 64000,
  source: "catalog",
  cost: CATALOG,
};
const complete = (entry: { id: string }): ModelDefinition => ({ ...KNOWN, id: entry.id, source: "config" as const, cost: undefined as never });

describe("configured prices override the catalog's field by field", () => {
  it("changes only the fields written (a cache-write price alone keeps the rest)", () => {
    const entry = configuredModelSchema.parse({ id: "claude", cost: { cacheWrite: 6 } });
    const [merged] = mergeModelDefinitions([KNOWN], [entry], "merge", complete);
    expect(merged?.cost).toEqual({ ...CATALOG, cacheWrite: 6 });
    const usage = { input: 1000, output: 200, cacheRead: 5000, cacheWrite: 2000 };
    expect(computeUsageCost(usage, merged?.cost)).toBeCloseTo((1000 * 3 + 200 * 15 + 5000 * 0.3 + 2000 * 6) / 1e6, 12);
  });

  it("leaves the cost unknown (never 0) when no input and output prices are known", () => {
    expect(mergeModelCost(undefined, { cacheWrite: 6 })).toBeUndefined();
    const { cost: _cost, ...withoutCost } = KNOWN;
    const [merged] = mergeModelDefinitions([withoutCost], [{ id: "claude", name: "renamed" }], "merge", complete);
    expect(merged?.cost).toBeUndefined();
    expect(computeUsageCost({ input: 1, output: 1, cacheRead: 0, cacheWrite: 0 }, merged?.cost)).toBeUndefined();
  });

  it("completes a new model's prices with 0 for the cache prices nobody gave", () => {
    expect(mergeModelCost(undefined, { input: 1, output: 2 })).toEqual({ input: 1, output: 2, cacheRead: 0, cacheWrite: 0 });
    expect(mergeModelCost(CATALOG, undefined)).toBe(CATALOG);
  });
});
