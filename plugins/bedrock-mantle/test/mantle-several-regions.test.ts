import { BedrockKitError, uniqueRegionRefs, type ModelDefinition } from "@bedrock-kit/plugin-host";
import { describe, expect, it } from "vitest";
import { mantleConfigSchema } from "../src/mantle-config-schema.js";
import { resolveMantleRegionEndpoints, rootForRegion } from "../src/mantle-endpoint.js";
import { MantleResponseRegions, routeToStoringRegion } from "../src/mantle-response-regions.js";

// docs/adr/1002-several-regions.md

const config = (input: Record<string, unknown>) => mantleConfigSchema.parse(input);

function model(id: string, region: string, root = `https://bedrock-mantle.${region}.api.aws`): ModelDefinition {
  return {
    id,
    wireId: id,
    name: id,
    api: "openai-responses",
    baseUrl: `${root}/openai/v1`,
    reasoning: true,
    input: ["text"],
    contextWindow: 1000,
    maxTokens: 100,
    source: "discovered",
    region,
  };
}

describe("region endpoints", () => {
  it("lists one endpoint per region, the first as primary, with public roots unless overridden", () => {
    const endpoints = resolveMantleRegionEndpoints(
      config({ regions: ["us-east-1", "eu-west-1", "us-east-1"], regionBaseUrls: { "eu-west-1": "http://127.0.0.1:9/v1" } }),
      {},
    );
    expect(endpoints.map((endpoint) => [endpoint.region, endpoint.root])).toEqual([
      ["us-east-1", "https://bedrock-mantle.us-east-1.api.aws"],
      ["eu-west-1", "http://127.0.0.1:9"],
    ]);
    expect(rootForRegion(endpoints[0]!, "eu-west-1")).toBe("http://127.0.0.1:9");
    expect(rootForRegion(endpoints[0]!, "us-west-2")).toBe("https://bedrock-mantle.us-west-2.api.aws");
  });

  it("ignores regions with an explicit baseUrl (one host serves one region)", () => {
    const endpoints = resolveMantleRegionEndpoints(config({ baseUrl: "http://127.0.0.1:9/v1", region: "us-east-1", regions: ["us-east-1", "us-west-2"] }), {});
    expect(endpoints).toHaveLength(1);
  });

  it("without regions, keeps the single region from config or env", () => {
    expect(resolveMantleRegionEndpoints(config({}), { AWS_REGION: "eu-west-1" }).map((endpoint) => endpoint.region)).toEqual(["eu-west-1"]);
  });
});

describe("uniqueRegionRefs", () => {
  it("suffixes only ids an earlier region already listed", () => {
    const refs = uniqueRegionRefs([
      [model("a", "us-east-1"), model("b", "us-east-1")],
      [model("b", "us-west-2"), model("c", "us-west-2")],
    ]);
    expect(refs.map((entry) => [entry.id, entry.wireId, entry.region])).toEqual([
      ["a", "a", "us-east-1"],
      ["b", "b", "us-east-1"],
      ["b@us-west-2", "b", "us-west-2"],
      ["c", "c", "us-west-2"],
    ]);
  });
});

describe("MantleResponseRegions", () => {
  it("forgets the least recently used id beyond its capacity", () => {
    const regions = new MantleResponseRegions(2);
    regions.remember("r1", "us-east-1");
    regions.remember("r2", "us-west-2");
    expect(regions.regionOf("r1")).toBe("us-east-1");
    regions.remember("r3", "us-west-2");
    expect(regions.size).toBe(2);
    expect(regions.regionOf("r2")).toBeUndefined();
    expect(regions.regionOf("r1")).toBe("us-east-1");
    expect(regions.regionOf("r3")).toBe("us-west-2");
  });
});

describe("routeToStoringRegion", () => {
  const twoRegions = config({ regions: ["us-east-1", "us-west-2"] });
  const regions = new MantleResponseRegions();
  regions.remember("resp_west", "us-west-2");
  regions.remember("resp_tokyo", "ap-northeast-1");

  it("sends a continuation to the region that stored the response, same wire id and surface", () => {
    const routed = routeToStoringRegion(model("m", "us-east-1"), { messages: [], previousResponseId: "resp_west" }, twoRegions, {}, regions);
    expect(routed).toMatchObject({ wireId: "m", region: "us-west-2", baseUrl: "https://bedrock-mantle.us-west-2.api.aws/openai/v1" });
  });

  it("leaves other calls alone", () => {
    const east = model("m", "us-east-1");
    expect(routeToStoringRegion(east, { messages: [] }, twoRegions, {}, regions)).toBe(east);
    expect(routeToStoringRegion(east, { messages: [], previousResponseId: "resp_unknown" }, twoRegions, {}, regions)).toBe(east);
    const west = model("m", "us-west-2");
    expect(routeToStoringRegion(west, { messages: [], previousResponseId: "resp_west" }, twoRegions, {}, regions)).toBe(west);
  });

  it("refuses, with a config error naming the region, when the storing region is not served", () => {
    let caught: unknown;
    try {
      routeToStoringRegion(model("m", "us-east-1"), { messages: [], previousResponseId: "resp_tokyo" }, twoRegions, {}, regions);
    } catch (error) {
      caught = error;
    }
    expect(BedrockKitError.isInstance(caught)).toBe(true);
    expect((caught as BedrockKitError).code).toBe("config");
    expect((caught as BedrockKitError).message).toContain("ap-northeast-1");
  });
});
