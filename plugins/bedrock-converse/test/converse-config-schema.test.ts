import { describe, expect, it } from "vitest";
import { z } from "zod";
import { converseConfigSchema } from "../src/converse-config-schema.js";
import { resolveConverseEndpoints, runtimeTargetFor } from "../src/converse-endpoints.js";

describe("amazon-bedrock config schema", () => {
  it("applies defaults: the three credential sources in order, discovery off", () => {
    expect(converseConfigSchema.parse({})).toEqual({
      auth: { credentials: ["env:AWS_BEARER_TOKEN_BEDROCK", "env:BEDROCK_API_KEY", "aws-sigv4"] },
      discovery: { enabled: false, ttlSeconds: 3600 },
      models: [],
    });
  });

  it("accepts both spellings of the SigV4 source, env/file references and object references", () => {
    for (const credentials of [["aws-sigv4"], ["aws_sigv4"], ["env:MY_KEY", "file:/run/secrets/bedrock"], [{ source: "env", id: "MY_KEY" }, "aws-sigv4"]]) {
      expect(converseConfigSchema.safeParse({ auth: { credentials } }).success).toBe(true);
    }
  });

  it("refuses an inline key in the credential list, unknown fields and an empty list", () => {
    const inline = converseConfigSchema.safeParse({ auth: { credentials: ["bedrock-api-key-ABCDEF"] } });
    expect(inline.success).toBe(false);
    expect(JSON.stringify(inline.error?.issues)).toContain("never the key itself");
    expect(converseConfigSchema.safeParse({ auth: { credentials: [] } }).success).toBe(false);
    expect(converseConfigSchema.safeParse({ regoin: "us-east-1" }).success).toBe(false);
    expect(converseConfigSchema.safeParse({ discovery: { enabled: true, ttl: 5 } }).success).toBe(false);
  });

  it("takes models with a wireId: a profile id, a profile ARN or an application profile ARN", () => {
    const config = converseConfigSchema.parse({
      discovery: { enabled: true },
      models: [
        { id: "sonnet", wireId: "eu.anthropic.claude-sonnet-4-6" },
        { id: "opus-arn", wireId: "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-8" },
        { id: "team", wireId: "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6", contextWindow: 200000 },
      ],
    });
    expect(config.discovery).toEqual({ enabled: true, ttlSeconds: 3600 });
    expect(config.models.map((model) => model.wireId)).toHaveLength(3);
  });

  it("converts to JSON Schema for the generated config schema", () => {
    const schema = z.toJSONSchema(converseConfigSchema, { io: "input" }) as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual(["region", "baseUrl", "controlPlaneUrl", "regions", "regionBaseUrls", "regionControlPlaneUrls", "auth", "discovery", "models", "timeouts", "retry"]);
    expect(schema.additionalProperties).toBe(false);
  });

  it("only allows https, or http on loopback for an emulator", () => {
    expect(converseConfigSchema.safeParse({ baseUrl: "http://bedrock-runtime.us-east-1.amazonaws.com" }).success).toBe(false);
    expect(converseConfigSchema.safeParse({ baseUrl: "http://127.0.0.1:4010" }).success).toBe(true);
    expect(converseConfigSchema.safeParse({ baseUrl: "https://proxy.example.com/bedrock" }).success).toBe(true);
  });
});

describe("endpoints and signing region", () => {
  it.each([
    ["https://bedrock-runtime.eu-central-1.amazonaws.com", "eu-central-1", "https://bedrock.eu-central-1.amazonaws.com"],
    ["https://bedrock-runtime-fips.us-east-1.amazonaws.com", "us-east-1", "https://bedrock-fips.us-east-1.amazonaws.com"],
    ["https://bedrock-runtime.us-gov-west-1.amazonaws.com", "us-gov-west-1", "https://bedrock.us-gov-west-1.amazonaws.com"],
    ["https://bedrock-runtime-fips.us-gov-west-1.amazonaws.com", "us-gov-west-1", "https://bedrock-fips.us-gov-west-1.amazonaws.com"],
    ["https://bedrock-runtime.cn-north-1.amazonaws.com.cn", "cn-north-1", "https://bedrock.cn-north-1.amazonaws.com.cn"],
  ])("derives the signing region of %s", (baseUrl, region, controlPlaneUrl) => {
    // The configured region and the environment lose against the endpoint's own region.
    const endpoints = resolveConverseEndpoints({ baseUrl, region: "us-west-2" }, { AWS_REGION: "ap-south-1" });
    expect(endpoints).toMatchObject({ region, runtimeUrl: baseUrl, controlPlaneUrl, pinnedBaseUrl: true });
  });

  it("uses config region, then AWS_REGION, AWS_DEFAULT_REGION, us-east-1", () => {
    expect(resolveConverseEndpoints({ region: "eu-west-1" }, { AWS_REGION: "us-west-2" }).runtimeUrl).toBe("https://bedrock-runtime.eu-west-1.amazonaws.com");
    expect(resolveConverseEndpoints({}, { AWS_REGION: "us-west-2" }).region).toBe("us-west-2");
    expect(resolveConverseEndpoints({}, { AWS_DEFAULT_REGION: "ap-northeast-1" }).region).toBe("ap-northeast-1");
    expect(resolveConverseEndpoints({}, {}).region).toBe("us-east-1");
  });

  it("signs an emulator URL for the configured region and finds its control plane on the same origin", () => {
    const endpoints = resolveConverseEndpoints({ baseUrl: "http://127.0.0.1:4010/", region: "eu-west-1" }, {});
    expect(endpoints).toMatchObject({ region: "eu-west-1", runtimeUrl: "http://127.0.0.1:4010", controlPlaneUrl: "http://127.0.0.1:4010" });
    expect(resolveConverseEndpoints({ baseUrl: "http://127.0.0.1:4010", controlPlaneUrl: "http://127.0.0.1:4011" }, {}).controlPlaneUrl).toBe("http://127.0.0.1:4011");
  });

  it("sends a model with its own region to that region's endpoint unless baseUrl pins one", () => {
    const endpoints = resolveConverseEndpoints({ region: "us-east-1" }, {});
    expect(runtimeTargetFor(endpoints, "eu-west-1")).toEqual({ region: "eu-west-1", runtimeUrl: "https://bedrock-runtime.eu-west-1.amazonaws.com" });
    const pinned = resolveConverseEndpoints({ baseUrl: "http://127.0.0.1:4010", region: "us-east-1" }, {});
    expect(runtimeTargetFor(pinned, "eu-west-1")).toEqual({ region: "us-east-1", runtimeUrl: "http://127.0.0.1:4010" });
  });
});
