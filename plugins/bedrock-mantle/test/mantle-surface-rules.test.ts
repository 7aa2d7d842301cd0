import { describe, expect, it } from "vitest";
import { alternativeSurface, resolveMantleSurface } from "../src/mantle-surface-rules.js";

describe("resolveMantleSurface (rule table)", () => {
  it.each([
    ["anthropic.claude-opus-4-7", "anthropic-messages", "/anthropic/v1"],
    ["anthropic.claude-future-9", "anthropic-messages", "/anthropic/v1"],
    ["openai.gpt-5.4", "openai-responses", "/openai/v1"],
    ["openai.gpt-5.5", "openai-responses", "/openai/v1"],
    ["openai.gpt-5.6-sol", "openai-responses", "/openai/v1"],
    ["openai.gpt-6-luna", "openai-responses", "/openai/v1"],
    ["google.gemma-4-31b-it", "openai-responses", "/openai/v1"],
    ["xai.grok-4.3", "openai-responses", "/openai/v1"],
    ["openai.gpt-oss-120b", "openai-completions", "/v1"],
    ["openai.gpt-oss-safeguard-20b", "openai-completions", "/v1"],
    ["google.gemma-3-27b-it", "openai-completions", "/v1"],
    ["qwen.qwen3-32b", "openai-completions", "/v1"],
    ["moonshotai.kimi-k2-thinking", "openai-completions", "/v1"],
    ["zai.glm-4.7", "openai-completions", "/v1"],
    ["deepseek.v3.2", "openai-completions", "/v1"],
    ["mistral.mistral-large-3-675b-instruct", "openai-completions", "/v1"],
    ["minimax.minimax-m2.5", "openai-completions", "/v1"],
    ["nvidia.nemotron-nano-12b-v2", "openai-completions", "/v1"],
    ["acme.unknown-model-1", "openai-completions", "/v1"],
  ])("%s -> %s at %s", (wireId, api, prefix) => {
    expect(resolveMantleSurface(wireId)).toEqual({ api, prefix });
  });

  it("lets a model's configured api win, on that API's prefix for the family", () => {
    expect(resolveMantleSurface("openai.gpt-oss-120b", { configuredApi: "openai-responses" })).toEqual({ api: "openai-responses", prefix: "/v1" });
    expect(resolveMantleSurface("openai.gpt-5.6-sol", { configuredApi: "openai-completions" })).toEqual({
      api: "openai-completions",
      prefix: "/openai/v1",
    });
  });

  it("uses the provider api only for ids the table does not know", () => {
    expect(resolveMantleSurface("anthropic.claude-opus-4-7", { providerApi: "openai-completions" })).toEqual({
      api: "anthropic-messages",
      prefix: "/anthropic/v1",
    });
    expect(resolveMantleSurface("acme.unknown-model-1", { providerApi: "openai-responses" })).toEqual({ api: "openai-responses", prefix: "/v1" });
    expect(resolveMantleSurface("acme.unknown-model-1", { providerApi: "openai-responses", pastedPrefix: "/openai/v1" })).toEqual({
      api: "openai-responses",
      prefix: "/openai/v1",
    });
  });
});

describe("alternativeSurface", () => {
  it("sends a GPT-5.x that hit /v1 to the rule table's surface", () => {
    expect(alternativeSurface("openai.gpt-5.5", { api: "openai-responses", prefix: "/v1" }, "wrong-prefix")).toEqual({
      api: "openai-responses",
      prefix: "/openai/v1",
    });
  });

  it("sends Claude misconfigured onto Chat Completions back to Messages", () => {
    expect(alternativeSurface("anthropic.claude-opus-4-7", { api: "openai-completions", prefix: "/v1" }, "wrong-prefix")).toEqual({
      api: "anthropic-messages",
      prefix: "/anthropic/v1",
    });
  });

  it("has nothing else to try for Claude on Messages", () => {
    expect(alternativeSurface("anthropic.claude-opus-4-7", { api: "anthropic-messages", prefix: "/anthropic/v1" }, "wrong-prefix")).toBeUndefined();
  });

  it("tries the other prefix for a wrong route and the other API for an unsupported API (unknown ids)", () => {
    expect(alternativeSurface("acme.model", { api: "openai-completions", prefix: "/v1" }, "wrong-prefix")).toEqual({
      api: "openai-completions",
      prefix: "/openai/v1",
    });
    expect(alternativeSurface("acme.model", { api: "openai-responses", prefix: "/openai/v1" }, "wrong-api")).toEqual({
      api: "openai-completions",
      prefix: "/openai/v1",
    });
  });

  it("moves a non-Claude model off Messages", () => {
    expect(alternativeSurface("acme.model", { api: "anthropic-messages", prefix: "/anthropic/v1" }, "wrong-api")).toEqual({
      api: "openai-completions",
      prefix: "/v1",
    });
  });
});
