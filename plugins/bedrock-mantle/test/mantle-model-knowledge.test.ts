import { describe, expect, it } from "vitest";
import { displayNameFromWireId, inferReasoningFromId, lookupMantleModelKnowledge, UNKNOWN_MODEL_DEFAULTS } from "../src/mantle-model-knowledge.js";
import { parseMantleModelsList } from "../src/parse-mantle-models-list.js";
import { readFixture } from "./helpers/mantle-test-context.js";

describe("lookupMantleModelKnowledge", () => {
  it("knows every family in a real models list (only the unknown vendor falls back)", () => {
    const ids = parseMantleModelsList(readFixture("models-list/all-surfaces.json"));
    const unknown = ids.filter((id) => lookupMantleModelKnowledge(id).contextWindow === UNKNOWN_MODEL_DEFAULTS.contextWindow);
    expect(unknown).toEqual(["acme.unknown-model-1"]);
  });

  it("gives Claude its real limits, prices and quirks", () => {
    const opus = lookupMantleModelKnowledge("anthropic.claude-opus-4-7");
    expect(opus).toMatchObject({ contextWindow: 1_000_000, maxTokens: 128_000, input: ["text", "image"], reasoning: true, defaultsAssumed: false });
    expect(opus.cost).toEqual({ input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 });
    expect(opus.compat).toMatchObject({ rejectsTemperature: true, thinkingStyle: "adaptive", reasoningEffortValues: { xhigh: "xhigh" } });
    expect(opus.name).toBe("Claude Opus 4.7");
  });

  it("keeps temperature and budget thinking for older Claude", () => {
    const sonnet45 = lookupMantleModelKnowledge("anthropic.claude-sonnet-4-5").compat;
    expect(sonnet45.rejectsTemperature).toBeUndefined();
    expect(sonnet45.thinkingStyle).toBe("enabled");
    const sonnet46 = lookupMantleModelKnowledge("anthropic.claude-sonnet-4-6").compat;
    expect(sonnet46).toMatchObject({ thinkingStyle: "adaptive" });
    expect(sonnet46.reasoningEffortValues).toBeUndefined();
    expect(sonnet46.rejectsTemperature).toBeUndefined();
  });

  it("treats a future Claude tier conservatively (adaptive, no temperature)", () => {
    const fable = lookupMantleModelKnowledge("anthropic.claude-fable-5");
    expect(fable.compat).toMatchObject({ thinkingStyle: "adaptive", rejectsTemperature: true });
    expect(fable.cost).toBeUndefined();
    expect(fable.defaultsAssumed).toBe(true);
  });

  it("marks GPT-5.x for max_completion_tokens, no sampling knobs and reasoning summaries", () => {
    const gpt = lookupMantleModelKnowledge("openai.gpt-5.6-sol");
    expect(gpt.compat).toMatchObject({
      maxTokensField: "max_completion_tokens",
      rejectsTemperature: true,
      reasoningSummary: true,
      reasoningEffortValues: { xhigh: "xhigh" },
    });
    expect(gpt.cost?.input).toBe(4.4);
    expect(lookupMantleModelKnowledge("openai.gpt-5.9-nova")).toMatchObject({ reasoning: true, defaultsAssumed: true, maxTokens: 128_000 });
  });

  it("gives unknown ids conservative defaults, marked, with no price", () => {
    const unknown = lookupMantleModelKnowledge("acme.unknown-model-1");
    expect(unknown).toMatchObject({ contextWindow: 32_768, maxTokens: 4_096, input: ["text"], reasoning: false, defaultsAssumed: true });
    expect(unknown.cost).toBeUndefined();
  });

  it("never reports a zero price for a model it cannot price", () => {
    const ids = parseMantleModelsList(readFixture("models-list/all-surfaces.json"));
    for (const id of ids) {
      const cost = lookupMantleModelKnowledge(id).cost;
      if (cost !== undefined) expect(cost.input).toBeGreaterThan(0);
    }
  });
});

it("maps effort levels for models that take only low|high|max", () => {
  expect(lookupMantleModelKnowledge("moonshotai.kimi-k3").compat.reasoningEffortValues).toMatchObject({ medium: "high", xhigh: "max" });
});

describe("inferReasoningFromId", () => {
  it.each([
    ["moonshotai.kimi-k2-thinking", true],
    ["deepseek.r1", true],
    ["acme.super-reasoner", true],
    ["acme.reasoning-large", true],
    ["openai.gpt-oss-120b", true],
    ["openai.gpt-oss-safeguard-120b", true],
    ["qwen.qwen3-coder-480b-a35b", false],
  ])("%s -> %s", (id, expected) => {
    expect(inferReasoningFromId(id)).toBe(expected);
  });

  it("applies to ids the table does not know", () => {
    expect(lookupMantleModelKnowledge("acme.widget-thinking").reasoning).toBe(true);
  });
});

describe("displayNameFromWireId", () => {
  it.each([
    ["anthropic.claude-sonnet-4-6", "Claude Sonnet 4.6"],
    ["qwen.qwen3-32b", "Qwen3 32B"],
    ["openai.gpt-oss-120b", "GPT OSS 120B"],
  ])("%s -> %s", (id, name) => {
    expect(displayNameFromWireId(id)).toBe(name);
  });
});
