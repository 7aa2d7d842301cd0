import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createNodeHttpTransport, type AwsCredentialProvider } from "@bedrock-kit/aws-auth";
import { BedrockKitError, computeUsageCost, type ChatRequest, type FinishEvent, type ModelDefinition, type StreamEvent } from "@bedrock-kit/plugin-host";
import { createMantleProvider, type MantleProvider } from "../src/mantle-provider.js";
import { createTestContext, FAKE_API_KEY, FAKE_CREDENTIALS, readFixture, type TestContext, type TestContextOptions } from "./helpers/mantle-test-context.js";

/** `complete()` end to end with the real adapters and transport; nock stands in for Mantle. */
const ROOT = "https://bedrock-mantle.us-east-1.api.aws";
const REQUEST: ChatRequest = { messages: [{ role: "user", content: "Weather in Paris?" }], maxTokens: 256 };
const JSON_HEADERS = { "content-type": "application/json", "x-amzn-requestid": "req-json" };
const ERROR_HEADERS = { "content-type": "application/json" };
const SSE_HEADERS = { "content-type": "text/event-stream", "x-amzn-requestid": "req-sse" };
const fakeCredentials: AwsCredentialProvider = () => Promise.resolve({ ...FAKE_CREDENTIALS });

const CHAT_COMPLETION = {
  id: "chatcmpl-1",
  object: "chat.completion",
  choices: [
    {
      index: 0,
      message: {
        role: "assistant",
        content: "Checking.",
        reasoning_content: "The user wants weather.",
        tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } }],
      },
      finish_reason: "tool_calls",
    },
  ],
  usage: { prompt_tokens: 1_000_000, completion_tokens: 1_000_000, prompt_tokens_details: { cached_tokens: 0 } },
};

function setup(options: TestContextOptions = {}) {
  const sleeps: number[] = [];
  const provider = createMantleProvider({
    credentialProviderFactory: () => fakeCredentials,
    transport: createNodeHttpTransport(),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0,
  });
  const context = createTestContext(provider, { env: { AWS_BEARER_TOKEN_BEDROCK: FAKE_API_KEY }, ...options });
  return { provider, context, sleeps };
}

type Sent = { headers: Record<string, unknown>; body: Record<string, unknown> };
type Reply = [number, string | object, Record<string, string>];

/** Answer one POST to `path` with `reply`, recording what was sent. */
function answerOnce(path: string, reply: () => Reply): Sent[] {
  const sent: Sent[] = [];
  nock(ROOT)
    .post(path)
    .reply(function record(_uri, body) {
      sent.push({ headers: this.req.headers, body: (typeof body === "string" ? JSON.parse(body) : body) as Record<string, unknown> });
      return reply();
    });
  return sent;
}

/** A Chat Completions answer in the form the request asked for: SSE for a stream, JSON otherwise. */
function chatAnswer(_uri: string, body: nock.Body): Reply {
  return (body as { stream?: boolean }).stream === true
    ? [200, readFixture("sse/chat-completions/plain-text.sse.txt"), SSE_HEADERS]
    : [200, CHAT_COMPLETION, JSON_HEADERS];
}

