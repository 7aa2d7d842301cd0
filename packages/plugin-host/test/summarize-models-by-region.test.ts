import { describe, expect, it } from "vitest";
import type { ModelDefinition } from "../src/model-definition.js";
import { summarizeModelsByRegion } from "../src/summarize-models-by-region.js";

const model = (id: string, region?: string, cost?: ModelDefinition["cost"]) =>
  ({ id, ...(region !== undefined && { region }), ...(cost !== undefined && { cost }) }) as ModelDefinition;
const cost = { input: 1, output: 2, cacheRead: 0.1, cacheWrite: 1.25 };

describe("summarizeModelsByRegion", () => {
  it("counts models and prices per region, a model without a region in the primary", () => {
    const summaries = summarizeModelsByRegion([model("a", undefined, cost), model("b", "us-west-2"), model("a@us-west-2", "us-west-2", cost)], "us-east-1");
    expect([...summaries.keys()]).toEqual(["us-east-1", "us-west-2"]);
    expect(summaries.get("us-east-1")).toEqual({ modelCount: 1, prices: { a: cost } });
    expect(summaries.get("us-west-2")).toEqual({ modelCount: 2, prices: { b: undefined, "a@us-west-2": cost } });
  });

  it("keeps the primary, empty, when every model is elsewhere", () => {
    const summaries = summarizeModelsByRegion([model("x", "eu-west-1")], "us-east-1");
    expect([...summaries.entries()]).toEqual([
      ["us-east-1", { modelCount: 0, prices: {} }],
      ["eu-west-1", { modelCount: 1, prices: { x: undefined } }],
    ]);
  });
});
