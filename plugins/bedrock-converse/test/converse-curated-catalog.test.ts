import { describe, expect, it } from "vitest";
import { CURATED_CONVERSE_MODELS, DEFAULT_CONVERSE_MODEL_ID, findCuratedModel } from "../src/converse-curated-catalog.js";
import { costForWireId, curatedModelDefinition, curatedWireId } from "../src/converse-model-definitions.js";
import { profileScopeOf } from "../src/inference-profile-prefix.js";

const placement = { region: "us-east-1", baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com" };

describe("curated Converse catalog", () => {
  it("lists the default model, Claude Sonnet 4.6, first", () => {
    expect(DEFAULT_CONVERSE_MODEL_ID).toBe("anthropic.claude-sonnet-4-6");
    expect(CURATED_CONVERSE_MODELS[0]?.id).toBe(DEFAULT_CONVERSE_MODEL_ID);
  });

  it("carries the models users expect, under their real Bedrock ids", () => {
    const ids = CURATED_CONVERSE_MODELS.map((model) => model.id);
    for (const id of [
      "anthropic.claude-sonnet-4-6",
      "anthropic.claude-opus-4-8",
      "anthropic.claude-opus-4-7",
      "anthropic.claude-haiku-4-5-20251001-v1:0",
      "openai.gpt-oss-120b-1:0",
      "openai.gpt-oss-20b-1:0",
      "amazon.nova-2-lite-v1:0",
      "meta.llama4-maverick-17b-instruct-v1:0",
      "mistral.mistral-large-3-675b-instruct",
      "mistral.devstral-2-123b",
      "deepseek.v3.2",
      "moonshotai.kimi-k2.5",
      "zai.glm-5",
      "minimax.minimax-m2.5",
      "nvidia.nemotron-super-3-120b",
    ]) {
      expect(ids).toContain(id);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(CURATED_CONVERSE_MODELS.map((model) => [model.id, model] as const))("%s is complete and consistent", (_id, model) => {
    expect(model.name.length).toBeGreaterThan(0);
    expect(model.contextWindow).toBeGreaterThanOrEqual(100_000);
    expect(model.maxTokens).toBeGreaterThan(0);
    expect(model.maxTokens).toBeLessThanOrEqual(model.contextWindow);
    expect(model.input).toContain("text");
    expect(profileScopeOf(model.id)).toBeUndefined();
    if (model.cost !== undefined) {
      // An unknown price is left undefined, never written as 0.
      expect(model.cost.input).toBeGreaterThan(0);
      expect(model.cost.output).toBeGreaterThan(model.cost.input);
      if (model.compat.promptCache === true) expect(model.cost.cacheRead).toBeGreaterThan(0);
    }
    if (model.reasoning) expect(model.compat.reasoningStyle ?? "none").toMatch(/anthropic-thinking|anthropic-adaptive|openai-effort|nova|none/);
    else expect(model.compat.reasoningStyle ?? "none").toBe("none");
    if (model.id.startsWith("anthropic.")) {
      expect(model.compat.replaySignedReasoning).toBe(true);
      expect(model.compat.promptCache).toBe(true);
      expect(model.invocation).toBe("inference-profile");
    }
  });

  it("pins sampling for Opus 4.7 and later, and sends Llama 4 tools through /converse", () => {
    for (const id of ["anthropic.claude-opus-4-7", "anthropic.claude-opus-4-8"]) {
      expect(findCuratedModel(id)?.compat).toMatchObject({ rejectsTemperature: true, rejectsTopP: true, reasoningStyle: "anthropic-adaptive" });
    }
    expect(findCuratedModel("anthropic.claude-sonnet-4-6")?.compat.rejectsTemperature).toBeUndefined();
    expect(findCuratedModel("meta.llama4-maverick-17b-instruct-v1:0")?.compat.toolsRequireNonStreaming).toBe(true);
    expect(findCuratedModel("openai.gpt-oss-120b-1:0")?.compat.reasoningStyle).toBe("openai-effort");
    expect(findCuratedModel("amazon.nova-2-lite-v1:0")?.compat.reasoningStyle).toBe("nova");
  });

  it.each([
    ["us-east-1", "us.anthropic.claude-sonnet-4-6"],
    ["eu-central-1", "eu.anthropic.claude-sonnet-4-6"],
    ["ap-northeast-1", "jp.anthropic.claude-sonnet-4-6"],
    ["ap-southeast-2", "au.anthropic.claude-sonnet-4-6"],
    ["ap-south-1", "apac.anthropic.claude-sonnet-4-6"],
    ["us-gov-west-1", "us-gov.anthropic.claude-sonnet-4-6"],
    ["sa-east-1", "global.anthropic.claude-sonnet-4-6"],
  ])("calls profile-only models in %s as %s", (region, wireId) => {
    const sonnet = findCuratedModel("anthropic.claude-sonnet-4-6")!;
    expect(curatedWireId(sonnet, region)).toBe(wireId);
  });

  it("calls on-demand models by their base id in every region", () => {
    const gptOss = findCuratedModel("openai.gpt-oss-120b-1:0")!;
    expect(curatedWireId(gptOss, "eu-west-1")).toBe("openai.gpt-oss-120b-1:0");
  });

  it("bills geography profiles 10% over global for Claude, never for on-demand models", () => {
    const haiku = findCuratedModel("anthropic.claude-haiku-4-5-20251001-v1:0")!;
    expect(costForWireId(haiku, "us.anthropic.claude-haiku-4-5-20251001-v1:0")).toEqual({ input: 1.1, output: 5.5, cacheRead: 0.11, cacheWrite: 1.375 });
    expect(costForWireId(haiku, "global.anthropic.claude-haiku-4-5-20251001-v1:0")).toEqual({ input: 1, output: 5, cacheRead: 0.1, cacheWrite: 1.25 });
    const glm = findCuratedModel("zai.glm-5")!;
    expect(costForWireId(glm, "zai.glm-5")).toEqual({ input: 1, output: 3.2, cacheRead: 0, cacheWrite: 0 });
  });

  it("builds contract definitions on the Converse API with the runtime endpoint", () => {
    const definition = curatedModelDefinition(findCuratedModel("anthropic.claude-opus-4-8")!, placement);
    expect(definition).toMatchObject({
      id: "anthropic.claude-opus-4-8",
      wireId: "us.anthropic.claude-opus-4-8",
      api: "bedrock-converse-stream",
      baseUrl: placement.baseUrl,
      source: "catalog",
      reasoning: true,
      input: ["text", "image"],
      contextWindow: 1_000_000,
      maxTokens: 128_000,
      cost: { input: 5.5, output: 27.5 },
    });
    expect(definition.compat).toMatchObject({ rejectsTemperature: true });
  });
});
