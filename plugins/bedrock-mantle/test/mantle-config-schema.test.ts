import { describe, expect, it } from "vitest";
import { z } from "zod";
import { mantleConfigSchema, readMantleAuthMode } from "../src/mantle-config-schema.js";

/** The entry exactly as an agent host's docs show it (issue 4). */
const PASTED_ENTRY = {
  baseUrl: "https://bedrock-mantle.us-east-1.api.aws/v1",
  api: "openai-completions",
  auth: "api-key",
  apiKey: "env:AWS_BEARER_TOKEN_BEDROCK",
  models: [
    {
      id: "gpt-oss-120b",
      name: "GPT-OSS 120B",
      reasoning: true,
      input: ["text"],
      cost: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 },
      contextWindow: 32000,
      maxTokens: 4096,
    },
  ],
};

describe("mantleConfigSchema", () => {
  it("accepts the entry pasted from an agent host's docs unchanged", () => {
    const parsed = mantleConfigSchema.parse(PASTED_ENTRY);
    expect(parsed.baseUrl).toBe(PASTED_ENTRY.baseUrl);
    expect(parsed.auth).toBe("api-key");
    expect(parsed.models[0]).toMatchObject({ id: "gpt-oss-120b", contextWindow: 32000, maxTokens: 4096 });
  });

  it("applies defaults to an empty entry (zero config works)", () => {
    expect(mantleConfigSchema.parse({})).toEqual({
      apiKey: "env:AWS_BEARER_TOKEN_BEDROCK",
      discovery: { enabled: true, ttlSeconds: 3600 },
      models: [],
    });
  });

  it("fills discovery defaults when only one field is given", () => {
    expect(mantleConfigSchema.parse({ discovery: { enabled: false } }).discovery).toEqual({ enabled: false, ttlSeconds: 3600 });
  });

  it("rejects unknown keys instead of ignoring them", () => {
    const result = mantleConfigSchema.safeParse({ regoin: "us-west-2" });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain("regoin");
  });

  it("accepts both spellings of aws-sigv4", () => {
    expect(readMantleAuthMode(mantleConfigSchema.parse({ auth: "aws_sigv4" }))).toBe("aws-sigv4");
    expect(readMantleAuthMode(mantleConfigSchema.parse({ auth: "aws-sigv4" }))).toBe("aws-sigv4");
    expect(readMantleAuthMode(mantleConfigSchema.parse({}))).toBeUndefined();
  });

  it("validates the project id", () => {
    expect(mantleConfigSchema.safeParse({ projectId: "default" }).success).toBe(true);
    expect(mantleConfigSchema.safeParse({ projectId: "proj_abc123" }).success).toBe(true);
    expect(mantleConfigSchema.safeParse({ projectId: "my project" }).success).toBe(false);
  });

  it("accepts secret references in object form", () => {
    expect(mantleConfigSchema.parse({ apiKey: { source: "file", id: "/run/secrets/bedrock" } }).apiKey).toEqual({
      source: "file",
      id: "/run/secrets/bedrock",
    });
  });

  it("rejects Converse-style model ids with the bare id to use", () => {
    const result = mantleConfigSchema.safeParse({ models: [{ id: "us.anthropic.claude-sonnet-4-5-20250929-v1:0" }] });
    expect(result.success).toBe(false);
    const message = result.error?.issues[0]?.message ?? "";
    expect(result.error?.issues[0]?.path).toEqual(["models", 0, "id"]);
    expect(message).toContain("anthropic.claude-sonnet-4-5");
    expect(message).toContain("amazon-bedrock");
  });

  it("refuses an API Mantle does not speak", () => {
    expect(mantleConfigSchema.safeParse({ api: "bedrock-converse-stream" }).success).toBe(false);
    expect(mantleConfigSchema.safeParse({ models: [{ id: "x", api: "bedrock-converse-stream" }] }).success).toBe(false);
  });

  it("generates a JSON Schema (for the host's config schema)", () => {
    const schema = z.toJSONSchema(mantleConfigSchema, { io: "input" }) as { properties: Record<string, unknown>; additionalProperties: boolean };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(["baseUrl", "api", "auth", "apiKey", "region", "discovery", "models", "projectId"]),
    );
    expect(schema.additionalProperties).toBe(false);
  });
});
