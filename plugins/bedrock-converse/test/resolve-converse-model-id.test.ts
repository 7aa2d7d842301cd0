import { describe, expect, it } from "vitest";
import { resolveConverseModelId } from "../src/resolve-converse-model-id.js";

describe("resolveConverseModelId", () => {
  it.each([
    ["claude-sonnet-4.6", ["anthropic.claude-sonnet-4-6"]],
    ["claude-opus-4.6", ["anthropic.claude-opus-4-6", "anthropic.claude-opus-4-6-v1"]],
    ["anthropic.claude-opus-4-6", ["anthropic.claude-opus-4-6", "anthropic.claude-opus-4-6-v1"]],
    ["gpt-oss-120b", ["openai.gpt-oss-120b", "openai.gpt-oss-120b-1:0"]],
    ["claude-sonnet-4.5", ["anthropic.claude-sonnet-4-5", "anthropic.claude-sonnet-4-5-20250929-v1:0"]],
    ["nova-2-lite", ["amazon.nova-2-lite", "amazon.nova-2-lite-v1:0"]],
    ["us.anthropic.claude-sonnet-4-6", ["us.anthropic.claude-sonnet-4-6"]],
  ])("%s", (written, expected) => {
    expect(resolveConverseModelId(written)).toEqual(expected);
  });

  it("does not take a longer model for a prefix of it", () => {
    expect(resolveConverseModelId("claude-opus-4")).toEqual(["anthropic.claude-opus-4"]);
  });
});
