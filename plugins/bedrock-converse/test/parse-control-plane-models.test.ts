import { describe, expect, it } from "vitest";
import {
  discoveredModelDefinitions,
  parseFoundationModelsBody,
  parseInferenceProfilesPage,
  profileBaseModelId,
} from "../src/parse-control-plane-models.js";
import { readConverseFixture } from "./helpers/read-fixture.js";

const placement = { region: "us-east-1", baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com" };

function fixtureListing() {
  const foundationModels = parseFoundationModelsBody(readConverseFixture("control-plane/foundation-models-us-east-1.json"));
  const profiles = [1, 2, 3].flatMap(
    (page) => parseInferenceProfilesPage(readConverseFixture(`control-plane/inference-profiles-us-east-1-page-${page}.json`)).profiles,
  );
  return { foundationModels, profiles };
}

describe("control-plane model parsing", () => {
  it("reads pages and their nextToken", () => {
    expect(parseInferenceProfilesPage(readConverseFixture("control-plane/inference-profiles-us-east-1-page-1.json")).nextToken).toBe("page-2-token");
    expect(parseInferenceProfilesPage(readConverseFixture("control-plane/inference-profiles-us-east-1-page-3.json")).nextToken).toBeUndefined();
    expect(() => parseFoundationModelsBody('{"modelSummaries":[{"modelName":"no id"}]}')).toThrow();
    expect(() => parseFoundationModelsBody("<html>")).toThrow();
  });

  it("derives a profile's base model from models[0].modelArn, else by stripping the prefix", () => {
    expect(profileBaseModelId({ inferenceProfileId: "us.x", models: [{ modelArn: "arn:aws:bedrock:us-east-1::foundation-model/vendor.real-v1:0" }] })).toBe("vendor.real-v1:0");
    expect(profileBaseModelId({ inferenceProfileId: "eu.vendor.model-v1:0", models: [] })).toBe("vendor.model-v1:0");
  });

  it("keeps active, streaming, text-output models; profile-only models appear only through their profiles", () => {
    const { foundationModels, profiles } = fixtureListing();
    const models = discoveredModelDefinitions(foundationModels, profiles, placement);
    const ids = models.map((model) => model.id);
    expect(ids).toEqual([
      "openai.gpt-oss-120b-1:0",
      "qwen.qwen3-32b-v1:0",
      "us.anthropic.claude-sonnet-4-6",
      "global.anthropic.claude-sonnet-4-6",
      "us.anthropic.claude-haiku-4-5-20251001-v1:0",
      "us.meta.llama4-maverick-17b-instruct-v1:0",
      "a1b2c3d4e5f6",
    ]);
    // Legacy, embedding, image and non-streaming models are gone, and so is the legacy model's profile.
    for (const gone of ["anthropic.claude-3-haiku-20240307-v1:0", "us.anthropic.claude-3-haiku-20240307-v1:0", "amazon.titan-embed-text-v2:0", "stability.sd3-5-large-v1:0", "cohere.command-r-v1:0", "anthropic.claude-sonnet-4-6"]) {
      expect(ids).not.toContain(gone);
    }
    for (const model of models) {
      expect(model.source).toBe("discovered");
      expect(model.api).toBe("bedrock-converse-stream");
      expect(model.baseUrl).toBe(placement.baseUrl);
    }
  });

  it("gives profiles their base model's capabilities and the curated knowledge", () => {
    const { foundationModels, profiles } = fixtureListing();
    const byId = new Map(discoveredModelDefinitions(foundationModels, profiles, placement).map((model) => [model.id, model]));
    expect(byId.get("us.anthropic.claude-sonnet-4-6")).toMatchObject({
      wireId: "us.anthropic.claude-sonnet-4-6",
      name: "US Claude Sonnet 4.6",
      contextWindow: 1_000_000,
      maxTokens: 64_000,
      reasoning: true,
      input: ["text", "image"],
      cost: { input: 3.3, output: 16.5 },
    });
    expect(byId.get("global.anthropic.claude-sonnet-4-6")?.cost).toMatchObject({ input: 3, output: 15 });
    expect(byId.get("us.meta.llama4-maverick-17b-instruct-v1:0")?.compat).toMatchObject({ toolsRequireNonStreaming: true });
  });

  it("calls application inference profiles by ARN", () => {
    const { foundationModels, profiles } = fixtureListing();
    const application = discoveredModelDefinitions(foundationModels, profiles, placement).find((model) => model.id === "a1b2c3d4e5f6");
    expect(application).toMatchObject({
      wireId: "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6",
      name: "team-search-sonnet",
      contextWindow: 1_000_000,
    });
  });

  it("flags unknown models' limits as assumed instead of trusting a magic number", () => {
    const { foundationModels, profiles } = fixtureListing();
    const qwen = discoveredModelDefinitions(foundationModels, profiles, placement).find((model) => model.id === "qwen.qwen3-32b-v1:0");
    expect(qwen).toMatchObject({ defaultsAssumed: true, name: "Qwen3 32B (dense)", input: ["text"], reasoning: false });
    expect(qwen?.cost).toBeUndefined();
  });
});
