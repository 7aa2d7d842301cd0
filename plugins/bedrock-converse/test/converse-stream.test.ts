import { BedrockKitError, collectCompletion, type StreamEvent } from "@bedrock-kit/plugin-host";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createConverseProvider, type ConverseWireFunctions } from "../src/converse-provider.js";
import { createFakeConverseWire, type FakeWireCall } from "./helpers/fake-converse-wire.js";
import { createTestHarness } from "./helpers/converse-test-context.js";
import { readConverseFixture } from "./helpers/read-fixture.js";

const EU_RUNTIME = "https://bedrock-runtime.eu-west-1.amazonaws.com";
const BEARER_ENV = { AWS_BEARER_TOKEN_BEDROCK: "test-bearer-key-not-real" }; // pragma: allowlist secret
const hello = { messages: [{ role: "user" as const, content: "hi" }] };

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

function validationError(fixture: string): [number, string, Record<string, string>] {
  return [400, readConverseFixture(`errors/${fixture}`), { "x-amzn-errortype": "ValidationException:http://internal.amazon.com/coral/com.amazon.bedrock/", "x-amzn-requestid": `req-${fixture}` }];
}

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const all: StreamEvent[] = [];
  for await (const event of events) all.push(event);
  return all;
}

/** A provider whose configured model is the base id, which Bedrock refuses on demand. */
async function baseIdSetup(calls: FakeWireCall[] = [], wire: ConverseWireFunctions = createFakeConverseWire(calls)) {
  const provider = createConverseProvider({ wire });
  const harness = createTestHarness(provider, {
    env: BEARER_ENV,
    config: { region: "eu-west-1", models: [{ id: "anthropic.claude-sonnet-4-6", wireId: "anthropic.claude-sonnet-4-6" }] },
  });
  const model = (await provider.catalog(harness.context))!.models.find((entry) => entry.id === "anthropic.claude-sonnet-4-6")!;
  return { provider, harness, model };
}

