import { BedrockKitError, type RuntimeAuth } from "@bedrock-kit/plugin-host";
import { describe, expect, it } from "vitest";
import { authCacheKey, computeRefreshAt, createHost, createRuntimeAuthCache } from "../src/index.js";
import { createFakeClock, createRecordingLogger, createTestProvider, pluginOf, testModel } from "./helpers/test-providers.js";

const MINUTE = 60_000;

describe("computeRefreshAt", () => {
  it("refreshes a margin before expiry, or halfway through a short remaining life, and never without expiry", () => {
    const auth = (expiresAt?: number): RuntimeAuth => ({ headers: {}, source: "test", ...(expiresAt !== undefined && { expiresAt }) });
    expect(computeRefreshAt(auth(60 * MINUTE), 0, 5 * MINUTE)).toBe(55 * MINUTE);
    // 10 minutes is exactly twice the margin: still the full margin.
    expect(computeRefreshAt(auth(10 * MINUTE), 0, 5 * MINUTE)).toBe(5 * MINUTE);
    // 6 minutes left: half of it, so the auth is reused for 3 minutes instead of never.
    expect(computeRefreshAt(auth(6 * MINUTE), 0, 5 * MINUTE)).toBe(3 * MINUTE);
    expect(computeRefreshAt(auth(-1), 0, 5 * MINUTE)).toBe(0);
    expect(computeRefreshAt(auth(), 0, 5 * MINUTE)).toBe(Number.POSITIVE_INFINITY);
  });

  it("keys by provider and region, the model's region first", () => {
    expect(authCacheKey("p", {})).toBe(authCacheKey("p", { region: "default" }));
    expect(authCacheKey("p", { model: testModel("m", { region: "eu-west-1" }), region: "us-east-1" })).toBe(authCacheKey("p", { region: "eu-west-1" }));
    expect(authCacheKey("p", { region: "us-east-1" })).not.toBe(authCacheKey("q", { region: "us-east-1" }));
  });
});

describe("createRuntimeAuthCache", () => {
  const setup = (lifetimeMs = 60 * MINUTE) => {
    const clock = createFakeClock();
    let prepared = 0;
    const cache = createRuntimeAuthCache({
      clock,
      async prepare(_providerId, target) {
        prepared += 1;
        await new Promise((resolve) => setTimeout(resolve, 5));
        return { headers: { authorization: `Bearer token-${prepared}` }, expiresAt: clock.now() + lifetimeMs, source: "test", region: target.region };
      },
    });
    return { clock, cache, prepared: () => prepared };
  };

  it("prepares once for 1,000 concurrent calls", async () => {
    const { cache, prepared } = setup();
    const results = await Promise.all(Array.from({ length: 1_000 }, () => cache.get("p", { region: "us-east-1" })));
    expect(prepared()).toBe(1);
    expect(new Set(results.map((auth) => auth.headers.authorization))).toEqual(new Set(["Bearer token-1"]));
  });

  it("serves the cached auth until the refresh point, then refreshes once for 1,000 concurrent calls", async () => {
    const { cache, clock, prepared } = setup();
    await cache.get("p", {});
    clock.advance(54 * MINUTE);
    expect((await cache.get("p", {})).headers.authorization).toBe("Bearer token-1");
    expect(prepared()).toBe(1);
    clock.advance(1 * MINUTE);
    const refreshed = await Promise.all(Array.from({ length: 1_000 }, () => cache.get("p", {})));
    expect(prepared()).toBe(2);
    expect(new Set(refreshed.map((auth) => auth.headers.authorization))).toEqual(new Set(["Bearer token-2"]));
  });

  it("refreshes after expiry", async () => {
    const { cache, clock } = setup();
    await cache.get("p", {});
    clock.advance(2 * 60 * MINUTE);
    expect((await cache.get("p", {})).headers.authorization).toBe("Bearer token-2");
  });

  it("keeps one entry per provider and region", async () => {
    const { cache, prepared } = setup();
    await Promise.all([cache.get("p", { region: "a" }), cache.get("p", { region: "b" }), cache.get("q", { region: "a" }), cache.get("p", { region: "a" })]);
    expect(prepared()).toBe(3);
  });

  it("prepares anew after invalidate, and does not cache what a pending prepare returns after it", async () => {
    const { cache, prepared } = setup();
    await cache.get("p", {});
    cache.invalidate("p", {});
    expect((await cache.get("p", {})).headers.authorization).toBe("Bearer token-2");
    const pending = cache.get("p", { region: "x" });
    cache.invalidate("p", { region: "x" });
    expect((await pending).headers.authorization).toBe("Bearer token-3");
    expect((await cache.get("p", { region: "x" })).headers.authorization).toBe("Bearer token-4");
    expect(prepared()).toBe(4);
  });

  it("does not cache failures: every waiter gets the error, the next call tries again", async () => {
    let attempts = 0;
    const cache = createRuntimeAuthCache({
      clock: createFakeClock(),
      async prepare() {
        attempts += 1;
        if (attempts === 1) throw new BedrockKitError({ code: "auth", message: "no credential", hint: "set one" });
        return { headers: {}, source: "test" };
      },
    });
    const results = await Promise.allSettled([cache.get("p", {}), cache.get("p", {})]);
    expect(results.map((result) => result.status)).toEqual(["rejected", "rejected"]);
    expect(attempts).toBe(1);
    await expect(cache.get("p", {})).resolves.toMatchObject({ source: "test" });
  });
});

