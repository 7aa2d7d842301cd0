import { createServer } from "node:net";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createNodeHttpTransport, type AwsCredentialProvider } from "@bedrock-kit/aws-auth";
import { createMantleProvider } from "../src/mantle-provider.js";
import { createTestContext, FAKE_API_KEY, FAKE_CREDENTIALS, readFixture, type TestContextOptions } from "./helpers/mantle-test-context.js";

const ROOT = "https://bedrock-mantle.us-east-1.api.aws";
const KEY_ENV = { AWS_BEARER_TOKEN_BEDROCK: FAKE_API_KEY };
const noAwsCredentials: AwsCredentialProvider = () => Promise.reject(new Error("Could not load credentials from any providers"));
const fakeAwsCredentials: AwsCredentialProvider = () => Promise.resolve({ ...FAKE_CREDENTIALS });

function setup(options: TestContextOptions & { credentials?: AwsCredentialProvider } = {}) {
  const provider = createMantleProvider({
    credentialProviderFactory: () => options.credentials ?? noAwsCredentials,
    transport: createNodeHttpTransport(),
  });
  const context = createTestContext(provider, { env: KEY_ENV, ...options });
  return { provider, context };
}

function skipLines(context: ReturnType<typeof setup>["context"]) {
  return context.logger.lines.filter((line) => line.message.includes("skipped"));
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("catalog: the entry pasted from an agent host's docs", () => {
  it("validates and works unchanged", async () => {
    nock(ROOT, { reqheaders: { authorization: `Bearer ${FAKE_API_KEY}` } })
      .get("/v1/models")
      .reply(200, readFixture("models-list/all-surfaces.json"));
    const { provider, context } = setup({
      config: {
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
      },
    });
    const catalog = await provider.catalog(context);
    const models = catalog?.models ?? [];
    const gptOss = models.find((model) => model.id === "gpt-oss-120b");
    expect(gptOss).toMatchObject({
      wireId: "openai.gpt-oss-120b",
      name: "GPT-OSS 120B",
      api: "openai-completions",
      baseUrl: `${ROOT}/v1`,
      contextWindow: 32000,
      maxTokens: 4096,
      source: "config",
    });
    // The alias replaced the discovered row instead of listing the model twice.
    expect(models.filter((model) => model.wireId === "openai.gpt-oss-120b")).toHaveLength(1);
    // The provider-level api is a default, never an override for known families.
    expect(models.find((model) => model.id === "anthropic.claude-opus-4-7")).toMatchObject({
      api: "anthropic-messages",
      baseUrl: `${ROOT}/anthropic/v1`,
      source: "discovered",
    });
    expect(models.find((model) => model.id === "openai.gpt-5.5")).toMatchObject({ api: "openai-responses", baseUrl: `${ROOT}/openai/v1` });
    expect(models.find((model) => model.id === "acme.unknown-model-1")).toMatchObject({ api: "openai-completions", defaultsAssumed: true });
  });
});

describe("catalog: zero config", () => {
  it("lists discovered models with AWS_BEARER_TOKEN_BEDROCK alone", async () => {
    nock(ROOT).get("/v1/models").reply(200, readFixture("models-list/all-surfaces.json"));
    const { provider, context } = setup();
    const catalog = await provider.catalog(context);
    expect(catalog?.models).toHaveLength(18);
    expect(catalog?.models.every((model) => model.source === "discovered")).toBe(true);
  });

  it("lists discovered models with an AWS identity alone (no API-key gate), through a minted token", async () => {
    let authorization = "";
    nock(ROOT)
      .get("/v1/models")
      .reply(function reply() {
        authorization = String(this.req.headers.authorization);
        return [200, readFixture("models-list/all-surfaces.json")];
      });
    const { provider, context } = setup({ env: {}, credentials: fakeAwsCredentials });
    const catalog = await provider.catalog(context);
    expect(catalog?.models.length).toBe(18);
    expect(authorization.startsWith("Bearer bedrock-api-key-")).toBe(true);
  });

  it("uses the region from AWS_REGION", async () => {
    nock("https://bedrock-mantle.eu-west-1.api.aws").get("/v1/models").reply(200, readFixture("models-list/all-surfaces.json"));
    const { provider, context } = setup({ env: { ...KEY_ENV, AWS_REGION: "eu-west-1" } });
    const catalog = await provider.catalog(context);
    expect(catalog?.models[0]?.baseUrl.startsWith("https://bedrock-mantle.eu-west-1.api.aws/")).toBe(true);
  });

  // OpenClaw PR #61296: peers' region lists missed these two, so users there were skipped silently.
  it.each(["ap-southeast-2", "us-gov-west-1"])("serves %s, which peers' region lists missed", async (region) => {
    const root = `https://bedrock-mantle.${region}.api.aws`;
    nock(root).get("/v1/models").reply(200, readFixture("models-list/all-surfaces.json"));
    const { provider, context } = setup({ config: { region } });
    const catalog = await provider.catalog(context);
    expect(catalog?.models.length).toBeGreaterThan(0);
    expect(catalog?.models.every((model) => model.baseUrl.startsWith(`${root}/`))).toBe(true);
    expect(skipLines(context)).toEqual([]);
  });
});

describe("catalog: silent skips", () => {
  const cases: Array<[string, () => void, TestContextOptions & { credentials?: AwsCredentialProvider }]> = [
    ["no credential at all", () => undefined, { env: {} }],
    ["a region without Mantle", () => undefined, { config: { region: "us-west-1" } }],
    ["a non-OK answer", () => nock(ROOT).get("/v1/models").reply(500, readFixture("errors/bare-string-error-500.json")), {}],
    ["a non-JSON answer", () => nock(ROOT).get("/v1/models").reply(200, readFixture("models-list/not-a-models-list.html")), {}],
    ["a timeout", () => nock(ROOT).get("/v1/models").delay(5_000).reply(200, "{}"), { config: { discovery: { timeoutMs: 100 } } }],
    ["an empty list", () => nock(ROOT).get("/v1/models").reply(200, readFixture("models-list/empty-list.json")), {}],
  ];

  it.each(cases)("returns null quickly with one debug line for %s", async (_name, arrange, options) => {
    arrange();
    const { provider, context } = setup(options);
    const startedAt = Date.now();
    await expect(provider.catalog(context)).resolves.toBeNull();
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    expect(skipLines(context)).toHaveLength(1);
    expect(skipLines(context)[0]?.level).toBe("debug");
    expect(JSON.stringify(context.logger.lines)).not.toContain(FAKE_API_KEY);
  });

  it("returns null quickly with one debug line for an unreachable endpoint", async () => {
    // A port that was just closed: a real ECONNREFUSED (nock's replyWithError never reaches the transport's error path).
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as { port: number }).port;
    await new Promise((resolve) => server.close(resolve));
    nock.enableNetConnect("127.0.0.1");
    try {
      const { provider, context } = setup({ config: { baseUrl: `http://127.0.0.1:${port}/v1` } });
      const startedAt = Date.now();
      await expect(provider.catalog(context)).resolves.toBeNull();
      expect(Date.now() - startedAt).toBeLessThan(3_000);
      expect(skipLines(context)).toHaveLength(1);
    } finally {
      nock.disableNetConnect();
    }
  });

  it("keeps configured models when discovery fails", async () => {
    nock(ROOT).get("/v1/models").reply(503, "{}");
    const { provider, context } = setup({ config: { models: [{ id: "claude-opus-4.7" }] } });
    const catalog = await provider.catalog(context);
    expect(catalog?.models.map((model) => model.id)).toEqual(["claude-opus-4.7"]);
  });

  it("skips the region check for an explicit baseUrl", async () => {
    nock("http://127.0.0.1:4010").get("/v1/models").reply(200, readFixture("models-list/all-surfaces.json"));
    const { provider, context } = setup({ config: { region: "us-west-1", baseUrl: "http://127.0.0.1:4010/v1" } });
    const catalog = await provider.catalog(context);
    expect(catalog?.models.find((model) => model.id === "openai.gpt-5.5")?.baseUrl).toBe("http://127.0.0.1:4010/openai/v1");
  });
});