/** One call either way; both reject before any output on the failures tested here. */
async function callFinish(mode: "stream" | "complete", provider: MantleProvider, model: ModelDefinition, context: TestContext): Promise<FinishEvent> {
  if (mode === "complete") return (await provider.complete(model, REQUEST, context)).finish;
  const events: StreamEvent[] = [];
  for await (const event of provider.stream(model, REQUEST, context)) events.push(event);
  const last = events.at(-1);
  if (last?.type !== "finish") throw new Error(`stream ended with ${last?.type}`);
  return last;
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("complete over the wire: one non-streaming request per API", () => {
  it("Chat Completions: sends stream: false and returns text, reasoning, tool calls, usage, cost and metadata", async () => {
    const { provider, context } = setup();
    const sent = answerOnce("/v1/chat/completions", () => {
      context.clock.advance(250);
      return [200, CHAT_COMPLETION, JSON_HEADERS];
    });
    const model = provider.describeModel("gpt-oss-120b", context);
    const result = await provider.complete(model, REQUEST, context);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.body).toMatchObject({ model: "openai.gpt-oss-120b", stream: false });
    expect(sent[0]!.body).not.toHaveProperty("stream_options");
    expect(sent[0]!.headers.accept).toBe("application/json");
    expect(result.text).toBe("Checking.");
    expect(result.reasoning).toBe("The user wants weather.");
    expect(result.toolCalls).toEqual([{ id: "call_1", name: "get_weather", arguments: { city: "Paris" } }]);
    const usage = { input: 1_000_000, output: 1_000_000, cacheRead: 0, cacheWrite: 0 };
    const cost = computeUsageCost(usage, model.cost);
    expect(cost).toBeDefined();
    expect(result.finish).toMatchObject({ type: "finish", reason: "tool-calls", usage: { ...usage, cost } });
    expect(result.finish.metadata).toEqual({
      provider: "amazon-bedrock-mantle",
      api: "openai-completions",
      wireId: "openai.gpt-oss-120b",
      region: "us-east-1",
      requestId: "req-json",
      attempts: 1,
      surfaceFallback: false,
      latencyMs: 250,
    });
  });

  it("Responses: sends stream: false, store: false and returns the answer with its response id", async () => {
    const sent = answerOnce("/openai/v1/responses", () => [
      200,
      {
        id: "resp_42",
        object: "response",
        status: "completed",
        output: [
          { id: "rs_1", type: "reasoning", summary: [{ type: "summary_text", text: "Look it up." }] },
          { id: "msg_1", type: "message", role: "assistant", content: [{ type: "output_text", text: "Let me check.", annotations: [] }] },
          { id: "fc_1", type: "function_call", call_id: "call_9", name: "get_weather", arguments: '{"city":"Paris"}' },
        ],
        usage: { input_tokens: 120, input_tokens_details: { cached_tokens: 20 }, output_tokens: 30 },
      },
      JSON_HEADERS,
    ]);
    const { provider, context } = setup();
    const model = provider.describeModel("gpt-5.5", context);
    const result = await provider.complete(model, REQUEST, context);
    expect(sent[0]!.body).toMatchObject({ model: "openai.gpt-5.5", stream: false, store: false });
    expect(result).toMatchObject({ text: "Let me check.", reasoning: "Look it up.", toolCalls: [{ id: "call_9", name: "get_weather", arguments: { city: "Paris" } }] });
    const usage = { input: 100, output: 30, cacheRead: 20, cacheWrite: 0 };
    expect(result.finish).toMatchObject({ reason: "tool-calls", usage: { ...usage, cost: computeUsageCost(usage, model.cost) } });
    expect(result.finish.metadata).toMatchObject({ api: "openai-responses", wireId: "openai.gpt-5.5", responseId: "resp_42", requestId: "req-json", attempts: 1 });
  });

  it("Anthropic Messages: sends stream: false with the anthropic. id and version header", async () => {
    const sent = answerOnce("/anthropic/v1/messages", () => [
      200,
      {
        id: "msg_1",
        type: "message",
        role: "assistant",
        content: [
          { type: "text", text: "Calling the tool." },
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
        ],
        stop_reason: "tool_use",
        usage: { input_tokens: 10, output_tokens: 30, cache_read_input_tokens: 5, cache_creation_input_tokens: 2 },
      },
      { "content-type": "application/json", "request-id": "req-anthropic" },
    ]);
    const { provider, context } = setup();
    const model = provider.describeModel("claude-sonnet-4.6", context);
    const result = await provider.complete(model, REQUEST, context);
    expect(sent[0]!.headers["anthropic-version"]).toBe("2023-06-01");
    expect(sent[0]!.body).toMatchObject({ model: "anthropic.claude-sonnet-4-6", stream: false });
    expect(result).toMatchObject({ text: "Calling the tool.", toolCalls: [{ id: "toolu_1", name: "get_weather", arguments: { city: "Paris" } }] });
    const usage = { input: 10, output: 30, cacheRead: 5, cacheWrite: 2 };
    expect(result.finish).toMatchObject({ reason: "tool-calls", usage: { ...usage, cost: computeUsageCost(usage, model.cost) } });
    expect(result.finish.metadata).toMatchObject({ api: "anthropic-messages", wireId: "anthropic.claude-sonnet-4-6", requestId: "req-anthropic", attempts: 1 });
  });
});

