import http from "node:http";
import Anthropic from "@anthropic-ai/sdk";
import { EventStreamCodec } from "@smithy/eventstream-codec";
import OpenAI from "openai";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../src/index.js";
import { parseSse, postJson } from "./helpers.js";

let emulator: RunningEmulator;
const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes).toString("utf8"),
  (text) => Buffer.from(text, "utf8"),
);

beforeAll(async () => {
  emulator = await startEmulator();
});
afterEach(() => emulator.setFaults({}));
afterAll(() => emulator.close());

const chatUrl = () => `${emulator.mantleUrl}/v1/chat/completions`;
const streamChat = { model: "qwen.qwen3-235b-a22b-2507", stream: true, messages: [{ role: "user", content: "one two three four five" }] };
const converseStreamUrl = () => `${emulator.runtimeUrl}/model/amazon.nova-lite-v1%3A0/converse-stream`;
const converseBody = { messages: [{ role: "user", content: [{ text: "one two three" }] }] };

/** Splits an event-stream body into frames by their length prelude. */
function splitFrames(body: Buffer): Buffer[] {
  const frames: Buffer[] = [];
  for (let offset = 0; offset + 4 <= body.length; ) {
    const length = body.readUInt32BE(offset);
    frames.push(body.subarray(offset, offset + length));
    offset += length;
  }
  return frames;
}

