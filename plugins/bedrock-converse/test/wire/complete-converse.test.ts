import { describe, expect, it } from "vitest";
import { BedrockKitError, collectCompletion } from "@bedrock-kit/plugin-host";
import { completeConverse, converseResponseToEvents, mapConverseResponseBody, streamConverse } from "../../src/wire/index.js";
import { callInput, fakeClassifier, fakeResponse, fakeSend, fixtureBytes, fixtureText, testRequest } from "./converse-test-helpers.js";

function answer(body: unknown) {
  return fakeResponse({ chunks: [Buffer.from(typeof body === "string" ? body : JSON.stringify(body))] });
}

async function rejection(promise: Promise<unknown>): Promise<BedrockKitError> {
  try {
    await promise;
  } catch (error) {
    if (BedrockKitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("completeConverse", () => {
  it("posts to /converse and returns the collected answer with call metadata", async () => {
    const send = fakeSend(answer(fixtureText("text.converse.json")));
    const input = callInput(send);
    const result = await completeConverse(input);
    expect(send.requests[0]!.path).toBe("/model/us.anthropic.claude-sonnet-4-6/converse");
    expect(send.requests[0]!.headers).toEqual({ "content-type": "application/json", accept: "application/json" });
    expect(result).toEqual({
      text: "Hello, world!",
      reasoning: "",
      toolCalls: [],
      finish: {
        type: "finish",
        reason: "stop",
        usage: { input: 12, output: 5, cacheRead: 0, cacheWrite: 0 },
        metadata: expect.objectContaining({ requestId: "req-0001", provider: "amazon-bedrock", attempts: 1 }),
      },
    });
  });

  it("agrees with the streamed answer of the same content", async () => {
    const completed = await completeConverse(callInput(fakeSend(answer(fixtureText("text.converse.json")))));
    const streamed = await collectCompletion(streamConverse(callInput(fakeSend(fakeResponse({ chunks: [fixtureBytes("text.eventstream")] })))));
    expect({ ...completed, finish: { ...completed.finish, metadata: undefined } }).toEqual({
      ...streamed,
      finish: { ...streamed.finish, metadata: undefined },
    });
  });

  it("returns tool calls with parsed arguments", async () => {
    const result = await completeConverse(callInput(fakeSend(answer(fixtureText("llama4-tool-call.converse.json")))));
    expect(result.text).toBe("Let me look that up.");
    expect(result.toolCalls).toEqual([{ id: "tooluse_llama_0", name: "get_weather", arguments: { city: "Paris", unit: "celsius" } }]);
    expect(result.finish.reason).toBe("tool-calls");
  });

  it("returns reasoning, and structured output from the synthetic tool as text", async () => {
    const body = {
      output: {
        message: {
          role: "assistant",
          content: [
            { reasoningContent: { reasoningText: { text: "Six times seven.", signature: "c2ln" } } },
            { toolUse: { toolUseId: "t1", name: "json", input: { answer: 42 } } },
          ],
        },
      },
      stopReason: "tool_use",
      usage: { inputTokens: 9, outputTokens: 12, totalTokens: 21 },
    };
    const request = testRequest({ responseFormat: { type: "json-schema", name: "answer", schema: { type: "object" } } });
    const result = await completeConverse(callInput(fakeSend(answer(body)), { request }));
    expect(result.reasoning).toBe("Six times seven.");
    expect(JSON.parse(result.text)).toEqual({ answer: 42 });
    expect(result.toolCalls).toEqual([]);
    expect(result.finish.reason).toBe("stop");
  });

  it("rejects with the classified error on a non-OK status", async () => {
    const classify = fakeClassifier();
    const response = fakeResponse({ status: 429, chunks: [Buffer.from('{"message":"slow down"}')] });
    const error = await rejection(completeConverse(callInput(fakeSend(response), { classifyHttpError: classify })));
    expect(error).toMatchObject({ code: "throttled", status: 429 });
    expect(classify.failures[0]).toMatchObject({ status: 429, bodyText: '{"message":"slow down"}' });
    expect(response.state.cancelled).toBe(true);
  });

  it("rejects an unreadable or incomplete answer as stream-corrupt", async () => {
    expect(await rejection(completeConverse(callInput(fakeSend(answer("<html>proxy</html>")))))).toMatchObject({ code: "stream-corrupt" });
    const noStop = { output: { message: { role: "assistant", content: [{ text: "hi" }] } }, usage: {} };
    expect(await rejection(completeConverse(callInput(fakeSend(answer(noStop)))))).toMatchObject({ code: "stream-corrupt" });
  });

  it("rejects a request Bedrock would refuse without sending it", async () => {
    const send = fakeSend();
    const error = await rejection(completeConverse(callInput(send, { request: { messages: [] } })));
    expect(error.code).toBe("invalid-request");
    expect(send.requests).toHaveLength(0);
  });
});

describe("converseResponseToEvents", () => {
  it("rebuilds the stream events of an answer, block by block", () => {
    expect(
      converseResponseToEvents({
        output: {
          message: {
            content: [
              { reasoningContent: { redactedContent: "cmVk" } },
              { text: "Hi" },
              { toolUse: { toolUseId: "t1", name: "now", input: {} } },
              { image: { format: "png" } },
            ],
          },
        },
        stopReason: "tool_use",
        usage: { inputTokens: 1, outputTokens: 2 },
      }),
    ).toEqual([
      { eventType: "messageStart", payload: { role: "assistant" } },
      { eventType: "contentBlockDelta", payload: { contentBlockIndex: 0, delta: { reasoningContent: { redactedContent: "cmVk" } } } },
      { eventType: "contentBlockStop", payload: { contentBlockIndex: 0 } },
      { eventType: "contentBlockDelta", payload: { contentBlockIndex: 1, delta: { text: "Hi" } } },
      { eventType: "contentBlockStop", payload: { contentBlockIndex: 1 } },
      { eventType: "contentBlockStart", payload: { contentBlockIndex: 2, start: { toolUse: { toolUseId: "t1", name: "now" } } } },
      { eventType: "contentBlockDelta", payload: { contentBlockIndex: 2, delta: { toolUse: { input: "{}" } } } },
      { eventType: "contentBlockStop", payload: { contentBlockIndex: 2 } },
      { eventType: "messageStop", payload: { stopReason: "tool_use" } },
      { eventType: "metadata", payload: { usage: { inputTokens: 1, outputTokens: 2 } } },
    ]);
  });

  it("maps a body through the stream's mapper", () => {
    expect(mapConverseResponseBody(fixtureText("text.converse.json")).map((event) => event.type)).toEqual(["text-delta", "finish"]);
  });
});
