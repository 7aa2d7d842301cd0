import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { describe, expect, it } from "vitest";
import { credentialChainError, expiredKeyError, missingCredentialError } from "../src/auth-errors.js";

describe("auth errors", () => {
  it("missingCredentialError: auth, not retryable, every source and what to set", () => {
    const error = missingCredentialError({ provider: "amazon-bedrock-mantle", tried: ["env:AWS_BEARER_TOKEN_BEDROCK", "aws-sigv4"], reasons: ["not set", "no AWS credentials found"] });
    expect(BedrockKitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: "auth", retryable: false, provider: "amazon-bedrock-mantle" });
    expect(error.message).toBe("No credential found for amazon-bedrock-mantle: tried env:AWS_BEARER_TOKEN_BEDROCK (not set), aws-sigv4 (no AWS credentials found).");
    expect(error.hint).toMatch(/^Set AWS_BEARER_TOKEN_BEDROCK to an Amazon Bedrock API key, or configure AWS credentials/);
    expect(error.hint).toContain("AWS_PROFILE");
  });

  it("expiredKeyError: auth, regenerate the key, names the source only", () => {
    const error = expiredKeyError({ source: "env:AWS_BEARER_TOKEN_BEDROCK", expiredAt: Date.UTC(2026, 0, 1) });
    expect(error).toMatchObject({ code: "auth", retryable: false });
    expect(error.message).toBe("The credential from env:AWS_BEARER_TOKEN_BEDROCK expired at 2026-01-01T00:00:00.000Z.");
    expect(error.hint).toMatch(/^Regenerate the key/);
  });

  it("credentialChainError: keeps the cause; the reason is one redacted line", () => {
    const cause = new Error("Token is expired for AKIAIOSFODNN7EXAMPLE\n    at stack line");
    const error = credentialChainError({ cause });
    expect(error.cause).toBe(cause);
    expect(error.message).toBe("The AWS credential chain failed: Token is expired for AKIA…[redacted]");
    expect(error.hint).toContain("aws sso login");
    expect(error.hint).not.toContain("stack line");
    expect(JSON.stringify(error)).not.toContain("IOSFODNN7EXAMPLE");
  });
});
