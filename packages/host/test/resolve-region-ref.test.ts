import { describe, expect, it } from "vitest";
import type { CatalogEntry } from "../src/host/host-types.js";
import { findCatalogEntry } from "../src/host/resolve-catalog-entry.js";

// docs/adr/1002-several-regions.md: `provider/<wireId>@<region>` picks that wire id in that region.

function entry(id: string, wireId: string, region: string): CatalogEntry {
  return {
    ref: `p/${id}`,
    provider: "p",
    id,
    wireId,
    name: id,
    api: "openai-completions",
    baseUrl: `https://${region}.example/v1`,
    reasoning: false,
    input: ["text"],
    contextWindow: 1000,
    maxTokens: 100,
    source: "discovered",
    region,
  };
}

describe("findCatalogEntry with regions", () => {
  const entries = [entry("gpt", "openai.gpt", "us-east-1"), entry("gpt@us-west-2", "openai.gpt", "us-west-2")];

  it("finds the suffixed id, the wire id (primary region) and wireId@region", () => {
    expect(findCatalogEntry("p/gpt@us-west-2", entries).region).toBe("us-west-2");
    expect(findCatalogEntry("p/openai.gpt", entries).region).toBe("us-east-1");
    expect(findCatalogEntry("p/openai.gpt@us-west-2", entries).region).toBe("us-west-2");
  });

  it("refuses a region no entry is in", () => {
    expect(() => findCatalogEntry("p/openai.gpt@eu-west-1", entries)).toThrow(/Unknown model/);
  });
});