// One attempt loop serves both paths; each case runs both ways against the same wire.
describe.each(["stream", "complete"] as const)("%s over the wire: the provider's call handling", (mode) => {
  it("falls back from a route error to the other surface and learns it", async () => {
    const scope = nock(ROOT)
      .post("/v1/chat/completions")
      .reply(400, readFixture("errors/route-not-supported-on-this-route-400.json"), ERROR_HEADERS)
      .post("/openai/v1/chat/completions")
      .times(2)
      .reply(chatAnswer);
    const { provider, context } = setup();
    const model = provider.describeModel("acme.new-model", context);
    await expect(callFinish(mode, provider, model, context)).resolves.toMatchObject({ metadata: { surfaceFallback: true, attempts: 2, api: "openai-completions" } });
    await expect(callFinish(mode, provider, model, context)).resolves.toMatchObject({ metadata: { surfaceFallback: false, attempts: 1 } });
    expect(scope.isDone()).toBe(true);
  });

  it("evicts a rejected minted token on 401 and retries once with fresh auth", async () => {
    const authorizations: string[] = [];
    nock(ROOT)
      .post("/v1/chat/completions")
      .times(2)
      .reply(function reply(uri, body) {
        authorizations.push(String(this.req.headers.authorization));
        return authorizations.length === 1 ? [401, readFixture("errors/invalid-or-expired-key-401.json"), ERROR_HEADERS] : chatAnswer(uri, body);
      });
    const { provider, context } = setup({ env: {} });
    await expect(callFinish(mode, provider, provider.describeModel("gpt-oss-120b", context), context)).resolves.toMatchObject({ metadata: { attempts: 2 } });
    expect(authorizations).toHaveLength(2);
    expect(authorizations.every((value) => value.startsWith("Bearer bedrock-api-key-"))).toBe(true);
    expect(context.invalidations()).toBe(1);
    expect(context.prepareCount()).toBe(2);
  });

  it("refreshes auth only once: a second 401 rejects with the auth error", async () => {
    const scope = nock(ROOT).post("/v1/chat/completions").times(2).reply(401, readFixture("errors/invalid-or-expired-key-401.json"), ERROR_HEADERS);
    const { provider, context } = setup({ env: {} });
    await expect(callFinish(mode, provider, provider.describeModel("gpt-oss-120b", context), context)).rejects.toMatchObject({
      code: "auth",
      status: 401,
      metadata: { attempts: 2 },
    });
    expect(context.invalidations()).toBe(1);
    expect(scope.isDone()).toBe(true);
  });

  it("retries a 503 after its Retry-After, then answers with attempts = 2", async () => {
    const scope = nock(ROOT)
      .post("/v1/chat/completions")
      .reply(503, readFixture("errors/bare-string-error-500.json"), { ...ERROR_HEADERS, "retry-after": "2", "x-amzn-requestid": "req-503" })
      .post("/v1/chat/completions")
      .reply(chatAnswer);
    const { provider, context, sleeps } = setup();
    const finish = await callFinish(mode, provider, provider.describeModel("gpt-oss-120b", context), context);
    expect(finish.metadata).toMatchObject({ attempts: 2, requestId: mode === "stream" ? "req-sse" : "req-json" });
    expect(sleeps).toEqual([2000]);
    expect(scope.isDone()).toBe(true);
  });

  it("rejects a request Mantle refuses with the classified error, without retrying", async () => {
    const scope = nock(ROOT)
      .post("/v1/chat/completions")
      .reply(400, readFixture("errors/temperature-unsupported-400.json"), { ...ERROR_HEADERS, "x-amzn-requestid": "req-400" });
    const { provider, context, sleeps } = setup();
    const failure = await callFinish(mode, provider, provider.describeModel("gpt-oss-120b", context), context).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(BedrockKitError);
    expect(failure).toMatchObject({
      status: 400,
      retryable: false,
      provider: "amazon-bedrock-mantle",
      requestId: "req-400",
      metadata: { attempts: 1, api: "openai-completions", wireId: "openai.gpt-oss-120b" },
    });
    expect(sleeps).toEqual([]);
    expect(scope.isDone()).toBe(true);
  });
});
