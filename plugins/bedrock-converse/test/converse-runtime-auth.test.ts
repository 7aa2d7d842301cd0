import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { collectCompletion, type ModelDefinition } from "@bedrock-kit/plugin-host";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createConverseProvider } from "../src/converse-provider.js";
import { createFakeConverseWire, FAKE_BODY } from "./helpers/fake-converse-wire.js";
import { createTestHarness, TEST_CREDENTIALS } from "./helpers/converse-test-context.js";

const RUNTIME = "https://bedrock-runtime.us-east-1.amazonaws.com";
const SONNET_PATH = "/model/us.anthropic.claude-sonnet-4-6/converse-stream";
const BEARER = "bedrock-api-key-dGVzdC1vbmx5LW1hbnRsZS1rZXk="; // pragma: allowlist secret
const SIGV4_HEADERS = ["x-amz-date", "x-amz-content-sha256", "x-amz-security-token"];

// @smithy/signature-v4 is a dependency of aws-auth, not of this plugin: load it from there.
const fromAwsAuth = createRequire(new URL("../../../packages/aws-auth/package.json", import.meta.url));
const { SignatureV4 } = (await import(pathToFileURL(fromAwsAuth.resolve("@smithy/signature-v4")).href)) as typeof import("@smithy/signature-v4");
const { Sha256 } = (await import(pathToFileURL(fromAwsAuth.resolve("@aws-crypto/sha256-js")).href)) as { Sha256: new (secret?: unknown) => unknown };

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