describe("stream()", () => {
  it("retries once with the region's inference profile when on-demand throughput is refused, and says so", async () => {
    const calls: FakeWireCall[] = [];
    const { provider, harness, model } = await baseIdSetup(calls);
    expect(model).toMatchObject({ wireId: "anthropic.claude-sonnet-4-6", source: "config" });
    nock(EU_RUNTIME)
      .post("/model/anthropic.claude-sonnet-4-6/converse-stream")
      .reply(...validationError("on-demand-throughput-unsupported.json"))
      .post("/model/eu.anthropic.claude-sonnet-4-6/converse-stream")
      .reply(200, "", { "x-amzn-requestid": "req-eu-ok" });

    const events = await collect(provider.stream(model, hello, harness.context));
    expect(calls.map((call) => call.wireId)).toEqual(["anthropic.claude-sonnet-4-6", "eu.anthropic.claude-sonnet-4-6"]);
    // One start, with the id that worked.
    expect(events.filter((event) => event.type === "start")).toEqual([{ type: "start", model: "eu.anthropic.claude-sonnet-4-6", api: "bedrock-converse-stream" }]);
    const finish = events.at(-1);
    expect(finish).toMatchObject({
      type: "finish",
      reason: "stop",
      metadata: {
        provider: "amazon-bedrock",
        api: "bedrock-converse-stream",
        wireId: "eu.anthropic.claude-sonnet-4-6",
        region: "eu-west-1",
        attempts: 2,
        surfaceFallback: false,
        requestId: "req-eu-ok",
      },
    });
    if (finish?.type !== "finish") throw new Error("no finish");
    // eu. is a geography profile: 1.1 x (3 input, 15 output) per million.
    expect(finish.usage.cost).toBeCloseTo((1000 * 3.3 + 500 * 16.5) / 1_000_000, 12);
    expect(finish.metadata?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(finish.metadata?.timeToFirstTokenMs).toBeGreaterThanOrEqual(0);
    const notice = harness.logs.find((line) => line.message.includes("retrying as inference profile"));
    expect(notice?.message).toContain('wireId: "eu.anthropic.claude-sonnet-4-6"');
  });

  it("moves on to global. when the geography has no profile for the model", async () => {
    const calls: FakeWireCall[] = [];
    const { provider, harness, model } = await baseIdSetup(calls);
    nock(EU_RUNTIME)
      .post("/model/anthropic.claude-sonnet-4-6/converse-stream")
      .reply(...validationError("on-demand-throughput-unsupported.json"))
      .post("/model/eu.anthropic.claude-sonnet-4-6/converse-stream")
      .reply(...validationError("invalid-model-identifier.json"))
      .post("/model/global.anthropic.claude-sonnet-4-6/converse-stream")
      .reply(200, "");
    const result = await collectCompletion(provider.stream(model, hello, harness.context));
    expect(calls.map((call) => call.wireId)).toEqual(["anthropic.claude-sonnet-4-6", "eu.anthropic.claude-sonnet-4-6", "global.anthropic.claude-sonnet-4-6"]);
    expect(result.finish.metadata).toMatchObject({ attempts: 3, wireId: "global.anthropic.claude-sonnet-4-6" });
    // global. bills the base rate.
    expect(result.finish.usage.cost).toBeCloseTo((1000 * 3 + 500 * 15) / 1_000_000, 12);
  });

  it("does not retry an invalid identifier the user chose; it rejects before the first event with a hint", async () => {
    const calls: FakeWireCall[] = [];
    const provider = createConverseProvider({ wire: createFakeConverseWire(calls) });
    const harness = createTestHarness(provider, { env: BEARER_ENV, config: { region: "eu-west-1", models: [{ id: "typo", wireId: "anthropic.claude-sonet-4-6" }] } });
    const model = (await provider.catalog(harness.context))!.models.find((entry) => entry.id === "typo")!;
    nock(EU_RUNTIME).post("/model/anthropic.claude-sonet-4-6/converse-stream").reply(...validationError("invalid-model-identifier.json"));
    const iterator = provider.stream(model, hello, harness.context)[Symbol.asyncIterator]();
    const failure = await iterator.next().catch((error: unknown) => error);
    expect(BedrockKitError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ code: "model-not-found", requestId: "req-invalid-model-identifier.json", provider: "amazon-bedrock" });
    expect((failure as BedrockKitError).metadata).toMatchObject({ attempts: 1, wireId: "anthropic.claude-sonet-4-6", region: "eu-west-1" });
    expect(calls).toHaveLength(1);
  });

  it("rejects a Mantle-only bearer key with the hint to pin aws-sigv4, without retrying", async () => {
    const calls: FakeWireCall[] = [];
    const { provider, harness, model } = await baseIdSetup(calls);
    nock(EU_RUNTIME)
      .post("/model/anthropic.claude-sonnet-4-6/converse-stream")
      .reply(403, readConverseFixture("errors/access-denied-call-with-bearer-token.json"), { "x-amzn-errortype": "AccessDeniedException:http://x/" });
    await expect(collect(provider.stream(model, hello, harness.context))).rejects.toMatchObject({
      code: "access-denied",
      hint: expect.stringContaining('auth.credentials: ["aws-sigv4"]'),
    });
    expect(calls).toHaveLength(1);
  });

  it("turns a failure after the first event into one terminal error event", async () => {
    const wire: ConverseWireFunctions = {
      async *streamConverse(input) {
        yield { type: "start", model: input.model.wireId, api: "bedrock-converse-stream" };
        yield { type: "text-delta", index: 0, text: "partial" };
        throw new BedrockKitError({ code: "unavailable", message: "socket hang up", hint: "retry" });
      },
      completeConverse: () => Promise.reject(new Error("unused")),
    };
    const provider = createConverseProvider({ wire });
    const harness = createTestHarness(provider, { env: BEARER_ENV });
    const model = (await provider.catalog(harness.context))!.models[0]!;
    const events = await collect(provider.stream(model, hello, harness.context));
    expect(events.map((event) => event.type)).toEqual(["start", "text-delta", "error"]);
    const last = events[2];
    if (last?.type !== "error") throw new Error("no error event");
    expect(last.error).toMatchObject({ code: "unavailable", provider: "amazon-bedrock" });
    expect(last.metadata).toMatchObject({ wireId: "us.anthropic.claude-sonnet-4-6", attempts: 1 });
  });

  it("reports a stream that ends without finish or error as stream-corrupt", async () => {
    const wire: ConverseWireFunctions = {
      async *streamConverse(input) {
        yield { type: "start", model: input.model.wireId, api: "bedrock-converse-stream" };
        yield { type: "text-delta", index: 0, text: "cut" };
      },
      completeConverse: () => Promise.reject(new Error("unused")),
    };
    const provider = createConverseProvider({ wire });
    const harness = createTestHarness(provider, { env: BEARER_ENV });
    const model = (await provider.catalog(harness.context))!.models[0]!;
    const events = await collect(provider.stream(model, hello, harness.context));
    expect(events.at(-1)).toMatchObject({ type: "error", error: { code: "stream-corrupt" } });
  });

  it("serves next() calls made without waiting in order, opens nothing when returned first, releases the wire on early exit", async () => {
    const closed: string[] = [];
    let opened = 0;
    const wire: ConverseWireFunctions = {
      async *streamConverse(input) {
        opened += 1;
        try {
          yield { type: "start", model: input.model.wireId, api: "bedrock-converse-stream" };
          yield { type: "text-delta", index: 0, text: "a" };
          yield { type: "text-delta", index: 0, text: "b" };
          yield { type: "finish", reason: "stop", usage: { input: 1, output: 2, cacheRead: 0, cacheWrite: 0 } };
        } finally {
          closed.push(input.model.wireId);
        }
      },
      completeConverse: () => Promise.reject(new Error("unused")),
    };
    const provider = createConverseProvider({ wire });
    const harness = createTestHarness(provider, { env: BEARER_ENV });
    const model = (await provider.catalog(harness.context))!.models[0]!;

    const unopened = provider.stream(model, hello, harness.context)[Symbol.asyncIterator]();
    expect(await unopened.return!()).toEqual({ value: undefined, done: true });
    expect(await unopened.next()).toEqual({ value: undefined, done: true });
    expect(opened).toBe(0);

    const all = provider.stream(model, hello, harness.context)[Symbol.asyncIterator]();
    const results = await Promise.all([all.next(), all.next(), all.next(), all.next(), all.next()]);
    expect(results.map((result) => (result.done ? "done" : result.value.type))).toEqual(["start", "text-delta", "text-delta", "finish", "done"]);
    expect(results[3]).toMatchObject({ value: { metadata: { attempts: 1, timeToFirstTokenMs: expect.any(Number) } } });
    expect(closed).toHaveLength(1);

    const early = provider.stream(model, hello, harness.context)[Symbol.asyncIterator]();
    expect((await early.next()).value).toMatchObject({ type: "start" });
    expect((await early.next()).value).toMatchObject({ type: "text-delta", text: "a" });
    expect(await early.return!()).toEqual({ value: undefined, done: true });
    expect(closed).toHaveLength(2);
    expect(await early.next()).toEqual({ value: undefined, done: true });
  });

  it("leaves usage.cost undefined for a model without known prices", async () => {
    const provider = createConverseProvider({ wire: createFakeConverseWire() });
    const harness = createTestHarness(provider, { env: BEARER_ENV, config: { models: [{ id: "vendor.new-model-v1:0" }] } });
    const model = (await provider.catalog(harness.context))!.models.find((entry) => entry.id === "vendor.new-model-v1:0")!;
    expect(model).toMatchObject({ defaultsAssumed: true, source: "config" });
    nock("https://bedrock-runtime.us-east-1.amazonaws.com").post("/model/vendor.new-model-v1%3A0/converse-stream").reply(200, "");
    const result = await collectCompletion(provider.stream(model, hello, harness.context));
    expect(result.finish.usage).toEqual({ input: 1000, output: 500, cacheRead: 0, cacheWrite: 0 });
    expect("cost" in result.finish.usage).toBe(false);
  });

  it("drops cached auth after a 401 so the next call prepares it anew", async () => {
    const provider = createConverseProvider({ wire: createFakeConverseWire() });
    const harness = createTestHarness(provider, { env: BEARER_ENV });
    const model = (await provider.catalog(harness.context))!.models[0]!;
    const before = harness.authPreparations();
    nock("https://bedrock-runtime.us-east-1.amazonaws.com")
      .post("/model/us.anthropic.claude-sonnet-4-6/converse-stream")
      .reply(401, '{"message":"The security token included in the request is invalid."}', { "x-amzn-errortype": "UnrecognizedClientException" })
      .post("/model/us.anthropic.claude-sonnet-4-6/converse-stream")
      .reply(200, "");
    await expect(collect(provider.stream(model, hello, harness.context))).rejects.toMatchObject({ code: "auth" });
    await collectCompletion(provider.stream(model, hello, harness.context));
    expect(harness.authPreparations()).toBe(before + 1);
  });
});

describe("complete()", () => {
  it("recovers like stream() and returns the completion with cost and metadata", async () => {
    const calls: FakeWireCall[] = [];
    const { provider, harness, model } = await baseIdSetup(calls);
    nock(EU_RUNTIME)
      .post("/model/anthropic.claude-sonnet-4-6/converse")
      .reply(...validationError("on-demand-throughput-unsupported.json"))
      .post("/model/eu.anthropic.claude-sonnet-4-6/converse")
      .reply(200, "{}", { "x-amzn-requestid": "req-complete" });
    const result = await provider.complete(model, hello, harness.context);
    expect(result.text).toBe("Hello there");
    expect(result.finish.metadata).toMatchObject({ attempts: 2, wireId: "eu.anthropic.claude-sonnet-4-6", requestId: "req-complete" });
    expect(result.finish.usage.cost).toBeGreaterThan(0);
    expect(calls.map((call) => call.path)).toEqual(["/model/anthropic.claude-sonnet-4-6/converse", "/model/eu.anthropic.claude-sonnet-4-6/converse"]);
  });
});
