import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { describe, expect, it } from "vitest";
import { createHost } from "../src/index.js";
import { createRecordingLogger, createTestProvider, pluginOf, testModel } from "./helpers/test-providers.js";

async function configErrorOf(action: () => Promise<unknown>): Promise<BedrockKitError> {
  try {
    await action();
  } catch (error) {
    if (BedrockKitError.isInstance(error) && error.code === "config") return error;
    throw error;
  }
  throw new Error("expected a config error");
}

const configuredModels = [
  { id: "alpha", name: "Alpha (configured)", maxTokens: 1_000 },
  { id: "gamma", api: "anthropic-messages" as const },
];

describe("catalog merge", () => {
  it("merges configured models over discovered ones field by field, and adds new ones (mode merge)", async () => {
    const host = await createHost({
      config: { models: { providers: { "test-provider": { models: configuredModels } } } },
      plugins: [pluginOf("p", createTestProvider())],
      logger: createRecordingLogger(),
    });
    const models = await host.listModels();
    expect(models.map((model) => [model.ref, model.name, model.maxTokens, model.source])).toEqual([
      ["test-provider/alpha", "Alpha (configured)", 1_000, "config"],
      ["test-provider/beta", "beta", 4_096, "discovered"],
      ["test-provider/gamma", "gamma", 4_096, "config"],
    ]);
    expect(models[0]).toMatchObject({ provider: "test-provider", id: "alpha", wireId: "test.alpha-v1", api: "openai-completions" });
    expect(models[2]).toMatchObject({ api: "anthropic-messages" });
  });

  it("lists only configured models in mode replace (the provider sees the mode in its context)", async () => {
    const provider = createTestProvider();
    const host = await createHost({
      config: { models: { mode: "replace", providers: { "test-provider": { models: configuredModels } } } },
      plugins: [pluginOf("p", provider)],
      logger: createRecordingLogger(),
    });
    expect((await host.listModels()).map((model) => model.ref)).toEqual(["test-provider/alpha", "test-provider/gamma"]);
    expect(provider.lastCatalogContext?.mode).toBe("replace");
  });
});

describe("catalog orchestration", () => {
  const skippedProviders = () => [
    createTestProvider({ id: "throws", catalog: async () => Promise.reject(new Error("connect ECONNREFUSED")) }),
    createTestProvider({ id: "returns-null", catalog: async () => null }),
    createTestProvider({ id: "hangs", catalog: () => new Promise(() => {}) }),
    createTestProvider({ id: "malformed", catalog: async () => ({}) as never }),
  ];

  it("skips failing, null, hanging and malformed providers silently, within the timeout, with one debug line each", async () => {
    const logger = createRecordingLogger();
    const host = await createHost({
      config: { catalogTimeoutMs: 200 },
      plugins: [pluginOf("good", createTestProvider({ id: "good" })), pluginOf("bad", ...skippedProviders())],
      logger,
    });
    const started = Date.now();
    const models = await host.listModels();
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(models.map((model) => model.ref)).toEqual(["good/alpha", "good/beta"]);

    const skipLines = logger.records.filter((record) => record.message === "catalog skipped");
    expect(skipLines.every((record) => record.level === "debug")).toBe(true);
    expect(skipLines.map((record) => record.fields).sort((left, right) => String(left?.provider).localeCompare(String(right?.provider)))).toEqual([
      { provider: "hangs", reason: "timed out (The catalog of hangs did not finish within 200 ms.)" },
      { provider: "malformed", reason: "returned a malformed catalog (no models array)" },
      { provider: "returns-null", reason: "returned null" },
      { provider: "throws", reason: "failed: connect ECONNREFUSED" },
    ]);
    expect(logger.records.filter((record) => record.level !== "debug")).toEqual([]);
  });

  it("runs the catalogs concurrently: each answers only once all have started", async () => {
    const count = 4;
    let started = 0;
    let release!: () => void;
    const allStarted = new Promise<void>((resolve) => (release = resolve));
    const waiting = (id: string) =>
      createTestProvider({
        id,
        catalog: async () => {
          started += 1;
          if (started === count) release();
          await allStarted;
          return { models: [testModel(`${id}-model`)] };
        },
      });
    // Run one after another, the first would wait forever and be skipped at the timeout.
    const host = await createHost({
      config: { catalogTimeoutMs: 5_000 },
      plugins: [pluginOf("p", waiting("a"), waiting("b"), waiting("c"), waiting("d"))],
      logger: createRecordingLogger(),
    });
    expect((await host.listModels()).map((model) => model.ref)).toEqual(["a/a-model", "b/b-model", "c/c-model", "d/d-model"]);
  });

  it("aborts the signal it hands a provider when the timeout fires", async () => {
    let signal: AbortSignal | undefined;
    const provider = createTestProvider({
      id: "watcher",
      catalog: (context) => {
        signal = context.signal;
        return new Promise(() => {});
      },
    });
    const host = await createHost({ config: { catalogTimeoutMs: 50 }, plugins: [pluginOf("p", provider)], logger: createRecordingLogger() });
    await host.listModels();
    expect(signal?.aborted).toBe(true);
    expect(BedrockKitError.isInstance(signal?.reason) && signal.reason.code).toBe("timeout");
  });

  it("gives the catalog context the validated config, mode, env, clock, logger, transport, resolver and auth access", async () => {
    const provider = createTestProvider();
    const transport = async () => {
      throw new Error("not used");
    };
    const clock = { now: () => 42 };
    const host = await createHost({
      config: { models: { providers: { "test-provider": { region: "eu-west-1" } } } },
      plugins: [pluginOf("p", provider)],
      env: { TEST_PROVIDER_KEY: "value-of-key" },
      clock,
      transport,
      logger: createRecordingLogger(),
    });
    await host.listModels();
    const context = provider.lastCatalogContext!;
    expect(context).toMatchObject({ config: { region: "eu-west-1" }, mode: "merge", env: { TEST_PROVIDER_KEY: "value-of-key" }, clock, transport });
    expect(context.signal).toBeInstanceOf(AbortSignal);
    expect(await context.resolveSecret("env:TEST_PROVIDER_KEY")).toBe("value-of-key");
    expect(await context.getAuth({ region: "eu-west-1" })).toMatchObject({ source: "test", region: "eu-west-1" });
  });

  it("keeps the first of two entries with one ref, with a debug line", async () => {
    const logger = createRecordingLogger();
    const provider = createTestProvider({ catalog: async () => ({ models: [testModel("dup", { name: "first" }), testModel("dup", { name: "second" })] }) });
    const host = await createHost({ config: {}, plugins: [pluginOf("p", provider)], logger });
    expect((await host.listModels()).map((model) => model.name)).toEqual(["first"]);
    expect(logger.records).toContainEqual({
      level: "debug",
      message: "duplicate model ref dropped; the first entry is kept",
      fields: { provider: "test-provider", ref: "test-provider/dup" },
    });
  });

  it("shares one catalog run among concurrent callers", async () => {
    const provider = createTestProvider();
    const host = await createHost({ config: {}, plugins: [pluginOf("p", provider)], logger: createRecordingLogger() });
    await Promise.all([host.listModels(), host.listModels(), host.resolveModel("test-provider/alpha")]);
    expect(provider.calls.catalog).toBe(1);
  });

  it("lists one provider with { provider } and refuses an unknown one", async () => {
    const host = await createHost({
      config: {},
      plugins: [pluginOf("p", createTestProvider({ id: "one" }), createTestProvider({ id: "two" }))],
      logger: createRecordingLogger(),
    });
    expect((await host.listModels({ provider: "two" })).map((model) => model.provider)).toEqual(["two", "two"]);
    const error = await configErrorOf(() => host.listModels({ provider: "tw" }));
    expect(error.message).toBe('Unknown provider "tw" (loaded: one, two).');
  });
});

