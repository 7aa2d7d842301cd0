import { describe, expect, it } from "vitest";
import type { AwsCredentialProvider } from "@bedrock-kit/aws-auth";
import { createMantleProvider } from "../src/mantle-provider.js";
import { createTestContext, FAKE_API_KEY, FAKE_CREDENTIALS, FakeClock, type TestContextOptions } from "./helpers/mantle-test-context.js";

function setup(options: TestContextOptions & { credentials?: AwsCredentialProvider } = {}) {
  let chainCalls = 0;
  const provider = createMantleProvider({
    credentialProviderFactory: () => () => {
      chainCalls += 1;
      return options.credentials ? options.credentials() : Promise.reject(new Error("Could not load credentials from any providers"));
    },
  });
  const context = createTestContext(provider, options);
  return { provider, context, chainCalls: () => chainCalls };
}

const fakeCredentials: AwsCredentialProvider = () => Promise.resolve({ ...FAKE_CREDENTIALS });

function decodeMintedToken(authorization: string): string {
  expect(authorization.startsWith("Bearer bedrock-api-key-")).toBe(true);
  return Buffer.from(authorization.slice("Bearer bedrock-api-key-".length), "base64").toString("utf8");
}

describe("prepareRuntimeAuth", () => {
  it("uses the configured key without touching the AWS chain", async () => {
    const { provider, context, chainCalls } = setup({ env: { AWS_BEARER_TOKEN_BEDROCK: FAKE_API_KEY } });
    const auth = await provider.prepareRuntimeAuth(context);
    expect(auth).toEqual({ headers: { authorization: `Bearer ${FAKE_API_KEY}` }, source: "env:AWS_BEARER_TOKEN_BEDROCK", region: "us-east-1" });
    expect(chainCalls()).toBe(0);
  });

  it("reads the key from a file reference", async () => {
    const { provider, context } = setup({ config: { apiKey: "file:/run/secrets/mantle" }, files: { "/run/secrets/mantle": `${FAKE_API_KEY}\n` } });
    const auth = await provider.prepareRuntimeAuth(context);
    expect(auth.headers.authorization).toBe(`Bearer ${FAKE_API_KEY}`);
    expect(auth.source).toBe("file:/run/secrets/mantle");
  });

  it("mints a short-term token from AWS credentials when no key resolves (the presigned CallWithBearerToken URL)", async () => {
    const clock = new FakeClock(Date.UTC(2026, 6, 1, 12, 0, 0));
    const { provider, context } = setup({ env: { AWS_REGION: "eu-central-1" }, credentials: fakeCredentials, clock });
    const auth = await provider.prepareRuntimeAuth(context);
    expect(auth.source).toBe("aws-sdk");
    expect(auth.region).toBe("eu-central-1");
    const url = decodeMintedToken(auth.headers.authorization ?? "");
    expect(url.startsWith("bedrock.amazonaws.com/?")).toBe(true);
    expect(url).toContain("Action=CallWithBearerToken");
    expect(url).toContain(`X-Amz-Credential=${FAKE_CREDENTIALS.accessKeyId}%2F20260701%2Feu-central-1%2Fbedrock%2Faws4_request`);
    expect(url.endsWith("&Version=1")).toBe(true);
    expect(auth.expiresAt).toBe(clock.now() + 43_200_000);
    expect(JSON.stringify(auth)).not.toContain(FAKE_CREDENTIALS.secretAccessKey);
  });

  it("never writes a minted token into the env or the config", async () => {
    const env: Record<string, string> = {};
    const { provider, context } = setup({ env, credentials: fakeCredentials });
    await provider.prepareRuntimeAuth(context);
    expect(env).toEqual({});
    expect(JSON.stringify(context.config)).not.toContain("bedrock-api-key-");
  });

  it("caps the token's expiry at the credentials' expiration", async () => {
    const clock = new FakeClock();
    const expiration = new Date(clock.now() + 3_600_000);
    const { provider, context } = setup({ credentials: () => Promise.resolve({ ...FAKE_CREDENTIALS, sessionToken: "session", expiration }), clock });
    const auth = await provider.prepareRuntimeAuth(context);
    expect(auth.expiresAt).toBe(expiration.getTime());
  });

  it("mints with auth: aws-sdk even when a key is set", async () => {
    const { provider, context } = setup({ env: { AWS_BEARER_TOKEN_BEDROCK: FAKE_API_KEY }, config: { auth: "aws-sdk" }, credentials: fakeCredentials });
    expect((await provider.prepareRuntimeAuth(context)).source).toBe("aws-sdk");
  });

  it("signs with service bedrock-mantle for auth: aws-sigv4", async () => {
    const { provider, context } = setup({ config: { auth: "aws-sigv4", region: "ap-southeast-2" }, credentials: fakeCredentials });
    const auth = await provider.prepareRuntimeAuth(context);
    expect(auth.headers).toEqual({});
    expect(auth.source).toBe("aws-sigv4");
    const headers = auth.sign?.({
      method: "POST",
      url: "https://bedrock-mantle.ap-southeast-2.api.aws/v1/chat/completions",
      headers: { "content-type": "application/json" },
      body: '{"model":"qwen.qwen3-32b"}',
    });
    expect(headers?.authorization).toMatch(/Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/ap-southeast-2\/bedrock-mantle\/aws4_request/);
  });

  it("fails with an auth error naming the key when auth: api-key has no key", async () => {
    const { provider, context, chainCalls } = setup({ config: { auth: "api-key" } });
    await expect(provider.prepareRuntimeAuth(context)).rejects.toMatchObject({ code: "auth" });
    await expect(provider.prepareRuntimeAuth(context)).rejects.toThrow(/AWS_BEARER_TOKEN_BEDROCK/);
    expect(chainCalls()).toBe(0);
  });

  it("fails with an auth error listing both sources when nothing yields a credential", async () => {
    const { provider, context } = setup();
    const error = await provider.prepareRuntimeAuth(context).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "auth" });
    expect(String((error as Error).message)).toContain("env:AWS_BEARER_TOKEN_BEDROCK");
  });

  it("mints for the model's own region", async () => {
    const { provider, context } = setup({ credentials: fakeCredentials });
    const model = provider.describeModel("gpt-5.5", context);
    const auth = await provider.prepareRuntimeAuth({ ...context, model: { ...model, region: "us-east-2" } });
    expect(auth.region).toBe("us-east-2");
    expect(decodeMintedToken(auth.headers.authorization ?? "")).toContain("%2Fus-east-2%2Fbedrock%2F");
  });
});
