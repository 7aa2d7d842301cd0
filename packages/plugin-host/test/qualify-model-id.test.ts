import { describe, expect, it } from "vitest";
import { claudeModelTraits } from "../src/claude-model-traits.js";
import { qualifyModelId } from "../src/qualify-model-id.js";

describe("qualifyModelId", () => {
  it.each([
    ["claude-opus-4.7", "anthropic.claude-opus-4-7"],
    ["claude-sonnet-4.6", "anthropic.claude-sonnet-4-6"],
    ["gpt-oss-120b", "openai.gpt-oss-120b"],
    ["nova-pro-v1:0", "amazon.nova-pro-v1:0"],
    ["deepseek-r1", "deepseek.r1"],
    ["llama4-maverick-17b-instruct-v1:0", "meta.llama4-maverick-17b-instruct-v1:0"],
    ["grok-4.3", "xai.grok-4.3"],
    ["openai.gpt-5.5", "openai.gpt-5.5"],
    ["anthropic.claude-opus-4.7", "anthropic.claude-opus-4-7"],
    ["us.anthropic.claude-sonnet-4-6", "us.anthropic.claude-sonnet-4-6"],
    ["  my-custom-model ", "my-custom-model"],
  ])("%s -> %s", (written, qualified) => {
    expect(qualifyModelId(written)).toBe(qualified);
  });
});

describe("claudeModelTraits", () => {
  it.each([
    ["anthropic.claude-opus-4-7", { thinking: "adaptive", pinnedSampling: true, xhighEffort: true }],
    ["us.anthropic.claude-opus-4-5-20251101-v1:0", { thinking: "enabled", pinnedSampling: false, xhighEffort: false }],
    ["anthropic.claude-sonnet-4-6", { thinking: "adaptive", pinnedSampling: false, xhighEffort: false }],
    ["anthropic.claude-sonnet-4-20250514-v1:0", { major: 4, minor: 0, thinking: "enabled" }],
    ["anthropic.claude-sonnet-5", { thinking: "adaptive", pinnedSampling: false, xhighEffort: true }],
    ["anthropic.claude-lyric-5", { pinnedSampling: true }],
    ["arn:aws:bedrock:us-east-1:1:inference-profile/global.anthropic.claude-opus-4-8", { tier: "opus", major: 4, minor: 8, pinnedSampling: true }],
  ])("%s", (id, expected) => {
    expect(claudeModelTraits(id)).toMatchObject(expected);
  });

  it("is undefined for ids that name no Claude it understands", () => {
    expect(claudeModelTraits("openai.gpt-5.5")).toBeUndefined();
    expect(claudeModelTraits("anthropic.claude-3-5-sonnet-20240620-v1:0")).toBeUndefined();
  });
});
