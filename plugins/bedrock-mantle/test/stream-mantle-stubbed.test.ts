import { describe, expect, it } from "vitest";
import { BedrockKitError, collectCompletion, type ChatRequest, type StreamEvent } from "@bedrock-kit/plugin-host";
import type { MantleCallInput, MantleWireAdapter } from "../src/adapters/mantle-wire-adapter.js";
import { classifyMantleHttpError } from "../src/classify-mantle-http-error.js";
import { createMantleProvider, type MantleWireAdapters } from "../src/mantle-provider.js";
import { createTestContext, FAKE_API_KEY, readFixture, type TestContextOptions } from "./helpers/mantle-test-context.js";

const REQUEST: ChatRequest = { messages: [{ role: "user", content: "Hi" }] };
const ROOT = "https://bedrock-mantle.us-east-1.api.aws";

type Script = (input: MantleCallInput, call: number) => AsyncIterable<StreamEvent>;

/** Adapters that record each call (and which method it used) and answer from a script. */
function scriptedAdapters(script: Script) {
  const calls: MantleCallInput[] = [];
  const methods: Array<"stream" | "complete"> = [];
  const make = (api: MantleWireAdapter["api"]): MantleWireAdapter => ({
    api,
    stream(input) {
      calls.push(input);
      methods.push("stream");
      return script(input, calls.length);
    },
    // As the real adapters do: the same events, collected (a failure rejects).
    complete(input) {
      calls.push(input);
      methods.push("complete");
      return collectCompletion(script(input, calls.length));
    },
  });
  const adapters: MantleWireAdapters = {
    "openai-completions": make("openai-completions"),
    "openai-responses": make("openai-responses"),
    "anthropic-messages": make("anthropic-messages"),
  };
  return { adapters, calls, methods };
}

async function* answer(input: MantleCallInput, text = "Hello"): AsyncGenerator<StreamEvent> {
  yield { type: "start", model: input.model.wireId, api: input.model.api };
  yield { type: "text-delta", index: 0, text };
  yield { type: "finish", reason: "stop", usage: { input: 1_000_000, output: 1_000_000, cacheRead: 0, cacheWrite: 0 }, metadata: { provider: "x", api: input.model.api, wireId: input.model.wireId, attempts: 1, surfaceFallback: false, latencyMs: 1, responseId: "resp_1" } };
}

function failWith(status: number, fixture: string, input: MantleCallInput): AsyncIterable<StreamEvent> {
  return {
    [Symbol.asyncIterator]: () => ({
      next: () => Promise.reject(input.classifyHttpError({ status, headers: { "x-amzn-requestid": `req-${status}` }, bodyText: readFixture(`errors/${fixture}`) })),
    }),
  };
}

function setup(script: Script, options: TestContextOptions = {}) {
  const { adapters, calls, methods } = scriptedAdapters(script);
  const sleeps: number[] = [];
  const provider = createMantleProvider({
    adapters,
    credentialProviderFactory: () => () => Promise.reject(new Error("Could not load credentials from any providers")),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
  });
  const context = createTestContext(provider, { env: { AWS_BEARER_TOKEN_BEDROCK: FAKE_API_KEY }, ...options });
  return { provider, context, calls, methods, sleeps };
}

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const result: StreamEvent[] = [];
  for await (const event of events) result.push(event);
  return result;
}

