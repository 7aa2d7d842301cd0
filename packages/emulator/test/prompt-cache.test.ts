import { BedrockRuntimeClient, ConverseCommand, type Message } from "@aws-sdk/client-bedrock-runtime";
import { afterEach, describe, expect, it } from "vitest";
import type { PromptSegment } from "../src/answer/conversation.js";
import { PromptCache } from "../src/answer/prompt-cache.js";
import { defaultEmulatedModels, type RunningEmulator, startEmulator } from "../src/index.js";
import { postJson } from "./helpers.js";

/** `count` words, distinct per `tag` so different prompts never share a prefix by accident. */
function words(count: number, tag: string): string {
  return Array.from({ length: count }, (_, index) => `${tag}${index}`).join(" ");
}

const marked = (text: string, cacheTtlMs?: number): PromptSegment => ({ text, cacheMarker: true, ...(cacheTtlMs ? { cacheTtlMs } : {}) });
const plain = (text: string): PromptSegment => ({ text });

const MODEL = "anthropic.claude-sonnet-4-6";
const FIVE_MINUTES = 5 * 60 * 1000;

describe("PromptCache", () => {
  it("neither writes nor reads a prefix below the minimum, however often it is sent", () => {
    const cache = new PromptCache(1024);
    const segments = [marked(words(1023, "s")), plain("question")];
    expect(cache.use({ modelId: MODEL, segments, nowMs: 0 })).toEqual({ cacheRead: 0, cacheWrite: 0 });
    expect(cache.use({ modelId: MODEL, segments, nowMs: 1 })).toEqual({ cacheRead: 0, cacheWrite: 0 });
  });

  it("writes a prefix that reaches the minimum, then reads it", () => {
    const cache = new PromptCache(1024);
    const segments = [marked(words(1024, "s")), plain("question one")];
    expect(cache.use({ modelId: MODEL, segments, nowMs: 0 })).toEqual({ cacheRead: 0, cacheWrite: 1024 });
    expect(cache.use({ modelId: MODEL, segments, nowMs: 1 })).toEqual({ cacheRead: 1024, cacheWrite: 0 });
  });

  it("caches only the markers past the minimum when earlier ones fall short", () => {
    const cache = new PromptCache(1024);
    const segments = [marked(words(10, "tool")), marked(words(1500, "s")), plain("question")];
    expect(cache.use({ modelId: MODEL, segments, nowMs: 0 })).toEqual({ cacheRead: 0, cacheWrite: 1510 });
    expect(cache.use({ modelId: MODEL, segments: [marked(words(10, "tool")), plain("other")], nowMs: 1 })).toEqual({ cacheRead: 0, cacheWrite: 0 });
  });

  it("lets a model's own minimum override the emulator-wide one", () => {
    const cache = new PromptCache(1024);
    const segments = [marked(words(1500, "s"))];
    expect(cache.use({ modelId: "haiku", segments, nowMs: 0, minCacheTokens: 2048 })).toEqual({ cacheRead: 0, cacheWrite: 0 });
    expect(cache.use({ modelId: "tiny", segments: [marked("two words")], nowMs: 0, minCacheTokens: 0 })).toEqual({ cacheRead: 0, cacheWrite: 2 });
  });

  it("reads the longest earlier checkpoint among the request's markers and writes only the rest", () => {
    const cache = new PromptCache(100);
    const tools = marked(words(200, "tool"));
    const system = marked(words(300, "sys"));
    // First request: tools and system checkpoints.
    expect(cache.use({ modelId: MODEL, segments: [tools, system, plain("hi")], nowMs: 0 })).toEqual({ cacheRead: 0, cacheWrite: 500 });
    // Same tools, different system: only the tools checkpoint matches.
    expect(cache.use({ modelId: MODEL, segments: [tools, marked(words(150, "other")), plain("hi")], nowMs: 1 })).toEqual({ cacheRead: 200, cacheWrite: 150 });
    // Both earlier checkpoints match: the longer one (tools + system) is read, the new turn written.
    const turn = marked(words(50, "turn"));
    expect(cache.use({ modelId: MODEL, segments: [tools, system, turn], nowMs: 2 })).toEqual({ cacheRead: 500, cacheWrite: 50 });
    expect(cache.use({ modelId: MODEL, segments: [tools, system, turn], nowMs: 3 })).toEqual({ cacheRead: 550, cacheWrite: 0 });
  });

  it("reads a previous turn's checkpoint when the marker has moved to the new last message", () => {
    const cache = new PromptCache(100);
    const system = marked(words(200, "sys"));
    const userOne = words(30, "u1");
    expect(cache.use({ modelId: MODEL, segments: [system, marked(userOne)], nowMs: 0 })).toEqual({ cacheRead: 0, cacheWrite: 230 });
    // Turn two: the first user message is no longer marked, the marker sits after the new user message.
    const turnTwo = [system, plain(userOne), plain(words(5, "a1")), marked(words(7, "u2"))];
    expect(cache.use({ modelId: MODEL, segments: turnTwo, nowMs: 1 })).toEqual({ cacheRead: 230, cacheWrite: 12 });
  });

  it("does not match a prefix that differs anywhere before the checkpoint, or another model's entry", () => {
    const cache = new PromptCache(0);
    cache.use({ modelId: MODEL, segments: [plain("alpha"), marked("beta gamma")], nowMs: 0 });
    expect(cache.use({ modelId: MODEL, segments: [plain("alphA"), marked("beta gamma")], nowMs: 1 })).toEqual({ cacheRead: 0, cacheWrite: 3 });
    expect(cache.use({ modelId: "other-model", segments: [plain("alpha"), marked("beta gamma")], nowMs: 1 })).toEqual({ cacheRead: 0, cacheWrite: 3 });
  });

  it("expires entries after their TTL on the given clock, refreshing on each hit", () => {
    const cache = new PromptCache(0);
    const segments = [marked("cached words"), plain("q")];
    expect(cache.use({ modelId: MODEL, segments, nowMs: 0 })).toEqual({ cacheRead: 0, cacheWrite: 2 });
    expect(cache.use({ modelId: MODEL, segments, nowMs: FIVE_MINUTES - 1 })).toEqual({ cacheRead: 2, cacheWrite: 0 });
    // Refreshed at FIVE_MINUTES - 1, so still warm just before twice that.
    expect(cache.use({ modelId: MODEL, segments, nowMs: 2 * FIVE_MINUTES - 2 })).toEqual({ cacheRead: 2, cacheWrite: 0 });
    expect(cache.use({ modelId: MODEL, segments, nowMs: 3 * FIVE_MINUTES })).toEqual({ cacheRead: 0, cacheWrite: 2 });
  });

  it("keeps a one-hour checkpoint past five minutes", () => {
    const cache = new PromptCache(0);
    const segments = [marked("long lived", 60 * 60 * 1000), plain("q")];
    cache.use({ modelId: MODEL, segments, nowMs: 0 });
    expect(cache.use({ modelId: MODEL, segments, nowMs: 30 * 60 * 1000 })).toEqual({ cacheRead: 2, cacheWrite: 0 });
  });

  it("has nothing to do without a marker", () => {
    expect(new PromptCache(0).use({ modelId: MODEL, segments: [plain("no markers here")], nowMs: 0 })).toEqual({ cacheRead: 0, cacheWrite: 0 });
  });
});

