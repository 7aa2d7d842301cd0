import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeHttpTransport } from "@bedrock-kit/aws-auth";
import { computeUsageCost, type ChatRequest, type Transport } from "@bedrock-kit/plugin-host";
// The emulator is not a dependency of this plugin; tests reach its source directly.
import { startEmulator, type RunningEmulator } from "@bedrock-kit/emulator";
import { createMantleProvider, type MantleProvider } from "../src/mantle-provider.js";
import { createTestContext, type TestContext } from "./helpers/mantle-test-context.js";

/** `complete()` through the provider against the emulator, which answers non-streaming calls on all three routes. */
const KEY_VAR = "EMULATOR_MANTLE_KEY";
const CALLS = [
  { title: "Chat Completions", id: "openai.gpt-oss-120b", api: "openai-completions", path: "/v1/chat/completions" },
  { title: "Responses", id: "openai.gpt-5.5", api: "openai-responses", path: "/openai/v1/responses" },
  { title: "Anthropic Messages", id: "anthropic.claude-sonnet-4-6", api: "anthropic-messages", path: "/anthropic/v1/messages" },
] as const;

let emulator: RunningEmulator;
let provider: MantleProvider;
let context: TestContext;
const sent: Array<{ url: string; body: Record<string, unknown> }> = [];
const sleeps: number[] = [];

beforeAll(async () => {
  emulator = await startEmulator();
  const transport = createNodeHttpTransport();
  const recordingTransport: Transport = (request) => {
    sent.push({ url: request.url, body: JSON.parse(String(request.body ?? "{}")) as Record<string, unknown> });
    return transport(request);
  };
  provider = createMantleProvider({
    transport: recordingTransport,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  context = createTestContext(provider, { config: { baseUrl: emulator.mantleUrl, apiKey: `env:${KEY_VAR}` }, env: { [KEY_VAR]: emulator.apiKey } });
});

afterAll(async () => {
  await emulator?.close();
});

describe("complete() against the emulator", () => {
  it.each(CALLS)("$title: one non-streaming request, answered with text, usage and metadata", async (call) => {
    sent.length = 0;
    const prompt = `echo this ${call.title} prompt back`;
    const request: ChatRequest = { messages: [{ role: "user", content: prompt }], maxTokens: 200 };
    const model = provider.describeModel(call.id, context);
    const result = await provider.complete(model, request, context);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url).toBe(emulator.mantleUrl + call.path);
    expect(sent[0]!.body.stream).toBe(false);
    expect(result.text).toBe(prompt);
    expect(result.finish).toMatchObject({ reason: "stop", metadata: { provider: "amazon-bedrock-mantle", api: call.api, wireId: call.id, attempts: 1, surfaceFallback: false } });
    expect(result.finish.metadata?.requestId).toMatch(/.+/);
    const { cost, ...usage } = result.finish.usage;
    expect(usage.output).toBeGreaterThan(0);
    expect(cost).toBe(computeUsageCost(usage, model.cost));
    expect(cost).toBeGreaterThan(0);
  });

  it("returns the tool call the emulator makes from the prompt", async () => {
    const request: ChatRequest = {
      messages: [{ role: "user", content: "Paris" }],
      tools: [{ name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } }],
      maxTokens: 256,
    };
    const result = await provider.complete(provider.describeModel("anthropic.claude-sonnet-4-6", context), request, context);
    expect(result.toolCalls).toMatchObject([{ name: "get_weather", arguments: { city: "Paris" } }]);
    expect(result.finish.reason).toBe("tool-calls");
  });

  it("retries a throttled call and answers with attempts = 2", async () => {
    const model = provider.describeModel("openai.gpt-oss-120b", context);
    const request: ChatRequest = { messages: [{ role: "user", content: "hi there" }] };
    sleeps.length = 0;
    // Every second request is throttled: the first call passes, the second call's first attempt is throttled.
    emulator.setFaults({ "mantle.chat": { throttleEveryNth: 2 } });
    try {
      await expect(provider.complete(model, request, context)).resolves.toMatchObject({ finish: { metadata: { attempts: 1 } } });
      const retried = await provider.complete(model, request, context);
      expect(retried.text).toBe("hi there");
      expect(retried.finish.metadata?.attempts).toBe(2);
      expect(sleeps).toHaveLength(1);
    } finally {
      emulator.setFaults({});
    }
  });

  it("rejects with the classified error once retries run out", async () => {
    emulator.setFaults({ "mantle.chat": { throttleEveryNth: 1 } });
    try {
      const limited = { ...context, config: { ...context.config, retry: { maxAttempts: 2 } } };
      await expect(provider.complete(provider.describeModel("openai.gpt-oss-120b", context), { messages: [{ role: "user", content: "hi" }] }, limited)).rejects.toMatchObject({
        code: "throttled",
        provider: "amazon-bedrock-mantle",
        metadata: { attempts: 2 },
      });
    } finally {
      emulator.setFaults({});
    }
  });
});