describe("stream: pass-through", () => {
  it("passes events through and adds metadata and cost to finish", async () => {
    const { provider, context, calls } = setup((input) => answer(input));
    const model = provider.describeModel("claude-opus-4.7", context);
    const events = await collect(provider.stream(model, REQUEST, context));
    expect(events.map((event) => event.type)).toEqual(["start", "text-delta", "finish"]);
    const finish = events[2] as Extract<StreamEvent, { type: "finish" }>;
    expect(finish.usage.cost).toBe(30); // 1M input at $5 + 1M output at $25
    expect(finish.metadata).toMatchObject({
      provider: "amazon-bedrock-mantle",
      api: "anthropic-messages",
      wireId: "anthropic.claude-opus-4-7",
      region: "us-east-1",
      attempts: 1,
      surfaceFallback: false,
      responseId: "resp_1",
    });
    expect(finish.metadata?.timeToFirstTokenMs).toBeDefined();
    expect(calls[0]?.model.baseUrl).toBe(`${ROOT}/anthropic/v1`);
  });

  it("leaves cost undefined for a model without prices", async () => {
    const { provider, context } = setup((input) => answer(input));
    const events = await collect(provider.stream(provider.describeModel("acme.unknown-model-1", context), REQUEST, context));
    const finish = events.at(-1) as Extract<StreamEvent, { type: "finish" }>;
    expect(finish.usage.cost).toBeUndefined();
    expect("cost" in finish.usage).toBe(false);
  });

  it("ends with a stream-corrupt error when the adapter stops without a terminal event", async () => {
    const { provider, context } = setup(async function* (input) {
      yield { type: "start", model: input.model.wireId, api: input.model.api };
    });
    const events = await collect(provider.stream(provider.describeModel("qwen3-32b", context), REQUEST, context));
    expect(events.at(-1)).toMatchObject({ type: "error", error: { code: "stream-corrupt" } });
  });

  it("releases the adapter's stream when the consumer stops early", async () => {
    let released = false;
    const { provider, context } = setup(async function* (input) {
      try {
        yield* answer(input);
      } finally {
        released = true;
      }
    });
    for await (const event of provider.stream(provider.describeModel("qwen3-32b", context), REQUEST, context)) {
      if (event.type === "start") break;
    }
    expect(released).toBe(true);
  });

  it("turns an adapter that throws after the first event into one terminal error event", async () => {
    const { provider, context } = setup(async function* (input) {
      yield { type: "start", model: input.model.wireId, api: input.model.api };
      throw new Error("socket hang up");
    });
    const events = await collect(provider.stream(provider.describeModel("qwen3-32b", context), REQUEST, context));
    expect(events.map((event) => event.type)).toEqual(["start", "error"]);
    expect(events[1]).toMatchObject({ error: { provider: "amazon-bedrock-mantle" }, metadata: { attempts: 1 } });
  });

  it("opens nothing until the first next(), and nothing at all when closed before it", async () => {
    const { provider, context, calls } = setup((input) => answer(input));
    const iterator = provider.stream(provider.describeModel("qwen3-32b", context), REQUEST, context)[Symbol.asyncIterator]();
    expect(calls).toHaveLength(0);
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(calls).toHaveLength(0);
  });

  it("serves next() calls made without waiting in order, then ends after the terminal event", async () => {
    const { provider, context } = setup((input) => answer(input));
    const iterator = provider.stream(provider.describeModel("qwen3-32b", context), REQUEST, context)[Symbol.asyncIterator]();
    const results = await Promise.all([iterator.next(), iterator.next(), iterator.next(), iterator.next()]);
    expect(results.map((result) => (result.done ? "done" : result.value.type))).toEqual(["start", "text-delta", "finish", "done"]);
  });

  it("rejects a Converse-style id before any request", async () => {
    const { provider, context, calls } = setup((input) => answer(input));
    const model = { ...provider.describeModel("claude-opus-4.7", context), wireId: "us.anthropic.claude-opus-4-7" };
    await expect(collect(provider.stream(model, REQUEST, context))).rejects.toMatchObject({ code: "model-not-found" });
    await expect(collect(provider.stream(model, REQUEST, context))).rejects.toThrow(/anthropic\.claude-opus-4-7/);
    expect(calls).toHaveLength(0);
  });
});

