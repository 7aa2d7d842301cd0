import { BedrockKitError, type StreamEvent } from "@bedrock-kit/plugin-host";
import { describe, expect, it } from "vitest";
import { createHost } from "../src/index.js";
import { createRecordingLogger, createTestProvider, echoStream, pluginOf, type TestProviderOptions } from "./helpers/test-providers.js";

const REQUEST = { messages: [{ role: "user" as const, content: "hi" }] };

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const collected: StreamEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

const hostWith = (stream: TestProviderOptions["stream"]) => {
  const provider = createTestProvider({ stream });
  return createHost({ config: {}, plugins: [pluginOf("p", provider)], logger: createRecordingLogger() }).then((host) => ({ host, provider }));
};

describe("host.stream", () => {
  it("passes the provider's events through, with the signal and auth access in the stream context", async () => {
    const { host, provider } = await hostWith(undefined);
    const controller = new AbortController();
    const events = await collect(host.stream("test-provider/alpha", REQUEST, { signal: controller.signal }));
    expect(events.map((event) => event.type)).toEqual(["start", "text-delta", "text-delta", "finish"]);
    const context = provider.lastStreamContext!;
    expect(context.signal).toBe(controller.signal);
    expect(typeof context.getAuth).toBe("function");
    expect(typeof context.invalidateAuth).toBe("function");
    expect(context.config).toMatchObject({ region: "test-region-1" });
  });

  it("rejects before the first event with the provider's classification", async () => {
    const { host } = await hostWith(() =>
      (async function* () {
        throw new Error("socket hang up");
      })(),
    );
    await expect(collect(host.stream("test-provider/alpha", REQUEST))).rejects.toMatchObject({ code: "unavailable", message: "socket hang up", provider: "test-provider" });
  });

  it("turns a throw after the first event into one terminal error event", async () => {
    const { host } = await hostWith((model) =>
      (async function* () {
        yield { type: "start" as const, model: model.wireId, api: model.api };
        throw new BedrockKitError({ code: "stream-corrupt", message: "bad frame", hint: "retry" });
      })(),
    );
    const events = await collect(host.stream("test-provider/alpha", REQUEST));
    expect(events.map((event) => event.type)).toEqual(["start", "error"]);
    expect(events[1]).toMatchObject({ type: "error", error: { code: "stream-corrupt", provider: "test-provider" } });
  });

  it("closes the provider's stream when the caller stops early", async () => {
    let closed = false;
    const { host } = await hostWith((model) =>
      (async function* () {
        try {
          yield* echoStream(model);
        } finally {
          closed = true;
        }
      })(),
    );
    for await (const event of host.stream("test-provider/alpha", REQUEST)) if (event.type === "text-delta") break;
    expect(closed).toBe(true);
  });

  it("rejects a call whose signal is already aborted, and an unknown model, before calling the provider", async () => {
    const { host, provider } = await hostWith(undefined);
    const controller = new AbortController();
    controller.abort();
    await expect(collect(host.stream("test-provider/alpha", REQUEST, { signal: controller.signal }))).rejects.toMatchObject({ code: "aborted" });
    await expect(collect(host.stream("test-provider/nope", REQUEST))).rejects.toMatchObject({ code: "config" });
    expect(provider.calls.stream).toBe(0);
  });
});

describe("host.complete", () => {
  it("collects the stream into text and the finish event", async () => {
    const { host } = await hostWith(undefined);
    const result = await host.complete("test-provider/beta", REQUEST);
    expect(result).toMatchObject({ text: "hello world", reasoning: "", toolCalls: [], finish: { type: "finish", reason: "stop" } });
  });

  it("rejects with the error of an error event", async () => {
    const { host } = await hostWith((model) =>
      (async function* () {
        yield { type: "start" as const, model: model.wireId, api: model.api };
        yield { type: "error" as const, error: new BedrockKitError({ code: "throttled", message: "slow down", hint: "retry later" }) };
      })(),
    );
    await expect(host.complete("test-provider/alpha", REQUEST)).rejects.toMatchObject({ code: "throttled" });
  });
});

describe("host.doctor", () => {
  it("returns every provider's report, and a failing check for a provider that throws, hangs or answers nonsense", async () => {
    const host = await createHost({
      config: { catalogTimeoutMs: 100 },
      plugins: [
        pluginOf(
          "p",
          createTestProvider({ id: "healthy" }),
          createTestProvider({ id: "throws", preflight: async () => Promise.reject(new BedrockKitError({ code: "auth", message: "no key", hint: "set KEY" })) }),
          createTestProvider({ id: "hangs", preflight: () => new Promise(() => {}) }),
          createTestProvider({ id: "nonsense", preflight: async () => "ok" as never }),
        ),
      ],
      logger: createRecordingLogger(),
    });
    const reports = await host.doctor();
    expect(reports.map((report) => [report.provider, report.checks.map((check) => check.status)])).toEqual([
      ["healthy", ["ok"]],
      ["throws", ["fail"]],
      ["hangs", ["fail"]],
      ["nonsense", ["fail"]],
    ]);
    expect(reports[1]!.checks[0]).toEqual({ name: "preflight", status: "fail", detail: "[auth] no key", hint: "set KEY", code: "auth" });
    expect(reports[2]!.checks[0]!.detail).toBe("[timeout] The preflight of hangs did not finish within 100 ms.");
  });
});