describe("resolveModel", () => {
  const hostWith = () =>
    createHost({
      config: {},
      plugins: [
        pluginOf(
          "p",
          createTestProvider({
            catalog: async () => ({
              models: [testModel("claude-opus-4.7", { wireId: "anthropic.claude-opus-4-7" }), testModel("anthropic.claude-opus-4-7", { wireId: "other" })],
            }),
          }),
          createTestProvider({ id: "down", catalog: async () => null }),
        ),
      ],
      logger: createRecordingLogger(),
    });

  it("matches the user-written id first, then the wire id", async () => {
    const host = await hostWith();
    expect((await host.resolveModel("test-provider/claude-opus-4.7")).id).toBe("claude-opus-4.7");
    // An id equal to another model's wire id wins over the wire id match.
    expect((await host.resolveModel("test-provider/anthropic.claude-opus-4-7")).wireId).toBe("other");
    expect((await host.resolveModel("test-provider/other")).id).toBe("anthropic.claude-opus-4-7");
  });

  it("asks the provider what a short id stands for, only when no entry matches, keeping any @region", async () => {
    const asked: string[] = [];
    const host = await createHost({
      config: {},
      plugins: [
        pluginOf(
          "p",
          Object.assign(
            createTestProvider({
              catalog: async () => ({
                models: [testModel("anthropic.claude-opus-4-7"), testModel("anthropic.claude-opus-4-7@us-west-2", { wireId: "anthropic.claude-opus-4-7", region: "us-west-2" })],
              }),
            }),
            {
              resolveModelId: async (id: string) => {
                asked.push(id);
                return id === "broken" ? Promise.reject(new Error("boom")) : [id.replace("claude-", "anthropic.claude-").replace("4.7", "4-7")];
              },
            },
          ),
        ),
      ],
      logger: createRecordingLogger(),
    });
    expect((await host.resolveModel("test-provider/claude-opus-4.7")).id).toBe("anthropic.claude-opus-4-7");
    expect((await host.resolveModel("test-provider/claude-opus-4.7@us-west-2")).id).toBe("anthropic.claude-opus-4-7@us-west-2");
    expect((await host.resolveModel("test-provider/anthropic.claude-opus-4-7")).id).toBe("anthropic.claude-opus-4-7");
    expect(asked).toEqual(["claude-opus-4.7", "claude-opus-4.7"]);
    // A resolver that fails is the same as no alias: the unknown-model error with suggestions.
    const error = await configErrorOf(() => host.resolveModel("test-provider/broken"));
    expect(error.message).toBe('Unknown model "test-provider/broken".');
  });

  it("is a config error listing close matches when the model is unknown", async () => {
    const host = await hostWith();
    const error = await configErrorOf(() => host.resolveModel("test-provider/claude-opus-4-8"));
    expect(error.message).toBe('Unknown model "test-provider/claude-opus-4-8".');
    expect(error.hint).toContain("Did you mean test-provider/claude-opus-4.7");
  });

  it("explains refs without a provider, unknown providers and skipped providers", async () => {
    const host = await hostWith();
    const bare = await configErrorOf(() => host.resolveModel("claude-opus-4.7"));
    expect(bare.message).toBe('Model ref "claude-opus-4.7" is not of the form provider/id.');
    expect(bare.hint).toContain("test-provider/claude-opus-4.7");
    expect((await configErrorOf(() => host.resolveModel("nope/x"))).message).toContain('Unknown provider "nope"');
    const skipped = await configErrorOf(() => host.resolveModel("down/x"));
    expect(skipped.message).toBe('Model "down/x" is not available: provider down listed no models (returned null).');
    expect(skipped.hint).toContain("doctor");
  });
});