describe("stream: route fallback", () => {
  it("retries once on the other surface, marks the fallback and remembers it", async () => {
    const { provider, context, calls } = setup((input, call) =>
      call === 1 ? failWith(400, "route-not-supported-on-this-route-400.json", input) : answer(input),
    );
    // An id the rule table does not know, configured onto /v1 Chat Completions.
    const model = provider.describeModel("acme.new-model", context);
    const events = await collect(provider.stream(model, REQUEST, context));
    expect(calls.map((call) => call.model.baseUrl)).toEqual([`${ROOT}/v1`, `${ROOT}/openai/v1`]);
    expect(events.at(-1)).toMatchObject({ type: "finish", metadata: { surfaceFallback: true, attempts: 2, api: "openai-completions" } });

    await collect(provider.stream(model, REQUEST, context));
    expect(calls[2]?.model.baseUrl).toBe(`${ROOT}/openai/v1`); // learned: straight to the surface that worked
    expect(provider.describeModel("acme.new-model", context).baseUrl).toBe(`${ROOT}/openai/v1`);
  });

  it("keeps learned surfaces per provider instance", async () => {
    const first = setup((input, call) => (call === 1 ? failWith(401, "route-berm-not-enabled-401.json", input) : answer(input)));
    await collect(first.provider.stream(first.provider.describeModel("acme.new-model", first.context), REQUEST, first.context));
    const second = setup((input) => answer(input));
    expect(second.provider.describeModel("acme.new-model", second.context).baseUrl).toBe(`${ROOT}/v1`);
  });

  it("falls back only once, then rejects with the route error", async () => {
    const { provider, context, calls } = setup((input) => failWith(400, "route-not-supported-on-this-route-400.json", input));
    await expect(collect(provider.stream(provider.describeModel("acme.new-model", context), REQUEST, context))).rejects.toMatchObject({
      code: "route-mismatch",
      metadata: { attempts: 2, surfaceFallback: true },
    });
    expect(calls).toHaveLength(2);
  });

  it("sends Claude configured onto Chat Completions back to Messages", async () => {
    const { provider, context, calls } = setup((input, call) =>
      call === 1 ? failWith(400, "route-claude-on-chat-completions-400.json", input) : answer(input),
    );
    const model = { ...provider.describeModel("claude-opus-4.7", context), api: "openai-completions" as const, baseUrl: `${ROOT}/v1` };
    const events = await collect(provider.stream(model, REQUEST, context));
    expect(calls.map((call) => [call.model.api, call.model.baseUrl])).toEqual([
      ["openai-completions", `${ROOT}/v1`],
      ["anthropic-messages", `${ROOT}/anthropic/v1`],
    ]);
    expect(events.at(-1)).toMatchObject({ metadata: { api: "anthropic-messages", surfaceFallback: true } });
  });
});

describe("stream: auth refresh and retries", () => {
  it("re-prepares auth once after a 401 and retries", async () => {
    const { provider, context, calls } = setup((input, call) => (call === 1 ? failWith(401, "invalid-or-expired-key-401.json", input) : answer(input)));
    const events = await collect(provider.stream(provider.describeModel("qwen3-32b", context), REQUEST, context));
    expect(events.at(-1)).toMatchObject({ type: "finish", metadata: { attempts: 2, surfaceFallback: false } });
    expect(context.invalidations()).toBe(1);
    expect(context.prepareCount()).toBe(2);
    expect(calls).toHaveLength(2);
  });

  it("gives up after the second 401 with the regenerate hint", async () => {
    const { provider, context } = setup((input) => failWith(401, "invalid-or-expired-key-401.json", input));
    const error = await collect(provider.stream(provider.describeModel("qwen3-32b", context), REQUEST, context)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "auth", requestId: "req-401", provider: "amazon-bedrock-mantle" });
    expect((error as BedrockKitError).hint).toContain("AWS_BEARER_TOKEN_BEDROCK");
  });

  it("retries 429 with backoff, then succeeds", async () => {
    const { provider, context, sleeps } = setup((input, call) => (call === 1 ? failWith(429, "token-quota-exceeded-429.json", input) : answer(input)));
    const events = await collect(provider.stream(provider.describeModel("qwen3-32b", context), REQUEST, context));
    expect(events.at(-1)).toMatchObject({ type: "finish", metadata: { attempts: 2 } });
    expect(sleeps).toHaveLength(1);
  });

  it("stops retrying transient failures at maxAttempts", async () => {
    const { provider, context, calls } = setup((input) => failWith(503, "bare-string-error-500.json", input), { config: { retry: { maxAttempts: 2 } } });
    await expect(collect(provider.stream(provider.describeModel("qwen3-32b", context), REQUEST, context))).rejects.toMatchObject({ code: "unavailable" });
    expect(calls).toHaveLength(2);
  });

  it("never retries after the first event", async () => {
    const { provider, context, calls } = setup(async function* (input) {
      yield { type: "start", model: input.model.wireId, api: input.model.api };
      yield { type: "error", error: classifyMantleHttpError({ status: 500, headers: {}, bodyText: "{}" }) };
    });
    const events = await collect(provider.stream(provider.describeModel("qwen3-32b", context), REQUEST, context));
    expect(events.at(-1)).toMatchObject({ type: "error", error: { code: "unavailable" }, metadata: { attempts: 1 } });
    expect(calls).toHaveLength(1);
  });

  it("rejects before any request when there is no credential", async () => {
    const { provider, context, calls } = setup((input) => answer(input), { env: {} });
    await expect(collect(provider.stream(provider.describeModel("qwen3-32b", context), REQUEST, context))).rejects.toMatchObject({ code: "auth" });
    expect(calls).toHaveLength(0);
  });
});