describe("runtime auth through the host", () => {
  it("shares one cache across catalog, stream and getRuntimeAuth, refreshing single-flight", async () => {
    const clock = createFakeClock();
    const provider = createTestProvider({
      prepareRuntimeAuth: async (context) => ({
        headers: { authorization: `Bearer for-${context.region ?? context.model?.region ?? "default"}` },
        expiresAt: clock.now() + 15 * MINUTE,
        source: "test",
      }),
      catalog: async (context) => {
        await context.getAuth({});
        return { models: [testModel("alpha")] };
      },
      stream: (model, context) =>
        (async function* () {
          const auth = await context.getAuth({ model });
          yield { type: "start" as const, model: model.wireId, api: model.api };
          yield { type: "text-delta" as const, index: 0, text: auth.headers.authorization ?? "" };
          yield { type: "finish" as const, reason: "stop" as const, usage: { input: 0, output: 0, cacheRead: 0, cacheWrite: 0 } };
        })(),
    });
    const host = await createHost({ config: {}, plugins: [pluginOf("p", provider)], clock, logger: createRecordingLogger() });

    await host.listModels();
    const answer = await host.complete("test-provider/alpha", { messages: [{ role: "user", content: "hi" }] });
    expect(answer.text).toBe("Bearer for-default");
    await Promise.all(Array.from({ length: 1_000 }, () => host.getRuntimeAuth("test-provider")));
    expect(provider.calls.prepareRuntimeAuth).toBe(1);

    clock.advance(11 * MINUTE);
    await Promise.all(Array.from({ length: 1_000 }, () => host.getRuntimeAuth("test-provider")));
    expect(provider.calls.prepareRuntimeAuth).toBe(2);

    provider.lastStreamContext!.invalidateAuth({});
    await host.getRuntimeAuth("test-provider");
    expect(provider.calls.prepareRuntimeAuth).toBe(3);
    expect(await host.getRuntimeAuth("test-provider", { region: "eu-west-1" })).toMatchObject({ headers: { authorization: "Bearer for-eu-west-1" } });
  });

  it("classifies a failing prepareRuntimeAuth and names an unknown provider", async () => {
    const provider = createTestProvider({
      prepareRuntimeAuth: async () => {
        throw new Error("credential chain exhausted");
      },
    });
    const host = await createHost({ config: {}, plugins: [pluginOf("p", provider)], logger: createRecordingLogger() });
    await expect(host.getRuntimeAuth("test-provider")).rejects.toMatchObject({ code: "unavailable", message: "credential chain exhausted", provider: "test-provider" });
    await expect(host.getRuntimeAuth("nope")).rejects.toMatchObject({ code: "config", message: 'Unknown provider "nope" (loaded: test-provider).' });
  });
});
