import { describe, expect, it } from "vitest";
import { mantleConfigSchema, readMantleAssumeRole, readMantleAuthMode } from "../src/mantle-config-schema.js";

const ROLE = "arn:aws:iam::123456789012:role/bedrock-gateway";

describe("Mantle auth: the object form with an assumed role (ADR 1000)", () => {
  it("keeps the string modes valid and reads no role from them", () => {
    for (const auth of ["api-key", "aws-sdk", "aws-sigv4", "aws_sigv4"] as const) {
      const config = mantleConfigSchema.parse({ auth });
      expect(readMantleAssumeRole(config)).toBeUndefined();
    }
  });

  it("reads the role and defaults the mode to minted tokens (aws-sdk)", () => {
    const config = mantleConfigSchema.parse({
      auth: { roleArn: ROLE, externalId: "ext-123", sessionName: "gateway", durationSeconds: 1800, stsEndpoint: "http://127.0.0.1:4566" },
    });
    expect(readMantleAuthMode(config)).toBe("aws-sdk");
    expect(readMantleAssumeRole(config)).toEqual({ roleArn: ROLE, externalId: "ext-123", sessionName: "gateway", durationSeconds: 1800, stsEndpoint: "http://127.0.0.1:4566" });
  });

  it("folds the aws_sigv4 spelling inside the object form", () => {
    expect(readMantleAuthMode(mantleConfigSchema.parse({ auth: { mode: "aws_sigv4", roleArn: ROLE } }))).toBe("aws-sigv4");
  });

  it("refuses api-key with a role, a malformed ARN, an out-of-range duration and unknown keys", () => {
    expect(mantleConfigSchema.safeParse({ auth: { mode: "api-key", roleArn: ROLE } }).success).toBe(false);
    expect(mantleConfigSchema.safeParse({ auth: { roleArn: "bedrock-gateway" } }).success).toBe(false);
    expect(mantleConfigSchema.safeParse({ auth: { roleArn: ROLE, durationSeconds: 60 } }).success).toBe(false);
    expect(mantleConfigSchema.safeParse({ auth: { roleArn: ROLE, rolearn: ROLE } }).success).toBe(false);
    expect(mantleConfigSchema.safeParse({ auth: { externalId: "x1" } }).success).toBe(false);
  });
});