describe("complete", () => {
  it("calls the adapter's complete() (never its stream) and decorates finish exactly as stream() does", async () => {
    const { provider, context, methods } = setup((input) => answer(input, "Bonjour"));
    const model = provider.describeModel("claude-opus-4.7", context);
    const result = await provider.complete(model, REQUEST, context);
    expect(methods).toEqual(["complete"]);
    expect(result.text).toBe("Bonjour");
    const streamed = (await collect(provider.stream(model, REQUEST, context))).at(-1) as Extract<StreamEvent, { type: "finish" }>;
    // A non-streaming call has no first token; everything else is the same, cost included.
    const { timeToFirstTokenMs, ...streamedMetadata } = streamed.metadata!;
    expect(timeToFirstTokenMs).toBeDefined();
    expect(result.finish).toEqual({ ...streamed, metadata: streamedMetadata });
    expect(result.finish.usage.cost).toBe(30);
  });

  it("retries a transient failure, waiting as the policy says, and counts the attempts", async () => {
    const { provider, context, calls, sleeps } = setup((input, call) => (call === 1 ? failWith(503, "bare-string-error-500.json", input) : answer(input)));
    const result = await provider.complete(provider.describeModel("qwen3-32b", context), REQUEST, context);
    expect(result.finish.metadata).toMatchObject({ attempts: 2 });
    expect(calls).toHaveLength(2);
    expect(sleeps).toHaveLength(1);
  });

  it("retries a failure the answer itself reports: a non-streaming call has shown nothing yet", async () => {
    const { provider, context, calls } = setup(async function* (input, call) {
      if (call === 1) yield { type: "error", error: classifyMantleHttpError({ status: 500, headers: {}, bodyText: "{}" }) };
      else yield* answer(input);
    });
    const result = await provider.complete(provider.describeModel("qwen3-32b", context), REQUEST, context);
    expect(result.finish.metadata?.attempts).toBe(2);
    expect(calls).toHaveLength(2);
  });

  it("rejects with the classified error and the call's state once retries run out", async () => {
    const { provider, context, calls } = setup((input) => failWith(503, "bare-string-error-500.json", input), { config: { retry: { maxAttempts: 2 } } });
    const failure = await provider.complete(provider.describeModel("qwen3-32b", context), REQUEST, context).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BedrockKitError);
    expect(failure).toMatchObject({ code: "unavailable", provider: "amazon-bedrock-mantle", metadata: { attempts: 2, wireId: "qwen.qwen3-32b" } });
    expect(calls).toHaveLength(2);
  });

  it("sends a continuation to the region that stored the previous response", async () => {
    const { provider, context, calls } = setup((input) => answer(input), { config: { regions: ["us-east-1", "us-west-2"] } });
    const east = provider.describeModel("gpt-5.5", context);
    const west = { ...east, region: "us-west-2", baseUrl: east.baseUrl.replace("us-east-1", "us-west-2") };
    const first = await provider.complete(west, REQUEST, context);
    expect(first.finish.metadata).toMatchObject({ region: "us-west-2", responseId: "resp_1" });
    const continued = await provider.complete(east, { ...REQUEST, previousResponseId: "resp_1" }, context);
    expect(calls[1]?.model).toMatchObject({ region: "us-west-2", baseUrl: "https://bedrock-mantle.us-west-2.api.aws/openai/v1" });
    expect(continued.finish.metadata?.region).toBe("us-west-2");
  });

  it("rejects before any request when there is no credential", async () => {
    const { provider, context, calls } = setup((input) => answer(input), { env: {} });
    await expect(provider.complete(provider.describeModel("qwen3-32b", context), REQUEST, context)).rejects.toMatchObject({ code: "auth" });
    expect(calls).toHaveLength(0);
  });
});
