import { describe, expect, it } from "vitest";
import { BedrockKitError, type StreamEvent } from "@bedrock-kit/plugin-host";
import { MANTLE_WIRE_ADAPTERS } from "../../src/adapters/index.js";
import {
  CHAT_MODEL,
  CLAUDE_MODEL,
  RESPONSES_MODEL,
  callInput,
  collectEvents,
  fakeResponse,
  fakeSend,
  jsonResponse,
  readSseFixture,
  splitEvery,
} from "./fake-mantle-transport.js";

const chatAdapter = MANTLE_WIRE_ADAPTERS["openai-completions"];
const responsesAdapter = MANTLE_WIRE_ADAPTERS["openai-responses"];
const anthropicAdapter = MANTLE_WIRE_ADAPTERS["anthropic-messages"];

const terminalCount = (events: StreamEvent[]) => events.filter((event) => event.type === "finish" || event.type === "error").length;

describe("streaming calls", () => {
  it("sends the built request, yields start first and finishes with call metadata", async () => {
    const response = fakeResponse({ headers: { "x-amzn-requestid": "req-123" }, chunks: splitEvery(readSseFixture("chat-completions", "plain-text"), 64) });
    const send = fakeSend(response);
    const events = await collectEvents(chatAdapter.stream(callInput(CHAT_MODEL, send)));
    expect(send.requests).toHaveLength(1);
    expect(send.requests[0]).toMatchObject({ method: "POST", path: "/chat/completions" });
    expect(JSON.parse(send.requests[0]!.body).stream).toBe(true);
    expect(events[0]).toEqual({ type: "start", model: "openai.gpt-oss-120b", api: "openai-completions" });
    expect(events.map((event) => event.type)).toEqual(["start", "text-delta", "text-delta", "text-delta", "text-delta", "finish"]);
    const finish = events.at(-1) as Extract<StreamEvent, { type: "finish" }>;
    expect(finish.metadata).toMatchObject({
      provider: "amazon-bedrock-mantle",
      api: "openai-completions",
      wireId: "openai.gpt-oss-120b",
      requestId: "req-123",
      attempts: 1,
      surfaceFallback: false,
    });
    expect(finish.metadata?.latencyMs).toBeGreaterThan(0);
    expect(finish.metadata?.timeToFirstTokenMs).toBeGreaterThan(0);
    expect(finish.metadata?.timeToFirstTokenMs).toBeLessThan(finish.metadata!.latencyMs);
    expect(finish.usage.cost).toBeUndefined();
    expect(response.chunksRead).toBe(Math.ceil(readSseFixture("chat-completions", "plain-text").length / 64));
  });

  it("puts the Responses id in the finish metadata and prices Anthropic usage", async () => {
    const responsesEvents = await collectEvents(
      responsesAdapter.stream(callInput(RESPONSES_MODEL, fakeSend(fakeResponse({ chunks: [readSseFixture("responses", "plain-text")] })))),
    );
    expect((responsesEvents.at(-1) as { metadata?: { responseId?: string } }).metadata?.responseId).toBe("resp_0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    const anthropicEvents = await collectEvents(
      anthropicAdapter.stream(callInput(CLAUDE_MODEL, fakeSend(fakeResponse({ chunks: [readSseFixture("anthropic-messages", "parallel-tool-calls")] })))),
    );
    const finish = anthropicEvents.at(-1) as Extract<StreamEvent, { type: "finish" }>;
    // 12 × $3 + 96 × $15 + 2048 × $0.30 + 512 × $3.75 per million tokens.
    expect(finish.usage.cost).toBeCloseTo((12 * 3 + 96 * 15 + 2048 * 0.3 + 512 * 3.75) / 1_000_000, 12);
  });

  it("rejects the first next() with the provider's classification of an HTTP error, before any event", async () => {
    const response = jsonResponse(429, { error: { code: "throttled", message: "Too many tokens" } });
    const iterator = chatAdapter.stream(callInput(CHAT_MODEL, fakeSend(response)))[Symbol.asyncIterator]();
    const error = await iterator.next().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BedrockKitError);
    expect(error).toMatchObject({ code: "throttled", status: 429, message: 'HTTP 429: {"error":{"code":"throttled","message":"Too many tokens"}}' });
    expect(response.cancelCount).toBeGreaterThan(0);
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it("passes transport rejections through unchanged", async () => {
    const refused = new BedrockKitError({ code: "unavailable", message: "Could not connect (ECONNREFUSED).", hint: "check" });
    await expect(chatAdapter.stream(callInput(CHAT_MODEL, fakeSend(refused)))[Symbol.asyncIterator]().next()).rejects.toBe(refused);
  });

  it("rejects an invalid request in the first next(), without sending", async () => {
    const send = fakeSend(fakeResponse());
    const iterable = responsesAdapter.stream(callInput(RESPONSES_MODEL, send, { request: { messages: [] } }));
    await expect(iterable[Symbol.asyncIterator]().next()).rejects.toMatchObject({ code: "invalid-request" });
    expect(send.requests).toHaveLength(0);
  });

  it("rejects a 200 in the wrong content type as unavailable with a hint", async () => {
    const response = fakeResponse({ headers: { "content-type": "text/html; charset=utf-8" }, chunks: ["<html>Sign in to the proxy</html>"] });
    const error = await chatAdapter.stream(callInput(CHAT_MODEL, fakeSend(response)))[Symbol.asyncIterator]().next().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "unavailable", retryable: false, status: 200 });
    expect((error as BedrockKitError).message).toContain("text/html");
    expect((error as BedrockKitError).hint).toContain("proxy");
    expect(response.cancelCount).toBeGreaterThan(0);
  });

  it("rejects an empty 200 body and a body failing before its first byte", async () => {
    await expect(chatAdapter.stream(callInput(CHAT_MODEL, fakeSend(fakeResponse({ chunks: [] }))))[Symbol.asyncIterator]().next()).rejects.toMatchObject({
      code: "unavailable",
      retryable: true,
    });
    const reset = Object.assign(new Error("socket hang up"), { code: "ECONNRESET" });
    await expect(
      chatAdapter.stream(callInput(CHAT_MODEL, fakeSend(fakeResponse({ chunks: [], failWith: reset }))))[Symbol.asyncIterator]().next(),
    ).rejects.toMatchObject({ code: "unavailable", cause: reset });
  });

  it("ends with one error event when the connection fails mid-body, keeping the text", async () => {
    const bytes = readSseFixture("anthropic-messages", "plain-text");
    const cutAt = bytes.indexOf("content_block_stop");
    const timeout = new BedrockKitError({ code: "timeout", message: "No data within 30000 ms (idle timeout).", hint: "retry" });
    const events = await collectEvents(
      anthropicAdapter.stream(callInput(CLAUDE_MODEL, fakeSend(fakeResponse({ headers: { "request-id": "req_7" }, chunks: [bytes.subarray(0, cutAt)], failWith: timeout })))),
    );
    expect(events.map((event) => event.type)).toEqual(["start", "text-delta", "text-delta", "text-delta", "text-delta", "error"]);
    const error = events.at(-1) as Extract<StreamEvent, { type: "error" }>;
    expect(error.error).toMatchObject({ code: "timeout", requestId: "req_7" });
    expect(error.metadata).toMatchObject({ requestId: "req_7", api: "anthropic-messages" });
    expect(terminalCount(events)).toBe(1);
  });

  it("reports a stream without its terminal event as stream-corrupt, and an in-band error by its code", async () => {
    for (const [adapter, model, api] of [
      [chatAdapter, CHAT_MODEL, "chat-completions"],
      [responsesAdapter, RESPONSES_MODEL, "responses"],
      [anthropicAdapter, CLAUDE_MODEL, "anthropic-messages"],
    ] as const) {
      const truncated = await collectEvents(adapter.stream(callInput(model, fakeSend(fakeResponse({ chunks: [readSseFixture(api, "missing-terminal-event")] })))));
      expect(truncated.at(-1)).toMatchObject({ type: "error", error: { code: "stream-corrupt" } });
      expect(truncated.some((event) => event.type === "text-delta")).toBe(true);
      const failed = await collectEvents(adapter.stream(callInput(model, fakeSend(fakeResponse({ chunks: [readSseFixture(api, "mid-stream-error")] })))));
      expect(failed.at(-1)).toMatchObject({ type: "error", error: { code: "unavailable" } });
      expect(terminalCount(failed)).toBe(1);
    }
  });

  function firstTextThenHang() {
    const bytes = readSseFixture("chat-completions", "plain-text");
    const endOfFirstText = bytes.indexOf("\n\n", bytes.indexOf("Bonjour")) + 2;
    return fakeResponse({ chunks: [bytes.subarray(0, endOfFirstText)], hang: true });
  }

  it("ends with an aborted error event when the caller aborts between events, and cancels the body", async () => {
    const controller = new AbortController();
    const response = firstTextThenHang();
    const events: StreamEvent[] = [];
    for await (const event of chatAdapter.stream(callInput(CHAT_MODEL, fakeSend(response), { signal: controller.signal }))) {
      events.push(event);
      if (event.type === "text-delta") controller.abort();
    }
    expect(events.map((event) => event.type)).toEqual(["start", "text-delta", "error"]);
    expect(events.at(-1)).toMatchObject({ type: "error", error: { code: "aborted", retryable: false } });
    expect(response.cancelCount).toBeGreaterThan(0);
  });

  it("ends with an aborted error event when the caller aborts while the adapter waits for data", async () => {
    const controller = new AbortController();
    const response = firstTextThenHang();
    const events: StreamEvent[] = [];
    for await (const event of chatAdapter.stream(callInput(CHAT_MODEL, fakeSend(response), { signal: controller.signal }))) {
      events.push(event);
      if (event.type === "text-delta") setTimeout(() => controller.abort(), 5);
    }
    expect(events.map((event) => event.type)).toEqual(["start", "text-delta", "error"]);
    expect(events.at(-1)).toMatchObject({ type: "error", error: { code: "aborted" } });
  });

  it("rejects before sending when the signal has already fired", async () => {
    const controller = new AbortController();
    controller.abort();
    const send = fakeSend(fakeResponse());
    await expect(chatAdapter.stream(callInput(CHAT_MODEL, send, { signal: controller.signal }))[Symbol.asyncIterator]().next()).rejects.toMatchObject({
      code: "aborted",
    });
    expect(send.requests).toHaveLength(0);
  });

  it("serves next() calls made without waiting in order, and sends nothing when returned before the first next()", async () => {
    const unsent = fakeSend(fakeResponse({ chunks: [readSseFixture("chat-completions", "plain-text")] }));
    const unopened = chatAdapter.stream(callInput(CHAT_MODEL, unsent))[Symbol.asyncIterator]();
    expect(await unopened.return!()).toEqual({ value: undefined, done: true });
    expect(await unopened.next()).toEqual({ value: undefined, done: true });
    expect(unsent.requests).toHaveLength(0);

    const response = fakeResponse({ chunks: [readSseFixture("chat-completions", "plain-text")] });
    const iterator = chatAdapter.stream(callInput(CHAT_MODEL, fakeSend(response)))[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: 7 }, () => iterator.next()));
    expect(results.map((result) => (result.done ? "done" : result.value.type))).toEqual(["start", "text-delta", "text-delta", "text-delta", "text-delta", "finish", "done"]);
    expect(response.cancelCount).toBeGreaterThan(0);
  });

  it("cancels the response body when the consumer stops early", async () => {
    const response = fakeResponse({ chunks: splitEvery(readSseFixture("responses", "reasoning"), 100), hang: true });
    for await (const event of responsesAdapter.stream(callInput(RESPONSES_MODEL, fakeSend(response)))) {
      if (event.type === "reasoning-delta") break;
    }
    expect(response.cancelCount).toBeGreaterThan(0);
  });

  it("cancels the body at once when returned while a read is pending, and ends that read with done", async () => {
    const response = firstTextThenHang();
    const iterator = chatAdapter.stream(callInput(CHAT_MODEL, fakeSend(response)))[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ type: "start" });
    expect((await iterator.next()).value).toMatchObject({ type: "text-delta" });
    const pending = iterator.next();
    // The adapter now waits on a body that never sends more; return() must not wait behind it.
    expect(await iterator.return!()).toEqual({ value: undefined, done: true });
    expect(response.cancelCount).toBe(1);
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it("releases a response that arrives after return() was called during the open, without an error", async () => {
    const response = fakeResponse({ chunks: [readSseFixture("chat-completions", "plain-text")] });
    let answer!: (value: typeof response) => void;
    const send = Object.assign(() => new Promise<typeof response>((resolve) => (answer = resolve)), { requests: [] });
    const iterator = chatAdapter.stream(callInput(CHAT_MODEL, send))[Symbol.asyncIterator]();
    const opening = iterator.next();
    expect(await iterator.return!()).toEqual({ value: undefined, done: true });
    answer(response);
    expect(await opening).toEqual({ value: undefined, done: true });
    expect(response.cancelCount).toBe(1);
    expect(response.chunksRead).toBe(0);
  });

  it("reads the body to its end after the finish (connection reuse), ignoring trailing bytes", async () => {
    const bytes = readSseFixture("chat-completions", "length-stop");
    const response = fakeResponse({ chunks: [bytes, "data: {\"choices\":[{\"delta\":{\"content\":\"late\"}}]}\n\n", ": trailing comment\n\n"] });
    const events = await collectEvents(chatAdapter.stream(callInput(CHAT_MODEL, fakeSend(response))));
    expect(events.at(-1)).toMatchObject({ type: "finish", reason: "length" });
    expect(events.filter((event) => event.type === "text-delta")).toHaveLength(2);
    expect(response.chunksRead).toBe(3);
  });
});
