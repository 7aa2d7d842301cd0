import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createConverseProvider } from "../src/converse-provider.js";
import { createTestHarness, TEST_CREDENTIALS } from "./helpers/converse-test-context.js";
import { readConverseFixture } from "./helpers/read-fixture.js";

const CONTROL_PLANE = "https://bedrock.us-east-1.amazonaws.com";
const BEARER_ENV = { AWS_BEARER_TOKEN_BEDROCK: "test-bearer-key-not-real" }; // pragma: allowlist secret
const sigv4 = { credentialProviderFactory: () => async () => TEST_CREDENTIALS };
const discoveryOn = { auth: { credentials: ["aws-sigv4"] }, discovery: { enabled: true, ttlSeconds: 600 } };

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

/** The control plane answering the fixtures; returns how many requests it saw. */
function controlPlane(): { requests: () => number; scope: nock.Scope } {
  let requests = 0;
  const count = (body: string) => () => {
    requests++;
    return body;
  };
  const scope = nock(CONTROL_PLANE)
    .persist()
    .matchHeader("authorization", /^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/bedrock\/aws4_request/)
    .get("/foundation-models")
    .reply(200, count(readConverseFixture("control-plane/foundation-models-us-east-1.json")))
    .get("/inference-profiles")
    .query({ maxResults: "1000" })
    .reply(200, count(readConverseFixture("control-plane/inference-profiles-us-east-1-page-1.json")))
    .get("/inference-profiles")
    .query({ maxResults: "1000", nextToken: "page-2-token" })
    .reply(200, count(readConverseFixture("control-plane/inference-profiles-us-east-1-page-2.json")))
    .get("/inference-profiles")
    .query({ maxResults: "1000", nextToken: "page-3-token" })
    .reply(200, count(readConverseFixture("control-plane/inference-profiles-us-east-1-page-3.json")));
  return { requests: () => requests, scope };
}

describe("catalog() without discovery (the default)", () => {
  it("lists the curated catalog for the region without any network call", async () => {
    const provider = createConverseProvider();
    const harness = createTestHarness(provider, { env: { ...BEARER_ENV, AWS_REGION: "eu-central-1" } });
    const catalog = await provider.catalog(harness.context);
    const models = catalog!.models;
    expect(models[0]).toMatchObject({
      id: "anthropic.claude-sonnet-4-6",
      wireId: "eu.anthropic.claude-sonnet-4-6",
      api: "bedrock-converse-stream",
      baseUrl: "https://bedrock-runtime.eu-central-1.amazonaws.com",
      source: "catalog",
    });
    expect(models.find((model) => model.id === "deepseek.v3.2")?.wireId).toBe("deepseek.v3.2");
    for (const model of models) {
      expect(model.api).toBe("bedrock-converse-stream");
      expect(model.source).toBe("catalog");
    }
  });

  it("merges configured models over it: overrides, wireId to an (application) profile, unknown ids completed and flagged", async () => {
    const provider = createConverseProvider();
    const harness = createTestHarness(provider, {
      env: BEARER_ENV,
      config: {
        models: [
          { id: "anthropic.claude-sonnet-4-6", maxTokens: 32000 },
          { id: "team-sonnet", wireId: "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6" },
          { id: "anthropic.claude-opus-4-7", wireId: "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/opus47team" },
          { id: "global.anthropic.claude-opus-4-8" },
          { id: "vendor.brand-new-v1:0", name: "Brand new" },
          { id: "eu-haiku", wireId: "anthropic.claude-haiku-4-5-20251001-v1:0", region: "eu-west-1" },
        ],
      },
    });
    const byId = new Map((await provider.catalog(harness.context))!.models.map((model) => [model.id, model]));
    expect(byId.get("anthropic.claude-sonnet-4-6")).toMatchObject({ maxTokens: 32000, wireId: "us.anthropic.claude-sonnet-4-6", source: "config" });
    // An application profile's ARN hides its model: limits are assumed unless the entry names a known id.
    expect(byId.get("team-sonnet")).toMatchObject({
      wireId: "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/a1b2c3d4e5f6",
      defaultsAssumed: true,
      source: "config",
    });
    expect(byId.get("anthropic.claude-opus-4-7")).toMatchObject({
      wireId: "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/opus47team",
      contextWindow: 1_000_000,
      compat: { rejectsTemperature: true },
      source: "config",
    });
    expect(byId.get("global.anthropic.claude-opus-4-8")).toMatchObject({ wireId: "global.anthropic.claude-opus-4-8", cost: { input: 5, output: 25 } });
    expect(byId.get("vendor.brand-new-v1:0")).toMatchObject({ name: "Brand new", defaultsAssumed: true, source: "config", wireId: "vendor.brand-new-v1:0" });
    expect(byId.get("vendor.brand-new-v1:0")?.cost).toBeUndefined();
    expect(byId.get("eu-haiku")).toMatchObject({
      region: "eu-west-1",
      baseUrl: "https://bedrock-runtime.eu-west-1.amazonaws.com",
      wireId: "anthropic.claude-haiku-4-5-20251001-v1:0",
    });
  });

  it("lists only configured models in replace mode", async () => {
    const provider = createConverseProvider();
    const harness = createTestHarness(provider, { env: BEARER_ENV, mode: "replace", config: { models: [{ id: "openai.gpt-oss-20b-1:0" }] } });
    const models = (await provider.catalog(harness.context))!.models;
    expect(models.map((model) => model.id)).toEqual(["openai.gpt-oss-20b-1:0"]);
    expect(models[0]).toMatchObject({ contextWindow: 128_000, reasoning: true });
  });

  it("points every model at a configured baseUrl (an emulator on loopback)", async () => {
    const provider = createConverseProvider();
    const harness = createTestHarness(provider, { env: BEARER_ENV, config: { baseUrl: "http://127.0.0.1:4010", region: "us-west-2" } });
    const models = (await provider.catalog(harness.context))!.models;
    expect(new Set(models.map((model) => model.baseUrl))).toEqual(new Set(["http://127.0.0.1:4010"]));
    expect(models[0]?.wireId).toBe("us.anthropic.claude-sonnet-4-6");
  });
});