describe("prompt caching over the wire", () => {
  let emulator: RunningEmulator | undefined;
  afterEach(async () => {
    await emulator?.close();
    emulator = undefined;
  });

  function converseClient(running: RunningEmulator): BedrockRuntimeClient {
    return new BedrockRuntimeClient({
      region: "us-east-1",
      endpoint: running.runtimeUrl,
      token: { token: running.apiKey },
      authSchemePreference: ["httpBearerAuth"],
      maxAttempts: 1,
    });
  }

  it("Converse: a short cachePoint prefix is plain input by default (no cache fields at all)", async () => {
    emulator = await startEmulator();
    const client = converseClient(emulator);
    const request = {
      modelId: "us.anthropic.claude-sonnet-4-6",
      system: [{ text: "You are terse." }, { cachePoint: { type: "default" as const } }],
      messages: [{ role: "user", content: [{ text: "hello there" }, { cachePoint: { type: "default" as const } }] }] as Message[],
    };
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const response = await client.send(new ConverseCommand(request));
      expect(response.usage).toMatchObject({ inputTokens: 5 });
      expect(response.usage?.cacheReadInputTokens ?? 0).toBe(0);
      expect(response.usage?.cacheWriteInputTokens ?? 0).toBe(0);
    }
    client.destroy();
  });

  it("Converse: the next turn reads the longest earlier checkpoint and writes the rest; TTL runs on the emulator clock", async () => {
    let now = 1_700_000_000_000;
    emulator = await startEmulator({ minCacheTokens: 100, clock: { now: () => now } });
    const client = converseClient(emulator);
    const system = [{ text: words(150, "sys") }, { cachePoint: { type: "default" as const } }];
    const firstTurn = await client.send(
      new ConverseCommand({ modelId: "us.anthropic.claude-sonnet-4-6", system, messages: [{ role: "user", content: [{ text: "first question" }, { cachePoint: { type: "default" } }] }] }),
    );
    expect(firstTurn.usage).toMatchObject({ inputTokens: 0, cacheReadInputTokens: 0, cacheWriteInputTokens: 152 });

    const secondMessages: Message[] = [
      { role: "user", content: [{ text: "first question" }] },
      { role: "assistant", content: [{ text: "first answer" }] },
      { role: "user", content: [{ text: "second question" }, { cachePoint: { type: "default" } }] },
    ];
    const secondTurn = await client.send(new ConverseCommand({ modelId: "us.anthropic.claude-sonnet-4-6", system, messages: secondMessages }));
    expect(secondTurn.usage).toMatchObject({ inputTokens: 0, cacheReadInputTokens: 152, cacheWriteInputTokens: 4 });

    now += FIVE_MINUTES + 1;
    const afterExpiry = await client.send(new ConverseCommand({ modelId: "us.anthropic.claude-sonnet-4-6", system, messages: secondMessages }));
    expect(afterExpiry.usage).toMatchObject({ cacheReadInputTokens: 0, cacheWriteInputTokens: 156 });
    client.destroy();
  });

  it("Anthropic Messages: cache_control below the minimum reports zero cache tokens; a model override applies", async () => {
    const models = defaultEmulatedModels().map((model) => (model.mantle?.id === "anthropic.claude-haiku-4-5" ? { ...model, minCacheTokens: 2 } : model));
    emulator = await startEmulator({ models });
    const body = (model: string) => ({
      model,
      max_tokens: 20,
      system: [{ type: "text", text: "a short system prompt", cache_control: { type: "ephemeral" } }],
      messages: [{ role: "user", content: "hi" }],
    });
    const sonnet = await postJson(`${emulator.mantleUrl}/anthropic/v1/messages`, emulator.apiKey, body("anthropic.claude-sonnet-4-6"));
    expect(sonnet.json().usage).toMatchObject({ input_tokens: 5, cache_creation_input_tokens: 0, cache_read_input_tokens: 0 });
    const haiku = await postJson(`${emulator.mantleUrl}/anthropic/v1/messages`, emulator.apiKey, body("anthropic.claude-haiku-4-5"));
    expect(haiku.json().usage).toMatchObject({ input_tokens: 1, cache_creation_input_tokens: 4, cache_read_input_tokens: 0 });
  });

  it("rejects a minCacheTokens that is not a whole number of tokens", async () => {
    await expect(startEmulator({ minCacheTokens: -1 })).rejects.toThrow(/minCacheTokens must be a whole number/);
    await expect(startEmulator({ minCacheTokens: Number.NaN })).rejects.toThrow(/minCacheTokens must be a whole number/);
  });
});