interface Captured {
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function interceptRuntime(captured: Captured[], path = SONNET_PATH): void {
  nock(RUNTIME)
    .post(path)
    .reply(function (_uri, body) {
      captured.push({ headers: { ...this.req.headers }, body: typeof body === "string" ? body : JSON.stringify(body) });
      return [200, "", { "x-amzn-requestid": "req-auth-1" }];
    });
}

async function sonnet(provider: ReturnType<typeof createConverseProvider>, harness: ReturnType<typeof createTestHarness>): Promise<ModelDefinition> {
  const catalog = await provider.catalog(harness.context);
  const model = catalog?.models.find((entry) => entry.id === "anthropic.claude-sonnet-4-6");
  if (model === undefined) throw new Error("sonnet missing from the catalog");
  return model;
}

describe("runtime auth", () => {
  it("uses a bearer key as an authorization header only: no SigV4 headers, credential chain never loaded", async () => {
    const factory = vi.fn(() => async () => TEST_CREDENTIALS);
    const provider = createConverseProvider({ credentialProviderFactory: factory, wire: createFakeConverseWire() });
    const harness = createTestHarness(provider, { env: { AWS_BEARER_TOKEN_BEDROCK: BEARER } });
    const auth = await provider.prepareRuntimeAuth(harness.context);
    expect(auth).toEqual({ headers: { authorization: `Bearer ${BEARER}` }, source: "env:AWS_BEARER_TOKEN_BEDROCK", region: "us-east-1" });

    const captured: Captured[] = [];
    interceptRuntime(captured);
    const result = await collectCompletion(provider.stream(await sonnet(provider, harness), { messages: [{ role: "user", content: "hi" }] }, harness.context));
    expect(result.text).toBe("Hello there");
    expect(captured[0]?.headers.authorization).toBe(`Bearer ${BEARER}`);
    for (const header of SIGV4_HEADERS) expect(captured[0]?.headers[header]).toBeUndefined();
    expect(factory).not.toHaveBeenCalled();
  });

  it("falls through to BEDROCK_API_KEY, the second default source", async () => {
    const provider = createConverseProvider({ credentialProviderFactory: () => async () => TEST_CREDENTIALS });
    const harness = createTestHarness(provider, { env: { BEDROCK_API_KEY: BEARER, AWS_BEARER_TOKEN_BEDROCK: "  " } });
    const auth = await provider.prepareRuntimeAuth(harness.context);
    expect(auth.source).toBe("env:BEDROCK_API_KEY");
    expect(auth.sign).toBeUndefined();
  });

  it('ignores AWS_BEARER_TOKEN_BEDROCK when auth.credentials pins ["aws-sigv4"] (a Mantle-only key stays harmless)', async () => {
    const factory = vi.fn(() => async () => TEST_CREDENTIALS);
    const provider = createConverseProvider({ credentialProviderFactory: factory, wire: createFakeConverseWire() });
    const harness = createTestHarness(provider, { env: { AWS_BEARER_TOKEN_BEDROCK: BEARER }, config: { auth: { credentials: ["aws-sigv4"] } } });
    const captured: Captured[] = [];
    interceptRuntime(captured);
    await collectCompletion(provider.stream(await sonnet(provider, harness), { messages: [{ role: "user", content: "hi" }] }, harness.context));
    expect(String(captured[0]?.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/20260301\/us-east-1\/bedrock\/aws4_request/);
    expect(String(captured[0]?.headers.authorization)).not.toContain(BEARER);
    expect(factory).toHaveBeenCalled();
  });

  it("accepts the aws_sigv4 spelling", async () => {
    const provider = createConverseProvider({ credentialProviderFactory: () => async () => TEST_CREDENTIALS });
    const harness = createTestHarness(provider, { config: { auth: { credentials: ["aws_sigv4"] } } });
    const auth = await provider.prepareRuntimeAuth(harness.context);
    expect(auth.sign).toBeTypeOf("function");
  });

  it("signs the exact bytes sent: the signature recomputed with @smithy/signature-v4 matches", async () => {
    const expiration = new Date("2026-03-01T13:00:00Z");
    const credentials = { ...TEST_CREDENTIALS, sessionToken: "FwoGZXIvYXdzEXAMPLESESSIONTOKEN", expiration }; // pragma: allowlist secret
    const provider = createConverseProvider({ credentialProviderFactory: () => async () => credentials, wire: createFakeConverseWire() });
    const harness = createTestHarness(provider, { config: { auth: { credentials: ["aws-sigv4"] } } });
    const auth = await provider.prepareRuntimeAuth(harness.context);
    expect(auth.expiresAt).toBe(expiration.getTime());
    expect(auth.source).toBe("aws-sigv4");

    const captured: Captured[] = [];
    interceptRuntime(captured);
    await collectCompletion(provider.stream(await sonnet(provider, harness), { messages: [{ role: "user", content: "hi" }] }, harness.context));
    const request = captured[0];
    expect(request?.body).toBe(FAKE_BODY);
    const authorization = String(request?.headers.authorization);
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(";") ?? [];
    expect(signedHeaders).toEqual(expect.arrayContaining(["host", "x-amz-date", "x-amz-content-sha256", "x-amz-security-token", "content-type"]));
    expect(request?.headers["x-amz-security-token"]).toBe(credentials.sessionToken);

    const headers: Record<string, string> = {};
    for (const name of signedHeaders) headers[name] = String(request?.headers[name]);
    const signer = new SignatureV4({
      credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey, sessionToken: credentials.sessionToken },
      region: "us-east-1",
      service: "bedrock",
      sha256: Sha256 as never,
    });
    const amzDate = String(request?.headers["x-amz-date"]);
    const signingDate = new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`);
    const reference = await signer.sign(
      { method: "POST", protocol: "https:", hostname: "bedrock-runtime.us-east-1.amazonaws.com", path: SONNET_PATH, query: {}, headers, body: request?.body },
      { signingDate },
    );
    expect(authorization).toBe(reference.headers.authorization);
  });

  it("signs a path with an encoded colon the way AWS canonicalises it", async () => {
    const provider = createConverseProvider({ credentialProviderFactory: () => async () => TEST_CREDENTIALS, wire: createFakeConverseWire() });
    const harness = createTestHarness(provider, { config: { auth: { credentials: ["aws-sigv4"] } } });
    const catalog = await provider.catalog(harness.context);
    const haiku = catalog!.models.find((model) => model.id === "anthropic.claude-haiku-4-5-20251001-v1:0")!;
    const path = "/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/converse-stream";
    const captured: Captured[] = [];
    interceptRuntime(captured, path);
    await collectCompletion(provider.stream(haiku, { messages: [{ role: "user", content: "hi" }] }, harness.context));
    const request = captured[0]!;
    const signedHeaders = /SignedHeaders=([^,]+)/.exec(String(request.headers.authorization))?.[1]?.split(";") ?? [];
    const headers: Record<string, string> = {};
    for (const name of signedHeaders) headers[name] = String(request.headers[name]);
    const amzDate = String(request.headers["x-amz-date"]);
    const reference = await new SignatureV4({ credentials: TEST_CREDENTIALS, region: "us-east-1", service: "bedrock", sha256: Sha256 as never }).sign(
      { method: "POST", protocol: "https:", hostname: "bedrock-runtime.us-east-1.amazonaws.com", path, query: {}, headers, body: request.body },
      { signingDate: new Date(`${amzDate.slice(0, 4)}-${amzDate.slice(4, 6)}-${amzDate.slice(6, 8)}T${amzDate.slice(9, 11)}:${amzDate.slice(11, 13)}:${amzDate.slice(13, 15)}Z`) },
    );
    expect(request.headers.authorization).toBe(reference.headers.authorization);
  });

  it("fails with an auth error naming every source tried when nothing resolves; the catalog is skipped", async () => {
    const provider = createConverseProvider({
      credentialProviderFactory: () => async () => {
        throw Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" });
      },
    });
    const harness = createTestHarness(provider);
    const failure = await provider.prepareRuntimeAuth(harness.context).catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: "auth" });
    expect(String((failure as { hint: string }).hint)).toContain("AWS_BEARER_TOKEN_BEDROCK");
    expect(await provider.catalog(harness.context)).toBeNull();
  });
});
