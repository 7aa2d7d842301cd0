import { describe, expect, it } from "vitest";
import { converseConfigSchema } from "../src/converse-config-schema.js";

const ROLE = "arn:aws:iam::123456789012:role/bedrock-gateway";

describe("amazon-bedrock auth.roleArn (ADR 1000)", () => {
  it("accepts a role with its optional settings next to the credential list", () => {
    const config = converseConfigSchema.parse({ auth: { roleArn: ROLE, externalId: "ext-123", sessionName: "gw", durationSeconds: 900, stsEndpoint: "http://127.0.0.1:1" } });
    expect(config.auth).toMatchObject({ roleArn: ROLE, externalId: "ext-123", sessionName: "gw", durationSeconds: 900, stsEndpoint: "http://127.0.0.1:1" });
  });

  it("refuses role settings without roleArn, and a malformed ARN", () => {
    const missing = converseConfigSchema.safeParse({ auth: { externalId: "ext-123" } });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]).toMatchObject({ path: ["auth", "externalId"], message: "externalId needs roleArn (the role to assume)" });
    expect(converseConfigSchema.safeParse({ auth: { roleArn: "arn:aws:iam::123:user/x" } }).success).toBe(false);
  });
});
