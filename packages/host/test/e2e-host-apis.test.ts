import { startEmulator, type RunningEmulator } from "@bedrock-kit/emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Host } from "../src/host/host-types.js";
import { drain, hostWith, MANTLE_KEY_VAR, providersFor, toolRequest } from "./helpers/e2e-harness.js";

// The host, through both plugins, against the emulator on every API: what a user of the host sees.
const CALLS = [
  { title: "Chat Completions", ref: "amazon-bedrock-mantle/openai.gpt-oss-120b", api: "openai-completions" },
  { title: "Responses", ref: "amazon-bedrock-mantle/openai.gpt-5.5", api: "openai-responses" },
  { title: "Responses (gpt-oss on /v1)", ref: "amazon-bedrock-mantle/openai.gpt-oss-20b", api: "openai-responses", configured: true },
  { title: "Anthropic Messages", ref: "amazon-bedrock-mantle/anthropic.claude-sonnet-4-6", api: "anthropic-messages" },
  { title: "Converse", ref: "amazon-bedrock/anthropic.claude-sonnet-4-6", api: "bedrock-converse-stream" },
] as const;

let emulator: RunningEmulator;
let host: Host;

beforeAll(async () => {
  emulator = await startEmulator();
  host = await hostWith(
    providersFor(emulator, {
      // gpt-oss answers Responses on /v1 too; configuring it so covers that surface.
      // `auth: "api-key"` names a mode, not a secret: the host must not refuse it as an inline key.
      mantle: { auth: "api-key", models: [{ id: "openai.gpt-oss-20b", api: "openai-responses" }] },
      converse: { auth: { credentials: [`env:${MANTLE_KEY_VAR}`] } },
    }),
    { [MANTLE_KEY_VAR]: emulator.apiKey },
  );
});

afterAll(async () => {
  await host?.close();
  await emulator?.close();
});

describe("host → plugins → emulator, every API", () => {
  it("lists both providers' models under their own refs", async () => {
    const refs = (await host.listModels()).map((model) => model.ref);
    for (const call of CALLS) expect(refs).toContain(call.ref);
    expect(new Set(refs).size).toBe(refs.length);
  });

  // The refs the README shows: short ids, with no alias configured (issue 4 item 1).
  it.each([
    ["amazon-bedrock-mantle/claude-opus-4.7", "anthropic.claude-opus-4-7", "anthropic-messages"],
    ["amazon-bedrock-mantle/gpt-oss-120b", "openai.gpt-oss-120b", "openai-completions"],
    ["amazon-bedrock/claude-sonnet-4.6", "us.anthropic.claude-sonnet-4-6", "bedrock-converse-stream"],
  ])("the short ref %s answers on %s", async (ref, wireId, api) => {
    const resolved = await host.resolveModel(ref);
    expect(resolved.wireId).toBe(wireId);
    const answer = await host.complete(ref, { messages: [{ role: "user", content: "short ref" }], maxTokens: 50 });
    expect(answer.text).toBe("short ref");
    expect(answer.finish.metadata).toMatchObject({ api, wireId });
  });

  it.each(CALLS)("$title streams the echoed text with usage and metadata", async (call) => {
    const prompt = `echo this ${call.title} prompt back`;
    const summary = await drain(host.stream(call.ref, { messages: [{ role: "user", content: prompt }], maxTokens: 200 }));
    expect(summary.error?.error.message).toBeUndefined();
    expect(summary.events[0]).toMatchObject({ type: "start", api: call.api });
    expect(summary.text).toBe(prompt);
    expect(summary.events.filter((event) => event.type === "text-delta").length).toBeGreaterThan(1);
    expect(summary.finish).toMatchObject({ reason: "stop", metadata: { api: call.api, surfaceFallback: false, attempts: 1 } });
    const usage = summary.finish!.usage;
    expect(usage.output).toBeGreaterThan(0);
    expect(usage.input + usage.cacheRead + usage.cacheWrite).toBeGreaterThan(0);
  });

  it.each(CALLS)("$title calls the offered tool with arguments from the prompt, then answers its result", async (call) => {
    const first = await drain(host.stream(call.ref, toolRequest("Paris")));
    expect(first.toolCalls).toEqual([{ name: "get_weather", arguments: { city: "Paris" } }]);
    expect(first.finish?.reason).toBe("tool-calls");
    const toolCall = first.events.find((event) => event.type === "tool-call");
    if (toolCall?.type !== "tool-call") throw new Error("no tool-call event");
    const request = toolRequest("Paris");
    request.messages.push(
      { role: "assistant", content: [{ type: "tool-call", id: toolCall.id, name: toolCall.name, arguments: toolCall.arguments }] },
      { role: "tool", content: [{ type: "tool-result", toolCallId: toolCall.id, name: toolCall.name, content: "sunny and 21 degrees" }] },
    );
    const answer = await host.complete(call.ref, request);
    expect(answer.text).toBe("sunny and 21 degrees");
    expect(answer.toolCalls).toEqual([]);
    expect(answer.finish.reason).toBe("stop");
  });

  it.each(CALLS)("$title: complete() collects the same answer, and maxTokens stops with length", async (call) => {
    const answer = await host.complete(call.ref, { messages: [{ role: "user", content: "one two three four five six" }], maxTokens: 200 });
    expect(answer.text).toBe("one two three four five six");
    expect(answer.finish.reason).toBe("stop");
    const cut = await host.complete(call.ref, { messages: [{ role: "user", content: "one two three four five six seven eight nine ten" }], maxTokens: 3 });
    expect(cut.finish.reason).toBe("length");
    expect(cut.text.length).toBeLessThan("one two three four five six seven eight nine ten".length);
  });
});

describe("routing fallback", () => {
  it("a GPT-5.4 forced onto Chat Completions (which it does not serve) falls back to Responses and answers", async () => {
    const forced = await hostWith(
      { "amazon-bedrock-mantle": { baseUrl: emulator.mantleUrl, apiKey: `env:${MANTLE_KEY_VAR}`, models: [{ id: "openai.gpt-5.4", api: "openai-completions" }] } },
      { [MANTLE_KEY_VAR]: emulator.apiKey },
    );
    try {
      const model = await forced.resolveModel("amazon-bedrock-mantle/openai.gpt-5.4");
      expect(model.api).toBe("openai-completions");
      const before = emulator.stats().statuses["400"] ?? 0;
      const first = await forced.complete("amazon-bedrock-mantle/openai.gpt-5.4", { messages: [{ role: "user", content: "routed around" }] });
      expect(first.text).toBe("routed around");
      expect(first.finish.metadata).toMatchObject({ surfaceFallback: true, api: "openai-responses", attempts: 2 });
      // The refusal is Mantle's own 400 for an API the model does not serve.
      expect(emulator.stats().statuses["400"]).toBe(before + 1);
      // The surface that worked is remembered: the next call goes straight there.
      const second = await forced.complete("amazon-bedrock-mantle/openai.gpt-5.4", { messages: [{ role: "user", content: "again" }] });
      expect(second.text).toBe("again");
      expect(emulator.stats().statuses["400"]).toBe(before + 1);
    } finally {
      await forced.close();
    }
  });
});