describe("catalog() with discovery", () => {
  it("merges the control plane's models (3 profile pages) over the curated catalog, sources set", async () => {
    const server = controlPlane();
    const provider = createConverseProvider(sigv4);
    const harness = createTestHarness(provider, { config: discoveryOn });
    const models = (await provider.catalog(harness.context))!.models;
    expect(server.requests()).toBe(4);
    const byId = new Map(models.map((model) => [model.id, model]));
    // Curated entries whose base model the account has here stay, with their knowledge.
    expect(byId.get("anthropic.claude-sonnet-4-6")).toMatchObject({ source: "catalog", wireId: "us.anthropic.claude-sonnet-4-6" });
    expect(byId.get("openai.gpt-oss-120b-1:0")).toMatchObject({ source: "catalog" });
    // Curated entries the control plane does not list here are dropped.
    expect(byId.has("zai.glm-5")).toBe(false);
    // Discovered: the global profile, an unknown model, the application profile.
    expect(byId.get("global.anthropic.claude-sonnet-4-6")).toMatchObject({ source: "discovered", contextWindow: 1_000_000 });
    expect(byId.get("qwen.qwen3-32b-v1:0")).toMatchObject({ source: "discovered", defaultsAssumed: true });
    expect(byId.get("a1b2c3d4e5f6")?.wireId).toMatch(/application-inference-profile\/a1b2c3d4e5f6$/);
    // The us. profile duplicates the curated entry's wire id and is not listed twice.
    expect(byId.has("us.anthropic.claude-sonnet-4-6")).toBe(false);
    expect(models.filter((model) => model.wireId === "us.anthropic.claude-sonnet-4-6")).toHaveLength(1);
  });

  it("caches discovery per region and identity for ttlSeconds on the injected clock", async () => {
    const server = controlPlane();
    const provider = createConverseProvider(sigv4);
    const harness = createTestHarness(provider, { config: discoveryOn });
    await provider.catalog(harness.context);
    await provider.catalog(harness.context);
    expect(server.requests()).toBe(4);
    harness.advance(599_000);
    await provider.catalog(harness.context);
    expect(server.requests()).toBe(4);
    harness.advance(1_000);
    await provider.catalog(harness.context);
    expect(server.requests()).toBe(8);
  });

  it("falls back to the curated catalog silently, with one debug line, when the control plane fails", async () => {
    nock(CONTROL_PLANE).persist().get("/foundation-models").reply(500, '{"message":"internal"}').get("/inference-profiles").query(true).reply(200, '{"inferenceProfileSummaries":[]}');
    const provider = createConverseProvider(sigv4);
    const harness = createTestHarness(provider, { config: discoveryOn });
    const models = (await provider.catalog(harness.context))!.models;
    expect(models.every((model) => model.source === "catalog")).toBe(true);
    expect(models.length).toBeGreaterThan(10);
    const debug = harness.logs.filter((line) => line.level === "debug" && line.message.includes("discovery failed"));
    expect(debug).toHaveLength(1);
    expect(debug[0]?.fields).toMatchObject({ code: "unavailable" });
    expect(harness.logs.filter((line) => line.level !== "debug")).toEqual([]);
  });

  it("skips discovery when the winning credential is a bearer key (the control plane needs SigV4)", async () => {
    const provider = createConverseProvider(sigv4);
    const harness = createTestHarness(provider, { env: BEARER_ENV, config: { discovery: { enabled: true } } });
    const models = (await provider.catalog(harness.context))!.models;
    expect(models.every((model) => model.source === "catalog")).toBe(true);
    expect(harness.logs.some((line) => line.message.includes("discovery skipped"))).toBe(true);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
