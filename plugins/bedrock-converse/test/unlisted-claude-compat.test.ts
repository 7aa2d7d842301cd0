import { describe, expect, it } from "vitest";
import { unknownModelDefinition } from "../src/converse-model-definitions.js";
import { unlistedClaudeCompat } from "../src/unlisted-claude-compat.js";
import { buildConverseRequestBody } from "../src/wire/build-converse-request-body.js";

// Peer lessons: OpenClaw #73663 (Opus 4.7 rejects temperature) and #71921 (images dropped for a
// Claude the plugin did not know). A Claude released after the curated catalog must still work.
const placement = { region: "us-east-1", baseUrl: "https://bedrock-runtime.us-east-1.amazonaws.com" };
const request = { messages: [{ role: "user" as const, content: "hi" }], maxTokens: 100, temperature: 0.3, topP: 0.9, reasoning: "high" as const };

describe("a Claude model the curated catalog does not list", () => {
  it.each([
    ["anthropic.claude-opus-4-9", true],
    ["us.anthropic.claude-opus-5-1-v1:0", true],
    ["global.anthropic.claude-nova-5", true],
    ["arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-9", true],
  ])("%s: reasoning, images, adaptive thinking and no sampling parameters", (wireId, pinned) => {
    const model = unknownModelDefinition(wireId, wireId, placement);
    expect(model).toMatchObject({ reasoning: true, input: ["text", "image"], defaultsAssumed: true });
    expect(model.cost).toBeUndefined();
    // Without reasoning too: it is the pinned sampling, not thinking, that drops temperature and top_p.
    expect(buildConverseRequestBody(model, { ...request, reasoning: undefined }).inferenceConfig).toEqual({ maxTokens: expect.any(Number) });
    expect(JSON.stringify(buildConverseRequestBody(model, request).additionalModelRequestFields)).toContain('"adaptive"');
    expect(unlistedClaudeCompat(wireId)?.rejectsTemperature).toBe(pinned);
  });

  it("a new Sonnet 4.x keeps temperature but drops top_p when both are set (4.5 and later take one)", () => {
    const model = unknownModelDefinition("anthropic.claude-sonnet-4-9", "us.anthropic.claude-sonnet-4-9", placement);
    const body = buildConverseRequestBody(model, { ...request, reasoning: undefined });
    expect(body.inferenceConfig).toEqual({ maxTokens: expect.any(Number), temperature: 0.3 });
  });

  it("an older generation asks for thinking with a budget", () => {
    expect(unlistedClaudeCompat("anthropic.claude-sonnet-4-20250514-v1:0")?.reasoningStyle).toBe("anthropic-thinking");
  });

  it("leaves other vendors' unknown ids conservative", () => {
    const model = unknownModelDefinition("acme.model-1", "acme.model-1", placement);
    expect(model).toMatchObject({ reasoning: false, input: ["text"], compat: {}, contextWindow: 128_000 });
  });
});
