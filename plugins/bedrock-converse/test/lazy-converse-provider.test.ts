import { BedrockKitError, type CatalogContext, type ChatRequest, type ModelDefinition, type StreamContext, type StreamEvent } from "@bedrock-kit/plugin-host";
import { describe, expect, it } from "vitest";
import type { ConverseConfig } from "../src/converse-config-schema.js";
import { createConverseProvider, type ConverseProvider } from "../src/converse-provider.js";
import { createLazyConverseProvider } from "../src/lazy-converse-provider.js";
import { createTestHarness } from "./helpers/converse-test-context.js";

// The plugin registers a provider whose implementation loads on first use (docs/adr/0910-lazy-plugin-entry.md).

const CONTEXT = { config: {} } as unknown as CatalogContext<ConverseConfig> & StreamContext<ConverseConfig>;
const MODEL = { id: "acme.model" } as ModelDefinition;
const REQUEST: ChatRequest = { messages: [{ role: "user", content: "hi" }] };
const EVENTS: StreamEvent[] = [
  { type: "text-delta", text: "Hel" },
  { type: "text-delta", text: "lo" },
] as StreamEvent[];

async function* realStream(): AsyncGenerator<StreamEvent> {
  yield* EVENTS;
}

/** A stand-in implementation that records what was called, and a loader that counts loads. */
function fakeImplementation() {
  const calls: string[] = [];
  const streams: AsyncIterable<StreamEvent>[] = [];
  const classified = new BedrockKitError({ code: "throttled", message: "slow down", hint: "wait" });
  const implementation = {
    ...createConverseProvider(),
    catalog: async (context: unknown) => (calls.push("catalog"), context === CONTEXT ? { models: [MODEL] } : null),
    prepareRuntimeAuth: async () => (calls.push("prepareRuntimeAuth"), { headers: {}, source: "test" }),
    preflight: async () => (calls.push("preflight"), { provider: "amazon-bedrock", regions: [], endpoints: [], checks: [] }),
    complete: async () => (calls.push("complete"), { text: "done" }),
    stream: () => {
      calls.push("stream");
      const stream = realStream();
      streams.push(stream);
      return stream;
    },
    classifyError: () => classified,
  } as unknown as ConverseProvider;
  let loads = 0;
  const loadProvider = async (): Promise<ConverseProvider> => {
    loads += 1;
    return implementation;
  };
  return { implementation, loadProvider, calls, streams, classified, loadCount: () => loads };
}