describe("fault knobs", () => {
  it("latencyMs delays the response", async () => {
    emulator.setFaults({ "mantle.models": { latencyMs: 150 } });
    const started = Date.now();
    const listed = await new OpenAI({ apiKey: emulator.apiKey, baseURL: `${emulator.mantleUrl}/v1`, maxRetries: 0 }).models.list();
    expect(listed.data.length).toBeGreaterThan(0);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it("status answers with the surface's own body, or the given one", async () => {
    emulator.setFaults({ "runtime.converse-stream": { status: 503 } });
    const unavailable = await postJson(converseStreamUrl(), emulator.apiKey, converseBody);
    expect(unavailable.status).toBe(503);
    expect(unavailable.headers["x-amzn-errortype"]).toMatch(/^ServiceUnavailableException:/);
    expect(unavailable.json()).toEqual({ message: "Bedrock is unable to process your request." });
    emulator.setFaults({ "*": { status: 500, body: { error: "backend exploded" } } });
    const custom = await postJson(chatUrl(), emulator.apiKey, streamChat);
    expect(custom.status).toBe(500);
    expect(custom.json()).toEqual({ error: "backend exploded" });
  });

  it("throttleEveryNth throttles every Nth call with the surface's 429 and retry-after", async () => {
    emulator.setFaults({ "*": { throttleEveryNth: 2 } });
    const statuses: number[] = [];
    for (let call = 0; call < 4; call += 1) statuses.push((await postJson(chatUrl(), emulator.apiKey, { ...streamChat, stream: false })).status);
    expect(statuses).toEqual([200, 429, 200, 429]);
    await postJson(converseStreamUrl(), emulator.apiKey, converseBody);
    const throttled = await postJson(converseStreamUrl(), emulator.apiKey, converseBody);
    expect(throttled.status).toBe(429);
    expect(throttled.headers["retry-after"]).toBe("1");
    expect(throttled.headers["x-amzn-errortype"]).toMatch(/^ThrottlingException:/);
    expect(throttled.json()).toEqual({ message: "Too many requests, please wait before trying again." });
  });

  it("accessDenied answers with the surface's IAM denial", async () => {
    emulator.setFaults({ "mantle.models": { accessDenied: true } });
    const client = new OpenAI({ apiKey: emulator.apiKey, baseURL: `${emulator.mantleUrl}/v1`, maxRetries: 0 });
    await expect(client.models.list()).rejects.toMatchObject({ status: 403, code: "access_denied", message: expect.stringContaining("bedrock-mantle:ListModels") });
  });

  it("resetAfterEvents destroys the connection mid-stream", async () => {
    emulator.setFaults({ "mantle.chat": { resetAfterEvents: 2 } });
    await expect(postJson(chatUrl(), emulator.apiKey, streamChat)).rejects.toThrow();
    const client = new OpenAI({ apiKey: emulator.apiKey, baseURL: `${emulator.mantleUrl}/v1`, maxRetries: 0 });
    const received: string[] = [];
    const consume = async () => {
      const stream = await client.chat.completions.create({ ...streamChat, stream: true } as OpenAI.ChatCompletionCreateParamsStreaming);
      for await (const chunk of stream) received.push(chunk.choices[0]?.delta.content ?? "");
    };
    await expect(consume()).rejects.toThrow();
    // The events written before the reset reach the client first.
    expect(received).toEqual(["", "one "]);
  });

  it("corruptFrameAt breaks the CRC of event-stream frame N", async () => {
    emulator.setFaults({ "runtime.converse-stream": { corruptFrameAt: 3 } });
    const response = await postJson(converseStreamUrl(), emulator.apiKey, converseBody);
    expect(response.headers["content-type"]).toBe("application/vnd.amazon.eventstream");
    const frames = splitFrames(response.body);
    expect(() => codec.decode(frames[0] as Buffer)).not.toThrow();
    expect(() => codec.decode(frames[1] as Buffer)).not.toThrow();
    expect(() => codec.decode(frames[2] as Buffer)).toThrow(/checksum/i);
  });

  it("corruptFrameAt writes invalid JSON in SSE event N", async () => {
    emulator.setFaults({ "mantle.chat": { corruptFrameAt: 2 } });
    const events = parseSse((await postJson(chatUrl(), emulator.apiKey, streamChat)).text);
    expect(() => JSON.parse(events[0]?.data ?? "")).not.toThrow();
    expect(() => JSON.parse(events[1]?.data ?? "")).toThrow();
    expect(events.at(-1)?.data).toBe("[DONE]");
  });

  it("truncateAfterEvents ends cleanly without the terminal event", async () => {
    emulator.setFaults({ "mantle.messages": { truncateAfterEvents: 4 } });
    const response = await postJson(`${emulator.mantleUrl}/anthropic/v1/messages`, emulator.apiKey, {
      model: "anthropic.claude-haiku-4-5",
      max_tokens: 20,
      stream: true,
      messages: [{ role: "user", content: "cut me short please" }],
    });
    expect(response.status).toBe(200);
    const names = parseSse(response.text).map((event) => event.event);
    expect(names).toEqual(["message_start", "ping", "content_block_start", "content_block_delta"]);
  });

  it("stallAfterEvents stops writing but keeps the connection open", async () => {
    emulator.setFaults({ "mantle.chat": { stallAfterEvents: 2 } });
    const { events, ended } = await new Promise<{ events: number; ended: boolean }>((resolve, reject) => {
      const request = http.request(chatUrl(), { method: "POST", headers: { authorization: `Bearer ${emulator.apiKey}`, "content-type": "application/json" } }, (response) => {
        let text = "";
        let ended = false;
        response.setEncoding("utf8");
        response.on("data", (chunk: string) => (text += chunk));
        response.on("end", () => (ended = true));
        response.on("error", () => undefined);
        setTimeout(() => {
          resolve({ events: parseSse(text).length, ended });
          request.destroy();
        }, 300);
      });
      request.on("error", (error) => (error.message.includes("socket hang up") ? undefined : reject(error)));
      request.end(JSON.stringify(streamChat));
    });
    expect(events).toBe(2);
    expect(ended).toBe(false);
  });

  it("errorAfterEvents sends the surface's in-stream error, which the official client raises", async () => {
    emulator.setFaults({ "mantle.messages": { errorAfterEvents: 3 } });
    const client = new Anthropic({ authToken: emulator.apiKey, apiKey: null, baseURL: `${emulator.mantleUrl}/anthropic`, maxRetries: 0 });
    const stream = client.messages.stream({ model: "anthropic.claude-haiku-4-5", max_tokens: 20, messages: [{ role: "user", content: "x y z" }] });
    await expect(stream.finalMessage()).rejects.toMatchObject({ error: { type: "error", error: { type: "overloaded_error" } } });
  });

  it("a route's own entry overrides '*', and setFaults takes effect at once", async () => {
    emulator.setFaults({ "*": { status: 500 }, "mantle.chat": { status: 502 } });
    expect((await postJson(chatUrl(), emulator.apiKey, streamChat)).status).toBe(502);
    expect((await postJson(converseStreamUrl(), emulator.apiKey, converseBody)).status).toBe(500);
    emulator.setFaults({});
    expect((await postJson(chatUrl(), emulator.apiKey, streamChat)).status).toBe(200);
    expect(emulator.stats().statuses["502"]).toBeGreaterThan(0);
  });
});
