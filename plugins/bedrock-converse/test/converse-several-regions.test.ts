import { describe, expect, it } from "vitest";
import { uniqueRegionRefs } from "@bedrock-kit/plugin-host";
import { curatedCatalog } from "../src/converse-catalog.js";
import { converseConfigSchema } from "../src/converse-config-schema.js";
import { resolveConverseEndpoints, resolveConverseRegionEndpoints } from "../src/converse-endpoints.js";

// docs/adr/1002-several-regions.md

const config = (input: Record<string, unknown>) => converseConfigSchema.parse(input);

describe("Converse region endpoints", () => {
  it("gives each region its runtime and control plane, the first as primary, overrides per region", () => {
    const endpoints = resolveConverseRegionEndpoints(
      config({ regions: ["eu-west-1", "us-east-1"], regionBaseUrls: { "us-east-1": "http://127.0.0.1:9" } }),
      {},
    );
    expect(endpoints.map((endpoint) => [endpoint.region, endpoint.runtimeUrl, endpoint.controlPlaneUrl, endpoint.pinnedBaseUrl])).toEqual([
      ["eu-west-1", "https://bedrock-runtime.eu-west-1.amazonaws.com", "https://bedrock.eu-west-1.amazonaws.com", false],
      ["us-east-1", "http://127.0.0.1:9", "http://127.0.0.1:9", false],
    ]);
    expect(resolveConverseEndpoints(config({ regions: ["eu-west-1", "us-east-1"] }), {}).region).toBe("eu-west-1");
  });

  it("ignores regions when baseUrl pins one host", () => {
    expect(resolveConverseRegionEndpoints(config({ baseUrl: "https://bedrock-runtime.us-west-2.amazonaws.com", regions: ["us-east-1", "eu-west-1"] }), {})).toHaveLength(1);
  });

  it("uses each region's geography in curated wire ids and suffixes repeated ids", () => {
    const [us, eu] = resolveConverseRegionEndpoints(config({ regions: ["us-east-1", "eu-west-1"] }), {});
    const place = (models: ReturnType<typeof curatedCatalog>, region: string) => models.map((model) => ({ ...model, region }));
    const models = uniqueRegionRefs([place(curatedCatalog(us!), "us-east-1"), place(curatedCatalog(eu!), "eu-west-1")]);
    const sonnetUs = models.find((model) => model.id === "anthropic.claude-sonnet-4-6");
    const sonnetEu = models.find((model) => model.id === "anthropic.claude-sonnet-4-6@eu-west-1");
    expect(sonnetUs?.wireId.startsWith("us.")).toBe(true);
    expect(sonnetEu?.wireId.startsWith("eu.")).toBe(true);
    expect(new Set(models.map((model) => model.id)).size).toBe(models.length);
  });
});