async function collect(stream: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const events: StreamEvent[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

describe("the lazily loaded Converse provider", () => {
  it("has the implementation's id, label, env vars and config schema without loading it", () => {
    const fake = fakeImplementation();
    const lazy = createLazyConverseProvider({ loadProvider: fake.loadProvider });
    const real = createConverseProvider();
    expect({ id: lazy.id, label: lazy.label, envVars: lazy.envVars }).toEqual({ id: real.id, label: real.label, envVars: real.envVars });
    expect(lazy.configSchema).toBe(real.configSchema);
    expect(fake.loadCount()).toBe(0);
  });

  it("offers every method of the implementation", () => {
    const methods = (provider: object) => Object.entries(provider).filter(([, value]) => typeof value === "function").map(([name]) => name).sort();
    expect(methods(createLazyConverseProvider())).toEqual(methods(createConverseProvider()));
  });

  it("loads the implementation once, on the first call, and hands every method over to it", async () => {
    const fake = fakeImplementation();
    const lazy = createLazyConverseProvider({ loadProvider: fake.loadProvider });
    const [catalog, auth] = await Promise.all([lazy.catalog(CONTEXT), lazy.prepareRuntimeAuth(CONTEXT)]);
    expect(catalog).toEqual({ models: [MODEL] });
    expect(auth).toEqual({ headers: {}, source: "test" });
    expect(await lazy.preflight(CONTEXT)).toMatchObject({ provider: "amazon-bedrock" });
    expect(await lazy.complete(MODEL, REQUEST, CONTEXT)).toEqual({ text: "done" });
    expect(fake.calls).toEqual(["catalog", "prepareRuntimeAuth", "preflight", "complete"]);
    expect(fake.loadCount()).toBe(1);
  });

  it("keeps one implementation per provider instance (each has its own caches)", async () => {
    const fake = fakeImplementation();
    await createLazyConverseProvider({ loadProvider: fake.loadProvider }).catalog(CONTEXT);
    await createLazyConverseProvider({ loadProvider: fake.loadProvider }).catalog(CONTEXT);
    expect(fake.loadCount()).toBe(2);
  });

  it("defers the first stream until it is read, then passes the same events through", async () => {
    const fake = fakeImplementation();
    const lazy = createLazyConverseProvider({ loadProvider: fake.loadProvider });
    const stream = lazy.stream(MODEL, REQUEST, CONTEXT);
    expect(fake.loadCount()).toBe(0);
    expect(await collect(stream)).toEqual(EVENTS);
    expect(fake.calls).toEqual(["stream"]);
  });

  it("returns the implementation's own stream once loaded (no wrapper per event)", async () => {
    const fake = fakeImplementation();
    const lazy = createLazyConverseProvider({ loadProvider: fake.loadProvider });
    await lazy.catalog(CONTEXT);
    const stream = lazy.stream(MODEL, REQUEST, CONTEXT);
    expect(stream).toBe(fake.streams[0]);
  });

  it("opens nothing when the first stream is closed before it is read", async () => {
    const fake = fakeImplementation();
    const lazy = createLazyConverseProvider({ loadProvider: fake.loadProvider });
    const iterator = lazy.stream(MODEL, REQUEST, CONTEXT)[Symbol.asyncIterator]();
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(fake.loadCount()).toBe(0);
  });

  it("rejects before the first event when the implementation does not load, and tries again on the next call", async () => {
    let attempts = 0;
    const fake = fakeImplementation();
    const lazy = createLazyConverseProvider({
      loadProvider: async () => {
        attempts += 1;
        if (attempts === 1) throw new Error("Cannot find module './converse-provider.js'");
        return fake.implementation;
      },
    });
    const failure = await lazy.stream(MODEL, REQUEST, CONTEXT)[Symbol.asyncIterator]().next().catch((error: unknown) => error);
    expect(BedrockKitError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ code: "unavailable", retryable: false, provider: "amazon-bedrock" });
    expect((failure as BedrockKitError).hint).toContain("Reinstall @bedrock-kit/plugin-bedrock-converse");
    expect(lazy.classifyError(failure)).toBe(failure);
    expect(await lazy.catalog(CONTEXT)).toEqual({ models: [MODEL] });
    expect(attempts).toBe(2);
  });

  it("classifies a failure before the implementation loads with a generic classification", () => {
    const lazy = createLazyConverseProvider({ loadProvider: fakeImplementation().loadProvider });
    const unexpected = lazy.classifyError(new Error("socket hang up"));
    expect(BedrockKitError.isInstance(unexpected)).toBe(true);
    expect(unexpected).toMatchObject({ code: "unavailable", retryable: true, provider: "amazon-bedrock" });
    expect(unexpected.message).toContain("socket hang up");
    expect(lazy.classifyError(Object.assign(new Error("stop"), { name: "AbortError" }))).toMatchObject({ code: "aborted" });
    const classified = new BedrockKitError({ code: "auth", message: "no key", hint: "set one" });
    expect(lazy.classifyError(classified)).toMatchObject({ code: "auth", provider: "amazon-bedrock", hint: "set one" });
  });

  it("classifies with the implementation's classifier once it is loaded", async () => {
    const fake = fakeImplementation();
    const lazy = createLazyConverseProvider({ loadProvider: fake.loadProvider });
    await lazy.prepareRuntimeAuth(CONTEXT);
    expect(lazy.classifyError(new Error("anything"))).toBe(fake.classified);
  });

  it("loads the real implementation by default", async () => {
    const lazy = createLazyConverseProvider();
    // A bearer key in the environment: the curated catalog, no discovery, no network.
    const harness = createTestHarness(lazy, { env: { AWS_BEARER_TOKEN_BEDROCK: "test-bearer-key-not-real" } }); // pragma: allowlist secret
    const catalog = await lazy.catalog(harness.context);
    const real = createConverseProvider();
    expect(catalog?.models.map((model) => model.id)).toEqual((await real.catalog(createTestHarness(real, { env: { AWS_BEARER_TOKEN_BEDROCK: "test-bearer-key-not-real" } }).context))?.models.map((model) => model.id)); // pragma: allowlist secret
    expect(catalog?.models.length).toBeGreaterThan(0);
    expect(lazy.classifyError(new Error("x"))).toMatchObject({ provider: "amazon-bedrock", message: expect.stringContaining("x") });
  });
});
