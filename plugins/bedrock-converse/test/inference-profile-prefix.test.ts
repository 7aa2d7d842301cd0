import { describe, expect, it } from "vitest";
import {
  baseModelIdOf,
  geographyScopesForRegion,
  profileFallbackIds,
  profileScopeOf,
  stripProfilePrefix,
} from "../src/inference-profile-prefix.js";

describe("inference profile prefixes", () => {
  it.each([
    ["us-east-1", ["us"]],
    ["us-west-2", ["us"]],
    ["us-gov-west-1", ["us-gov"]],
    ["eu-central-1", ["eu"]],
    ["eu-west-3", ["eu"]],
    ["ap-northeast-1", ["jp", "apac"]],
    ["ap-southeast-2", ["au", "apac"]],
    ["ap-south-1", ["apac"]],
    ["ca-central-1", ["ca"]],
    ["cn-north-1", []],
  ])("derives the geography of %s from the region, never pinning us.", (region, scopes) => {
    expect(geographyScopesForRegion(region)).toEqual(scopes);
  });

  it("reads and strips scope prefixes, us-gov before us", () => {
    expect(profileScopeOf("us-gov.anthropic.claude-sonnet-4-6")).toBe("us-gov");
    expect(profileScopeOf("us.anthropic.claude-sonnet-4-6")).toBe("us");
    expect(profileScopeOf("global.amazon.nova-2-lite-v1:0")).toBe("global");
    expect(profileScopeOf("anthropic.claude-sonnet-4-6")).toBeUndefined();
    // A vendor prefix that merely starts like a scope is not one.
    expect(profileScopeOf("usability.model-v1")).toBeUndefined();
    expect(stripProfilePrefix("apac.anthropic.claude-sonnet-4-6")).toBe("anthropic.claude-sonnet-4-6");
    expect(stripProfilePrefix("deepseek.v3.2")).toBe("deepseek.v3.2");
  });

  it("finds the base model behind ARNs, but not behind opaque application profiles", () => {
    expect(baseModelIdOf("arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-6")).toBe("anthropic.claude-sonnet-4-6");
    expect(baseModelIdOf("arn:aws:bedrock:us-east-1:123456789012:inference-profile/eu.anthropic.claude-opus-4-7")).toBe(
      "anthropic.claude-opus-4-7",
    );
    const application = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6";
    expect(baseModelIdOf(application)).toBe(application);
  });

  it("falls back from a base id to the region's geographies, then global", () => {
    expect(profileFallbackIds("anthropic.claude-sonnet-4-6", "eu-west-1")).toEqual([
      "eu.anthropic.claude-sonnet-4-6",
      "global.anthropic.claude-sonnet-4-6",
    ]);
    expect(profileFallbackIds("anthropic.claude-sonnet-4-6", "ap-northeast-1")).toEqual([
      "jp.anthropic.claude-sonnet-4-6",
      "apac.anthropic.claude-sonnet-4-6",
      "global.anthropic.claude-sonnet-4-6",
    ]);
    expect(profileFallbackIds("us.anthropic.claude-sonnet-4-6", "us-east-1")).toEqual(["global.anthropic.claude-sonnet-4-6"]);
    expect(profileFallbackIds("global.anthropic.claude-sonnet-4-6", "us-east-1")).toEqual([]);
    expect(profileFallbackIds("arn:aws:bedrock:us-east-1:1:application-inference-profile/x", "us-east-1")).toEqual([]);
    expect(profileFallbackIds("anthropic.claude-sonnet-4-6", "cn-north-1")).toEqual(["global.anthropic.claude-sonnet-4-6"]);
  });
});
