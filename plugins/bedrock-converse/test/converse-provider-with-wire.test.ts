import { EventStreamCodec } from "@smithy/eventstream-codec";
import { collectCompletion } from "@bedrock-kit/plugin-host";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import converse from "../src/index.js";
import { createConverseProvider, type ConverseProvider } from "../src/converse-provider.js";
import { createTestHarness } from "./helpers/converse-test-context.js";
import { readConverseFixture } from "./helpers/read-fixture.js";

const codec = new EventStreamCodec(
  (bytes) => new TextDecoder().decode(bytes),
  (text) => new TextEncoder().encode(text),
);

/** One ConverseStream event frame, as Bedrock sends it. */
function frame(eventType: string, payload: Record<string, unknown>): Uint8Array {
  return codec.encode({
    headers: {
      ":message-type": { type: "string", value: "event" },
      ":event-type": { type: "string", value: eventType },
      ":content-type": { type: "string", value: "application/json" },
    },
    body: new TextEncoder().encode(JSON.stringify({ ...payload, p: "abcdefghijklmnopqrstuvwxyz" })),
  });
}

function textStream(text: string): Buffer {
  return Buffer.concat([
    frame("messageStart", { role: "assistant" }),
    frame("contentBlockDelta", { contentBlockIndex: 0, delta: { text } }),
    frame("contentBlockStop", { contentBlockIndex: 0 }),
    frame("messageStop", { stopReason: "end_turn" }),
    frame("metadata", { usage: { inputTokens: 12, outputTokens: 4, totalTokens: 16 }, metrics: { latencyMs: 120 } }),
  ]);
}

const EVENTSTREAM = { "content-type": "application/vnd.amazon.eventstream" };

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

describe("the provider with the real wire code", () => {
  it("registers provider amazon-bedrock from the default export", () => {
    const providers: ConverseProvider[] = [];
    converse.register({ registerProvider: (provider) => void providers.push(provider as ConverseProvider) });
    expect(converse.id).toBe("bedrock-converse");
    expect(providers.map((provider) => provider.id)).toEqual(["amazon-bedrock"]);
  });

  it("streams a ConverseStream answer end to end, with cost and metadata", async () => {
    const provider = createConverseProvider();
    const harness = createTestHarness(provider, { env: { AWS_BEARER_TOKEN_BEDROCK: "test-bearer-key-not-real" } }); // pragma: allowlist secret
    const model = (await provider.catalog(harness.context))!.models[0]!;
    nock("https://bedrock-runtime.us-east-1.amazonaws.com")
      .post("/model/us.anthropic.claude-sonnet-4-6/converse-stream")
      .reply(200, textStream("Bonjour"), { ...EVENTSTREAM, "x-amzn-requestid": "req-e2e" });
    const result = await collectCompletion(provider.stream(model, { messages: [{ role: "user", content: "Say hello in French" }], maxTokens: 64 }, harness.context));
    expect(result.text).toBe("Bonjour");
    expect(result.finish).toMatchObject({
      reason: "stop",
      usage: { input: 12, output: 4 },
      metadata: { requestId: "req-e2e", wireId: "us.anthropic.claude-sonnet-4-6", attempts: 1, region: "us-east-1" },
    });
    expect(result.finish.usage.cost).toBeCloseTo((12 * 3.3 + 4 * 16.5) / 1_000_000, 12);
  });

  it("recovers from the on-demand refusal with the real wire's first-byte rejection", async () => {
    const provider = createConverseProvider();
    const harness = createTestHarness(provider, {
      env: { AWS_BEARER_TOKEN_BEDROCK: "test-bearer-key-not-real" }, // pragma: allowlist secret
      config: { region: "ap-northeast-1", models: [{ id: "claude", wireId: "anthropic.claude-sonnet-4-6" }] },
    });
    const model = (await provider.catalog(harness.context))!.models.find((entry) => entry.id === "claude")!;
    nock("https://bedrock-runtime.ap-northeast-1.amazonaws.com")
      .post("/model/anthropic.claude-sonnet-4-6/converse-stream")
      .reply(400, readConverseFixture("errors/on-demand-throughput-unsupported.json"), { "x-amzn-errortype": "ValidationException:http://x/" })
      .post("/model/jp.anthropic.claude-sonnet-4-6/converse-stream")
      .reply(200, textStream("こんにちは"), EVENTSTREAM);
    const events = [];
    for await (const event of provider.stream(model, { messages: [{ role: "user", content: "hello" }] }, harness.context)) events.push(event);
    expect(events[0]).toEqual({ type: "start", model: "jp.anthropic.claude-sonnet-4-6", api: "bedrock-converse-stream" });
    expect(events.filter((event) => event.type === "start")).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ type: "finish", metadata: { attempts: 2, wireId: "jp.anthropic.claude-sonnet-4-6" } });
  });
});
