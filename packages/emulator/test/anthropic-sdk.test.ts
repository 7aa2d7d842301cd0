import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../src/index.js";
import { parseSse, postJson } from "./helpers.js";

let emulator: RunningEmulator;
let client: Anthropic;

beforeAll(async () => {
  emulator = await startEmulator();
  client = new Anthropic({ authToken: emulator.apiKey, apiKey: null, baseURL: `${emulator.mantleUrl}/anthropic`, maxRetries: 0 });
});
afterAll(() => emulator.close());

const searchTool: Anthropic.Tool = {
  name: "search_docs",
  description: "Search the docs",
  input_schema: { type: "object", properties: { limit: { type: "number" }, query: { type: "string" } }, required: ["query"] },
};

describe("@anthropic-ai/sdk against /anthropic/v1/messages", () => {
  it("streams thinking with a signature, then text, with the SDK's event names", async () => {
    const stream = client.messages.stream({
      model: "anthropic.claude-sonnet-4-6",
      max_tokens: 4096,
      thinking: { type: "enabled", budget_tokens: 2048 },
      messages: [{ role: "user", content: "tell me about otters" }],
    });
    const eventTypes: string[] = [];
    stream.on("streamEvent", (event) => eventTypes.push(event.type));
    const final = await stream.finalMessage();
    const [thinking, text] = final.content;
    expect(thinking?.type).toBe("thinking");
    expect(thinking?.type === "thinking" && thinking.signature.length).toBeGreaterThan(100);
    expect(text).toMatchObject({ type: "text", text: "tell me about otters" });
    expect(final.stop_reason).toBe("end_turn");
    expect(eventTypes[0]).toBe("message_start");
    expect(eventTypes).toEqual(expect.arrayContaining(["content_block_start", "content_block_delta", "content_block_stop", "message_delta", "message_stop"]));
    expect(final.usage).toMatchObject({ input_tokens: 4, cache_read_input_tokens: 0, cache_creation_input_tokens: 0 });
  });

  it("streams a tool_use block with input_json_delta fragments, and a replayed turn with the signature is accepted", async () => {
    const first = await client.messages
      .stream({
        model: "anthropic.claude-opus-4-7",
        max_tokens: 2000,
        thinking: { type: "adaptive" } as unknown as Anthropic.ThinkingConfigParam,
        tools: [searchTool],
        messages: [{ role: "user", content: "eventual consistency" }],
      })
      .finalMessage();
    expect(first.stop_reason).toBe("tool_use");
    const toolUse = first.content.find((block) => block.type === "tool_use");
    expect(toolUse).toMatchObject({ name: "search_docs", input: { query: "eventual consistency" } });
    const followUp = await client.messages.create({
      model: "anthropic.claude-opus-4-7",
      max_tokens: 2000,
      tools: [searchTool],
      messages: [
        { role: "user", content: "eventual consistency" },
        { role: "assistant", content: first.content as unknown as Anthropic.ContentBlockParam[] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: toolUse?.type === "tool_use" ? toolUse.id : "", content: "Found 2 pages" }] },
      ],
    });
    expect(followUp.content).toEqual([{ type: "text", text: "Found 2 pages" }]);
  });

  it("rejects a thinking block whose signature was altered", async () => {
    const request = client.messages.create({
      model: "anthropic.claude-sonnet-4-6",
      max_tokens: 100,
      messages: [
        { role: "user", content: "hi" },
        { role: "assistant", content: [{ type: "thinking", thinking: "made up", signature: "Zm9yZ2Vk" }, { type: "text", text: "hello" }] },
        { role: "user", content: "again" },
      ],
    });
    await expect(request).rejects.toMatchObject({ status: 400, message: expect.stringContaining("Invalid `signature` in `thinking` block") });
  });

  it("rejects thinking.type enabled on Opus 4.7 with Bedrock's message", async () => {
    const request = client.messages.create({
      model: "anthropic.claude-opus-4-7",
      max_tokens: 4096,
      thinking: { type: "enabled", budget_tokens: 2048 },
      messages: [{ role: "user", content: "hi" }],
    });
    await expect(request).rejects.toMatchObject({
      status: 400,
      error: { type: "error", error: { type: "invalid_request_error", message: '"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort"' } },
    });
  });

  it("rejects a replayed tool_use carrying caller: null, as Bedrock does", async () => {
    const request = client.messages.create({
      model: "anthropic.claude-haiku-4-5",
      max_tokens: 100,
      tools: [searchTool],
      messages: [
        { role: "user", content: "q" },
        { role: "assistant", content: [{ type: "tool_use", id: "toolu_1", name: "search_docs", input: { query: "q" }, caller: null } as unknown as Anthropic.ToolUseBlockParam] },
        { role: "user", content: [{ type: "tool_result", tool_use_id: "toolu_1", content: "r" }] },
      ],
    });
    await expect(request).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("messages.1.content.0.tool_use.caller: Input should be a valid dictionary"),
    });
  });

  it("rejects Opus 4.7 temperature and an over-limit max_tokens", async () => {
    await expect(
      // This SDK version no longer types `temperature`; older clients still send it.
      client.messages.create({ model: "anthropic.claude-opus-4-7", max_tokens: 10, temperature: 0.5, messages: [{ role: "user", content: "x" }] } as Anthropic.MessageCreateParamsNonStreaming),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining("`temperature` is deprecated for this model.") });
    // Raw, because the SDK itself refuses a non-streaming call this large before sending it.
    const overLimit = await postJson(`${emulator.mantleUrl}/anthropic/v1/messages`, emulator.apiKey, {
      model: "anthropic.claude-haiku-4-5",
      max_tokens: 999_999,
      messages: [{ role: "user", content: "x" }],
    });
    expect(overLimit.status).toBe(400);
    expect(overLimit.json().error.message).toBe("max_tokens: 999999 > 64000, which is the maximum allowed number of output tokens for anthropic.claude-haiku-4-5");
  });

  it("404s profile-prefixed and unknown ids on Mantle, and 400s a non-Claude model", async () => {
    await expect(client.messages.create({ model: "us.anthropic.claude-sonnet-4-6", max_tokens: 10, messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({
      status: 404,
      message: expect.stringContaining("The model 'us.anthropic.claude-sonnet-4-6' does not exist"),
    });
    await expect(client.messages.create({ model: "openai.gpt-5.5", max_tokens: 10, messages: [{ role: "user", content: "x" }] })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("does not support the '/anthropic/v1/messages' API"),
    });
  });

  it("frames the raw stream as Anthropic does: message_start, ping, blocks, message_delta, message_stop", async () => {
    const raw = await postJson(`${emulator.mantleUrl}/anthropic/v1/messages`, emulator.apiKey, {
      model: "anthropic.claude-haiku-4-5",
      max_tokens: 50,
      stream: true,
      messages: [{ role: "user", content: "two words" }],
    });
    expect(raw.headers["content-type"]).toContain("text/event-stream");
    const events = parseSse(raw.text);
    expect(events.map((event) => event.event)).toEqual([
      "message_start",
      "ping",
      "content_block_start",
      "content_block_delta",
      "content_block_delta",
      "content_block_stop",
      "message_delta",
      "message_stop",
    ]);
    for (const event of events) expect(JSON.parse(event.data).type).toBe(event.event);
  });

  it("counts tokens", async () => {
    const counted = await client.messages.countTokens({ model: "anthropic.claude-sonnet-4-6", system: "be nice", messages: [{ role: "user", content: "three more words" }] });
    expect(counted.input_tokens).toBe(5);
  });

  it("reports prompt-cache writes then reads for a cache_control prefix past the default 1,024-token minimum", async () => {
    const longSystem = Array.from({ length: 1030 }, (_, index) => `rule${index}`).join(" ");
    const body = {
      model: "anthropic.claude-sonnet-4-6",
      max_tokens: 50,
      system: [{ type: "text" as const, text: longSystem, cache_control: { type: "ephemeral" as const } }],
      messages: [{ role: "user" as const, content: "question one" }],
    };
    const first = await client.messages.create(body);
    const second = await client.messages.create(body);
    expect(first.usage).toMatchObject({ cache_creation_input_tokens: 1030, cache_read_input_tokens: 0, input_tokens: 2 });
    expect(second.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 1030, input_tokens: 2 });
  });

  it("caches nothing for a cache_control prefix below the minimum", async () => {
    const body = {
      model: "anthropic.claude-sonnet-4-6",
      max_tokens: 50,
      system: [{ type: "text" as const, text: "a short shared system prompt", cache_control: { type: "ephemeral" as const } }],
      messages: [{ role: "user" as const, content: "question one" }],
    };
    const first = await client.messages.create(body);
    const second = await client.messages.create(body);
    for (const response of [first, second]) expect(response.usage).toMatchObject({ cache_creation_input_tokens: 0, cache_read_input_tokens: 0, input_tokens: 7 });
  });

  it("sends request-id and x-amzn-requestid, and ignores x-api-key (only Authorization: Bearer is accepted)", async () => {
    const viaApiKeyHeader = await postJson(`${emulator.mantleUrl}/anthropic/v1/messages`, undefined, { model: "anthropic.claude-haiku-4-5", max_tokens: 5, messages: [{ role: "user", content: "x" }] }, {
      "x-api-key": emulator.apiKey,
    });
    expect(viaApiKeyHeader.status).toBe(401);
    expect(viaApiKeyHeader.json()).toMatchObject({ type: "error", error: { type: "authentication_error" } });
    expect(viaApiKeyHeader.headers["x-amzn-requestid"]).toBeTruthy();
    expect(viaApiKeyHeader.headers["request-id"]).toBe(viaApiKeyHeader.headers["x-amzn-requestid"]);
  });
});