describe("catalog: configured models", () => {
  it("makes no request with discovery disabled, listing configured models only", async () => {
    const { provider, context } = setup({ config: { discovery: { enabled: false }, models: [{ id: "claude-opus-4.7" }, { id: "gpt-5.5" }] } });
    const catalog = await provider.catalog(context);
    expect(catalog?.models.map((model) => [model.id, model.wireId, model.api])).toEqual([
      ["claude-opus-4.7", "anthropic.claude-opus-4-7", "anthropic-messages"],
      ["gpt-5.5", "openai.gpt-5.5", "openai-responses"],
    ]);
    expect(catalog?.models[0]).toMatchObject({ contextWindow: 1_000_000, source: "config", cost: { input: 5, output: 25, cacheRead: 0.5, cacheWrite: 6.25 } });
    expect(nock.pendingMocks()).toEqual([]);
  });

  it("returns null with discovery disabled and nothing configured", async () => {
    const { provider, context } = setup({ config: { discovery: { enabled: false } } });
    await expect(provider.catalog(context)).resolves.toBeNull();
  });

  it("overrides field by field and recomputes the surface for a configured api", async () => {
    nock(ROOT).get("/v1/models").reply(200, readFixture("models-list/all-surfaces.json"));
    const { provider, context } = setup({
      config: {
        models: [
          { id: "openai.gpt-oss-120b", api: "openai-responses", maxTokens: 8000 },
          { id: "openai.gpt-5.6-sol", api: "openai-completions" },
          { id: "acme.unknown-model-1", contextWindow: 64000, maxTokens: 8000 },
        ],
      },
    });
    const models = (await provider.catalog(context))?.models ?? [];
    expect(models.find((model) => model.id === "openai.gpt-oss-120b")).toMatchObject({
      api: "openai-responses",
      baseUrl: `${ROOT}/v1`,
      maxTokens: 8000,
      contextWindow: 128_000,
      source: "config",
    });
    expect(models.find((model) => model.id === "openai.gpt-5.6-sol")).toMatchObject({ api: "openai-completions", baseUrl: `${ROOT}/openai/v1` });
    expect(models.find((model) => model.id === "acme.unknown-model-1")).toMatchObject({ contextWindow: 64000, defaultsAssumed: false });
  });

  it("lists only configured models in replace mode, without discovery", async () => {
    const { provider, context } = setup({ mode: "replace", config: { models: [{ id: "qwen3-32b" }] } });
    const catalog = await provider.catalog(context);
    expect(catalog?.models.map((model) => model.wireId)).toEqual(["qwen.qwen3-32b"]);
  });

  it("routes a configured model in another region to that region's host", async () => {
    const { provider, context } = setup({ config: { discovery: { enabled: false }, models: [{ id: "gpt-5.5", region: "us-east-2" }] } });
    const catalog = await provider.catalog(context);
    expect(catalog?.models[0]).toMatchObject({ region: "us-east-2", baseUrl: "https://bedrock-mantle.us-east-2.api.aws/openai/v1" });
  });
});

describe("describeModel", () => {
  it("resolves refs the catalog does not list", () => {
    const { provider, context } = setup();
    expect(provider.describeModel("claude-sonnet-4.6", context)).toMatchObject({
      id: "claude-sonnet-4.6",
      wireId: "anthropic.claude-sonnet-4-6",
      api: "anthropic-messages",
      baseUrl: `${ROOT}/anthropic/v1`,
    });
  });
});
