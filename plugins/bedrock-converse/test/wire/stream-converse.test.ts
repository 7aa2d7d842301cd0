import { describe, expect, it } from "vitest";
import { BedrockKitError, type StreamEvent } from "@bedrock-kit/plugin-host";
import { buildConverseRequestBody, streamConverse } from "../../src/wire/index.js";
import {
  SPLITS,
  callInput,
  collectEvents,
  fakeClassifier,
  fakeResponse,
  fakeSend,
  fixtureBytes,
  fixtureText,
  splitBytes,
  testModel,
  testRequest,
  withoutMetadata,
} from "./converse-test-helpers.js";

async function rejectionOf(events: AsyncIterable<StreamEvent>): Promise<BedrockKitError> {
  try {
    await events[Symbol.asyncIterator]().next();
  } catch (error) {
    if (BedrockKitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected the first next() to reject");
}

const WEATHER_TOOL = { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } };

describe("streamConverse", () => {
  it("posts the body to /converse-stream and streams start, deltas and a finish with call metadata", async () => {
    const response = fakeResponse({ chunks: [fixtureBytes("text.eventstream")] });
    const send = fakeSend(response);
    const input = callInput(send, { request: testRequest({ system: "Be brief." }) });
    const events = await collectEvents(streamConverse(input));

    expect(send.requests).toHaveLength(1);
    const sent = send.requests[0]!;
    expect(sent.path).toBe("/model/us.anthropic.claude-sonnet-4-6/converse-stream");
    expect(sent.headers).toEqual({ "content-type": "application/json", accept: "application/vnd.amazon.eventstream" });
    expect(JSON.parse(sent.body)).toEqual(buildConverseRequestBody(input.model, input.request));

    expect(withoutMetadata(events)).toEqual([
      { type: "start", model: "us.anthropic.claude-sonnet-4-6", api: "bedrock-converse-stream" },
      { type: "text-delta", index: 0, text: "Hello" },
      { type: "text-delta", index: 0, text: ", world" },
      { type: "text-delta", index: 0, text: "!" },
      { type: "finish", reason: "stop", usage: { input: 12, output: 5, cacheRead: 0, cacheWrite: 0 } },
    ]);
    const finish = events.at(-1);
    expect(finish?.type === "finish" && finish.metadata).toEqual({
      requestId: "req-0001",
      provider: "amazon-bedrock",
      api: "bedrock-converse-stream",
      wireId: "us.anthropic.claude-sonnet-4-6",
      region: "us-east-1",
      attempts: 1,
      surfaceFallback: false,
      latencyMs: expect.any(Number),
      timeToFirstTokenMs: expect.any(Number),
    });
    expect(response.state.cancelled).toBe(true);
  });

  it("encodes an ARN model id into the path", async () => {
    const arn = "arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123";
    const send = fakeSend(fakeResponse({ chunks: [fixtureBytes("text.eventstream")] }));
    await collectEvents(streamConverse(callInput(send, { model: testModel({ wireId: arn }) })));
    expect(send.requests[0]!.path).toBe(`/model/${encodeURIComponent(arn)}/converse-stream`);
    expect(send.requests[0]!.path).not.toContain("/application-inference-profile/");
  });

  it.each([
    "text",
    "reasoning-with-signature",
    "tool-call-metadata-first",
    "parallel-tool-calls",
    "throttling-exception",
    "model-stream-error",
    "length-stop",
    "guardrail",
  ])("%s: identical events however the body is chunked, ending with exactly one terminal", async (name) => {
    const bytes = fixtureBytes(`${name}.eventstream`);
    const run = async (chunks: Uint8Array[]) =>
      withoutMetadata(await collectEvents(streamConverse(callInput(fakeSend(fakeResponse({ chunks })))))) as StreamEvent[];
    const expected = await run([bytes]);
    expect(expected[0]?.type).toBe("start");
    expect(expected.filter((event) => event.type === "finish" || event.type === "error")).toHaveLength(1);
    expect(["finish", "error"]).toContain(expected.at(-1)?.type);
    for (const split of SPLITS.filter((entry) => entry.name !== "whole")) {
      expect(await run(splitBytes(bytes, split.mode)), split.name).toEqual(expected);
    }
  });

  it("turns an in-stream exception into an error event with the request id", async () => {
    const events = await collectEvents(streamConverse(callInput(fakeSend(fakeResponse({ chunks: [fixtureBytes("throttling-exception.eventstream")] })))));
    expect(events.map((event) => event.type)).toEqual(["start", "text-delta", "error"]);
    const last = events[2]!;
    expect(last.type === "error" ? last.error : undefined).toMatchObject({ code: "throttled", retryable: true, requestId: "req-0001", provider: "amazon-bedrock" });
  });

  it("rejects the first next() with the classified error on a non-OK status", async () => {
    const response = fakeResponse({ status: 429, chunks: [Buffer.from('{"message":"Too many requests"}')] });
    const classify = fakeClassifier();
    const error = await rejectionOf(streamConverse(callInput(fakeSend(response), { classifyHttpError: classify })));
    expect(error).toMatchObject({ code: "throttled", status: 429 });
    expect(classify.failures).toEqual([{ status: 429, headers: expect.objectContaining({ "x-amzn-requestid": "req-0001" }), bodyText: '{"message":"Too many requests"}' }]);
    expect(response.state.cancelled).toBe(true);
  });

  it("rejects before sending a request Bedrock would refuse", async () => {
    const send = fakeSend();
    const error = await rejectionOf(streamConverse(callInput(send, { request: testRequest({ tools: [{ name: "bad name", parameters: {} }] }) })));
    expect(error.code).toBe("invalid-request");
    expect(send.requests).toHaveLength(0);
  });

  it("rejects when the transport fails, before or while reading the first byte", async () => {
    const refused = new BedrockKitError({ code: "unavailable", message: "ECONNREFUSED", hint: "h" });
    const send = Object.assign(async () => Promise.reject(refused), { requests: [] });
    expect(await rejectionOf(streamConverse(callInput(send)))).toBe(refused);

    const reset = fakeResponse({ chunks: [], failWith: new Error("socket hang up") });
    const error = await rejectionOf(streamConverse(callInput(fakeSend(reset))));
    expect(error).toMatchObject({ code: "unavailable", requestId: "req-0001" });
  });

  it("rejects an empty 200 body as stream-corrupt", async () => {
    expect(await rejectionOf(streamConverse(callInput(fakeSend(fakeResponse({ chunks: [] })))))).toMatchObject({ code: "stream-corrupt" });
  });

  it("ends with one error event when the connection fails mid-stream, keeping the text", async () => {
    const bytes = fixtureBytes("text.eventstream");
    const failure = new BedrockKitError({ code: "unavailable", message: "reset", hint: "h" });
    const response = fakeResponse({ chunks: [bytes.subarray(0, 300)], failWith: failure });
    const events = await collectEvents(streamConverse(callInput(fakeSend(response))));
    expect(events[0]?.type).toBe("start");
    expect(events.some((event) => event.type === "text-delta")).toBe(true);
    expect(events.at(-1)).toMatchObject({ type: "error", error: { code: "unavailable", message: "reset" } });
    expect(events.filter((event) => event.type === "error" || event.type === "finish")).toHaveLength(1);
  });

  it("reports a truncated last frame and a body without messageStop as stream-corrupt", async () => {
    const bytes = fixtureBytes("text.eventstream");
    const truncated = await collectEvents(streamConverse(callInput(fakeSend(fakeResponse({ chunks: [bytes.subarray(0, bytes.length - 3)] })))));
    expect(truncated.at(-1)).toMatchObject({ type: "error", error: { code: "stream-corrupt" } });

    // The text fixture's first five whole frames: everything up to, not including, messageStop.
    let end = 0;
    for (let frame = 0; frame < 5; frame += 1) end += bytes.readUInt32BE(end);
    const cut = await collectEvents(streamConverse(callInput(fakeSend(fakeResponse({ chunks: [bytes.subarray(0, end)] })))));
    expect(cut.map((event) => event.type)).toEqual(["start", "text-delta", "text-delta", "text-delta", "error"]);
    expect(cut.at(-1)).toMatchObject({ type: "error", error: { code: "stream-corrupt", message: expect.stringContaining("messageStop") } });
  });

  it("reports a corrupted byte as stream-corrupt, never hanging", async () => {
    const damaged = Buffer.from(fixtureBytes("text.eventstream"));
    damaged[200] = damaged[200]! ^ 0xff;
    const events = await collectEvents(streamConverse(callInput(fakeSend(fakeResponse({ chunks: splitBytes(damaged, { kind: "bytes", size: 64 }) })))));
    expect(events.at(-1)).toMatchObject({ type: "error", error: { code: "stream-corrupt" } });
  });

  it("rejects at once when the signal is already aborted", async () => {
    const send = fakeSend();
    const controller = new AbortController();
    controller.abort();
    expect(await rejectionOf(streamConverse(callInput(send, { signal: controller.signal })))).toMatchObject({ code: "aborted" });
    expect(send.requests).toHaveLength(0);
  });

  it("ends a stalled stream with an aborted error when the signal fires", async () => {
    const bytes = fixtureBytes("text.eventstream");
    const twoFrames = bytes.readUInt32BE(0) + bytes.readUInt32BE(bytes.readUInt32BE(0));
    const response = fakeResponse({ chunks: [bytes.subarray(0, twoFrames)], stallAfterChunks: true });
    const controller = new AbortController();
    const events: StreamEvent[] = [];
    for await (const event of streamConverse(callInput(fakeSend(response), { signal: controller.signal }))) {
      events.push(event);
      if (event.type === "text-delta") setTimeout(() => controller.abort(), 5);
    }
    expect(events.map((event) => event.type)).toEqual(["start", "text-delta", "error"]);
    expect(events.at(-1)).toMatchObject({ type: "error", error: { code: "aborted", retryable: false } });
    expect(response.state.cancelled).toBe(true);
  });

  it("cancels the body at once when return() is called while a read is pending", async () => {
    const bytes = fixtureBytes("text.eventstream");
    const response = fakeResponse({ chunks: [bytes.subarray(0, bytes.readUInt32BE(0))], stallAfterChunks: true });
    const iterator = streamConverse(callInput(fakeSend(response)))[Symbol.asyncIterator]();
    expect((await iterator.next()).value).toMatchObject({ type: "start" });
    const pending = iterator.next();
    await iterator.return!();
    expect(response.state.cancelled).toBe(true);
    expect(await pending).toEqual({ value: undefined, done: true });
    expect(await iterator.next()).toEqual({ value: undefined, done: true });
  });

  it("serves next() calls made without waiting, in order", async () => {
    const chunks = splitBytes(fixtureBytes("tool-call-metadata-first.eventstream"), { kind: "bytes", size: 33 });
    const expected = withoutMetadata(await collectEvents(streamConverse(callInput(fakeSend(fakeResponse({ chunks }))))));
    const iterator = streamConverse(callInput(fakeSend(fakeResponse({ chunks }))))[Symbol.asyncIterator]();
    const results = await Promise.all(Array.from({ length: expected.length + 2 }, () => iterator.next()));
    expect(withoutMetadata(results.filter((result) => !result.done).map((result) => result.value as StreamEvent))).toEqual(expected);
    expect(results.slice(-2).every((result) => result.done)).toBe(true);
  });

  it("reads the body to its end after the finish, so the connection can be reused", async () => {
    const response = fakeResponse({ chunks: [fixtureBytes("text.eventstream"), Buffer.alloc(0)] });
    const events = await collectEvents(streamConverse(callInput(fakeSend(response))));
    expect(events.at(-1)?.type).toBe("finish");
    expect(response.state.drained).toBe(true);
  });

  it("rejects a 200 that is not an event stream (a proxy page)", async () => {
    const response = fakeResponse({ headers: { "content-type": "text/html" }, chunks: [Buffer.from("<html>")] });
    const error = await rejectionOf(streamConverse(callInput(fakeSend(response))));
    expect(error).toMatchObject({ code: "unavailable", retryable: false, requestId: "req-0001" });
    expect(error.message).toContain("text/html");
    expect(response.state.cancelled).toBe(true);
    const right = fakeResponse({ headers: { "content-type": "application/vnd.amazon.eventstream" }, chunks: [fixtureBytes("text.eventstream")] });
    expect((await collectEvents(streamConverse(callInput(fakeSend(right))))).at(-1)?.type).toBe("finish");
  });

  it("cancels the body when the consumer stops early", async () => {
    const response = fakeResponse({ chunks: splitBytes(fixtureBytes("text.eventstream"), { kind: "bytes", size: 50 }) });
    for await (const event of streamConverse(callInput(fakeSend(response)))) {
      if (event.type === "text-delta") break;
    }
    expect(response.state.cancelled).toBe(true);
  });
});

describe("streamConverse for models that cannot stream tool use", () => {
  const llama = testModel({
    id: "llama4-maverick",
    wireId: "us.meta.llama4-maverick-17b-instruct-v1:0",
    reasoning: false,
    input: ["text"],
    maxTokens: 8192,
    compat: { toolsRequireNonStreaming: true },
  });

  it("calls /converse and replays the answer as the same events", async () => {
    const response = fakeResponse({ chunks: [Buffer.from(fixtureText("llama4-tool-call.converse.json"))] });
    const send = fakeSend(response);
    const events = await collectEvents(streamConverse(callInput(send, { model: llama, request: testRequest({ tools: [WEATHER_TOOL] }) })));
    expect(send.requests[0]!.path).toBe(`/model/${encodeURIComponent(llama.wireId)}/converse`);
    expect(send.requests[0]!.headers.accept).toBe("application/json");
    expect(withoutMetadata(events)).toEqual([
      { type: "start", model: llama.wireId, api: "bedrock-converse-stream" },
      { type: "text-delta", index: 0, text: "Let me look that up." },
      { type: "tool-call-delta", index: 1, id: "tooluse_llama_0", name: "get_weather", argumentsDelta: '{"city":"Paris","unit":"celsius"}' },
      { type: "tool-call", index: 1, id: "tooluse_llama_0", name: "get_weather", arguments: { city: "Paris", unit: "celsius" } },
      { type: "finish", reason: "tool-calls", usage: { input: 512, output: 31, cacheRead: 0, cacheWrite: 0 } },
    ]);
    expect(events.at(-1)).toMatchObject({ metadata: { requestId: "req-0001", wireId: llama.wireId } });
  });

  it("still streams when the request carries no tools", async () => {
    const send = fakeSend(fakeResponse({ chunks: [fixtureBytes("text.eventstream")] }));
    await collectEvents(streamConverse(callInput(send, { model: llama })));
    expect(send.requests[0]!.path).toMatch(/\/converse-stream$/);
  });

  it("rejects the first next() on a non-OK /converse status", async () => {
    const response = fakeResponse({ status: 400, chunks: [Buffer.from('{"message":"bad"}')] });
    const error = await rejectionOf(streamConverse(callInput(fakeSend(response), { model: llama, request: testRequest({ tools: [WEATHER_TOOL] }) })));
    expect(error).toMatchObject({ code: "invalid-request", status: 400 });
  });
});
