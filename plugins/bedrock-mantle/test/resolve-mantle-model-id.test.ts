import { describe, expect, it } from "vitest";
import { isConverseStyleModelId, resolveMantleWireId, suggestMantleModelId } from "../src/resolve-mantle-model-id.js";
import { normalizeMantleBaseUrl, parseMantleBaseUrl } from "../src/normalize-mantle-base-url.js";

describe("resolveMantleWireId", () => {
  it.each([
    ["gpt-oss-120b", "openai.gpt-oss-120b"],
    ["gpt-5.5", "openai.gpt-5.5"],
    ["claude-opus-4.7", "anthropic.claude-opus-4-7"],
    ["claude-sonnet-4.6", "anthropic.claude-sonnet-4-6"],
    ["claude-haiku-4.5", "anthropic.claude-haiku-4-5"],
    ["anthropic.claude-opus-4.7", "anthropic.claude-opus-4-7"],
    ["qwen3-coder-480b-a35b", "qwen.qwen3-coder-480b-a35b"],
    ["kimi-k2-thinking", "moonshotai.kimi-k2-thinking"],
    ["glm-4.7", "zai.glm-4.7"],
    ["deepseek-v3.2", "deepseek.v3.2"],
    ["gemma-3-27b-it", "google.gemma-3-27b-it"],
    ["grok-4.3", "xai.grok-4.3"],
    ["magistral-small-2509", "mistral.magistral-small-2509"],
    ["minimax-m2.5", "minimax.minimax-m2.5"],
    ["nemotron-nano-12b-v2", "nvidia.nemotron-nano-12b-v2"],
    ["openai.gpt-oss-20b", "openai.gpt-oss-20b"],
    ["some-private-model", "some-private-model"],
  ])("%s -> %s", (id, wireId) => {
    expect(resolveMantleWireId(id)).toBe(wireId);
  });
});

describe("Converse-style ids", () => {
  it.each([
    "us.anthropic.claude-sonnet-4-5-20250929-v1:0",
    "eu.anthropic.claude-opus-4-7",
    "apac.anthropic.claude-sonnet-4-20250514-v1:0",
    "global.openai.gpt-5.6-sol",
    "jp.anthropic.claude-opus-4-8",
    "au.anthropic.claude-haiku-4-5-20251001-v1:0",
    "us-gov.anthropic.claude-sonnet-4-5",
    "openai.gpt-oss-120b-1:0",
    "arn:aws:bedrock:us-east-1:111122223333:inference-profile/us.anthropic.claude-opus-4-7",
  ])("%s is recognised", (id) => {
    expect(isConverseStyleModelId(id)).toBe(true);
  });

  it.each(["anthropic.claude-opus-4-7", "openai.gpt-5.6-sol", "nvidia.nemotron-nano-12b-v2", "qwen.qwen3-32b", "gpt-oss-120b"])(
    "%s is a Mantle id",
    (id) => {
      expect(isConverseStyleModelId(id)).toBe(false);
    },
  );

  it("suggests the bare Mantle id", () => {
    expect(suggestMantleModelId("us.anthropic.claude-sonnet-4-5-20250929-v1:0")).toBe("anthropic.claude-sonnet-4-5");
    expect(suggestMantleModelId("global.openai.gpt-5.6-sol")).toBe("openai.gpt-5.6-sol");
    expect(suggestMantleModelId("openai.gpt-oss-120b-1:0")).toBe("openai.gpt-oss-120b");
    expect(suggestMantleModelId("arn:aws:bedrock:us-east-1:1:inference-profile/x")).toBeUndefined();
  });
});

describe("normalizeMantleBaseUrl", () => {
  it.each([
    ["https://bedrock-mantle.us-east-1.api.aws/v1", "https://bedrock-mantle.us-east-1.api.aws", "/v1"],
    ["https://bedrock-mantle.us-east-1.api.aws/v1/", "https://bedrock-mantle.us-east-1.api.aws", "/v1"],
    ["https://bedrock-mantle.us-east-1.api.aws/openai/v1", "https://bedrock-mantle.us-east-1.api.aws", "/openai/v1"],
    ["https://bedrock-mantle.us-east-1.api.aws/anthropic/v1", "https://bedrock-mantle.us-east-1.api.aws", "/anthropic/v1"],
    ["https://bedrock-mantle.us-east-1.api.aws/anthropic", "https://bedrock-mantle.us-east-1.api.aws", "/anthropic/v1"],
    ["https://bedrock-mantle.us-east-1.api.aws", "https://bedrock-mantle.us-east-1.api.aws", undefined],
    ["http://127.0.0.1:4010/mantle/v1", "http://127.0.0.1:4010/mantle", "/v1"],
  ])("%s", (pasted, root, prefix) => {
    expect(normalizeMantleBaseUrl(pasted)).toBe(root);
    expect(parseMantleBaseUrl(pasted).pastedPrefix).toBe(prefix);
  });
});
