import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { describe, expect, it, vi } from "vitest";
import type { AwsCredentials } from "../src/aws-credentials.js";
import { mintBedrockTokenNow, parseBedrockToken, type MintBedrockTokenOptions } from "../src/bedrock-token-minting.js";
import { createBedrockTokenProvider } from "../src/bedrock-token-provider.js";

const START = Date.UTC(2026, 2, 1, 9, 0, 0);
const KEYS = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };

function setup(options: { credentials?: () => Promise<AwsCredentials>; expiresInSeconds?: number; refreshMarginMs?: number } = {}) {
  const clock = { time: START, now() { return this.time; } };
  const credentialProvider = vi.fn(options.credentials ?? (async () => KEYS));
  const mintToken = vi.fn((mintOptions: MintBedrockTokenOptions) => mintBedrockTokenNow(mintOptions));
  const provider = createBedrockTokenProvider({
    credentialProvider,
    clock,
    mintToken,
    ...(options.expiresInSeconds !== undefined && { expiresInSeconds: options.expiresInSeconds }),
    ...(options.refreshMarginMs !== undefined && { refreshMarginMs: options.refreshMarginMs }),
  });
  return { clock, credentialProvider, mintToken, provider };
}

describe("createBedrockTokenProvider", () => {
  it("1,000 concurrent getToken calls share one credential lookup and one mint", async () => {
    const { provider, mintToken, credentialProvider } = setup({
      credentials: () => new Promise((resolve) => setTimeout(() => resolve(KEYS), 5)),
    });
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => provider.getToken("us-east-1")));
    expect(mintToken).toHaveBeenCalledTimes(1);
    expect(credentialProvider).toHaveBeenCalledTimes(1);
    expect(new Set(tokens.map((entry) => entry.token)).size).toBe(1);
    expect(tokens[0]?.token).toMatch(/^bedrock-api-key-/);
  });

  it("reuses the token until refreshMarginMs before it expires, then mints again", async () => {
    const { provider, mintToken, clock } = setup({ expiresInSeconds: 3600, refreshMarginMs: 300_000 });
    const first = await provider.getToken("us-west-2");
    expect(first.expiresAt).toBe(START + 3_600_000);
    clock.time = START + 3_300_000 - 1;
    expect((await provider.getToken("us-west-2")).token).toBe(first.token);
    expect(mintToken).toHaveBeenCalledTimes(1);
    clock.time = START + 3_300_000;
    const second = await provider.getToken("us-west-2");
    expect(mintToken).toHaveBeenCalledTimes(2);
    expect(second.token).not.toBe(first.token);
    expect(second.expiresAt).toBe(clock.time + 3_600_000);
  });

  it("expires with the credentials when they end first, and refreshes both", async () => {
    let credentialsEnd = START + 10 * 60_000;
    let calls = 0;
    const { provider, credentialProvider, mintToken, clock } = setup({
      credentials: async () => ({ ...KEYS, accessKeyId: "ASIAIOSFODNN7EXAMPLE", sessionToken: `session-${(calls += 1)}`, expiration: new Date(credentialsEnd) }),
    });
    const first = await provider.getToken("eu-central-1");
    expect(first.expiresAt).toBe(credentialsEnd);
    // Margin 5 min, capped at half the 10-minute lifetime: refresh at +5 min.
    clock.time = START + 5 * 60_000 - 1;
    await provider.getToken("eu-central-1");
    expect(mintToken).toHaveBeenCalledTimes(1);
    clock.time = START + 5 * 60_000;
    credentialsEnd = START + 70 * 60_000;
    const second = await provider.getToken("eu-central-1");
    expect(credentialProvider).toHaveBeenCalledTimes(2);
    expect(mintToken).toHaveBeenCalledTimes(2);
    expect(second.token).not.toBe(first.token);
  });

  it("keeps one token per region, each scoped to its region", async () => {
    const { provider, mintToken } = setup();
    const [east, west] = await Promise.all([provider.getToken("us-east-1"), provider.getToken("us-west-2")]);
    expect(mintToken).toHaveBeenCalledTimes(2);
    expect(parseBedrockToken(east.token)?.region).toBe("us-east-1");
    expect(parseBedrockToken(west.token)?.region).toBe("us-west-2");
    await provider.getToken("us-east-1");
    expect(mintToken).toHaveBeenCalledTimes(2);
  });

  it("invalidate(region) drops the token and the remembered credentials", async () => {
    const { provider, mintToken, credentialProvider, clock } = setup();
    const first = await provider.getToken("us-east-1");
    await provider.getToken("us-west-2");
    provider.invalidate("us-east-1");
    clock.time += 1000;
    const second = await provider.getToken("us-east-1");
    expect(second.token).not.toBe(first.token);
    expect(credentialProvider).toHaveBeenCalledTimes(2);
    expect(mintToken).toHaveBeenCalledTimes(3);
  });

  it("mints for new credentials when the identity changes", async () => {
    let current: AwsCredentials = { ...KEYS, sessionToken: "one", expiration: new Date(START + 3_600_000) };
    const { provider, mintToken, clock } = setup({ credentials: async () => current });
    const first = await provider.getToken("us-east-1");
    current = { ...KEYS, sessionToken: "two", expiration: new Date(START + 7_200_000) };
    clock.time = START + 3_600_000 - 60_000; // inside the margin: credentials are fetched again
    const second = await provider.getToken("us-east-1");
    expect(mintToken).toHaveBeenCalledTimes(2);
    expect(Buffer.from(second.token.slice(16), "base64").toString()).toContain("X-Amz-Security-Token=two");
    expect(second.token).not.toBe(first.token);
  });

  it("reports a missing credential as auth, and does not cache the failure", async () => {
    let fail = true;
    const { provider } = setup({
      credentials: async () => {
        if (fail) throw Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" });
        return KEYS;
      },
    });
    const error = await provider.getToken("us-east-1").catch((caught: unknown) => caught);
    expect(BedrockKitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: "auth", retryable: false });
    expect((error as BedrockKitError).hint).toContain("AWS_BEARER_TOKEN_BEDROCK");
    fail = false;
    await expect(provider.getToken("us-east-1")).resolves.toMatchObject({ token: expect.stringMatching(/^bedrock-api-key-/) });
  });

  it("keeps a chain failure as the cause, with its reason (redacted) in the hint", async () => {
    const cause = new Error(`The SSO session associated with this profile has expired. key=${KEYS.secretAccessKey}`);
    const { provider } = setup({ credentials: async () => Promise.reject(cause) });
    const error = (await provider.getToken("us-east-1").catch((caught: unknown) => caught)) as BedrockKitError;
    expect(error.code).toBe("auth");
    expect(error.cause).toBe(cause);
    expect(error.hint).toContain("SSO session associated with this profile has expired");
    expect(error.hint).toContain("aws sso login");
    expect(`${error.message} ${error.hint}`).not.toContain(KEYS.secretAccessKey);
  });
});
