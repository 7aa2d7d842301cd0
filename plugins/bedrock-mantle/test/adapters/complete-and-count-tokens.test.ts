import { describe, expect, it } from "vitest";
import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { MANTLE_WIRE_ADAPTERS, countAnthropicTokens } from "../../src/adapters/index.js";
import { CHAT_MODEL, CLAUDE_MODEL, HELLO, RESPONSES_MODEL, callInput, fakeResponse, fakeSend, jsonResponse } from "./fake-mantle-transport.js";

describe("complete()", () => {
  it("Chat Completions: sends stream: false and maps the message like a stream", async () => {
    const send = fakeSend(
      jsonResponse(
        200,
        {
          id: "chatcmpl-1",
          object: "chat.completion",
          choices: [
            {
              index: 0,
              message: {
                role: "assistant",
                content: "Let me look.",
                reasoning_content: "Need the weather.",
                tool_calls: [
                  { id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
                  { id: "call_2", type: "function", function: { name: "get_time", arguments: "" } },
                ],
              },
              finish_reason: "tool_calls",
            },
          ],
          usage: { prompt_tokens: 40, completion_tokens: 20, prompt_tokens_details: { cached_tokens: 8 } },
        },
        { "x-amzn-requestid": "req-c" },
      ),
    );
    const result = await MANTLE_WIRE_ADAPTERS["openai-completions"].complete(callInput(CHAT_MODEL, send));
    const sent = JSON.parse(send.requests[0]!.body);
    expect(sent.stream).toBe(false);
    expect(sent).not.toHaveProperty("stream_options");
    expect(send.requests[0]!.headers.accept).toBe("application/json");
    expect(result.text).toBe("Let me look.");
    expect(result.reasoning).toBe("Need the weather.");
    expect(result.toolCalls).toEqual([
      { id: "call_1", name: "get_weather", arguments: { city: "Paris" } },
      { id: "call_2", name: "get_time", arguments: {} },
    ]);
    expect(result.finish).toMatchObject({ reason: "tool-calls", usage: { input: 32, output: 20, cacheRead: 8, cacheWrite: 0 }, metadata: { requestId: "req-c" } });
  });

  it("Responses: maps output items and returns the response id", async () => {
    const send = fakeSend(
      jsonResponse(200, {
        id: "resp_42",
        object: "response",
        status: "completed",
        output: [
          { id: "rs_1", type: "reasoning", summary: [{ type: "summary_text", text: "Thinking briefly." }] },
          { id: "msg_1", type: "message", role: "assistant", content: [{ type: "output_text", text: "Hi there", annotations: [] }] },
          { id: "fc_1", type: "function_call", call_id: "call_1", name: "lookup", arguments: '{"q":"x"}' },
        ],
        usage: { input_tokens: 30, input_tokens_details: { cached_tokens: 0 }, output_tokens: 12 },
      }),
    );
    const result = await MANTLE_WIRE_ADAPTERS["openai-responses"].complete(callInput(RESPONSES_MODEL, send));
    expect(JSON.parse(send.requests[0]!.body)).toMatchObject({ stream: false, store: false });
    expect(result).toMatchObject({
      text: "Hi there",
      reasoning: "Thinking briefly.",
      toolCalls: [{ id: "call_1", name: "lookup", arguments: { q: "x" } }],
      finish: { reason: "tool-calls", usage: { input: 30, output: 12 }, metadata: { responseId: "resp_42" } },
    });
  });

  it("Responses: an incomplete response finishes with its reason, a failed one rejects", async () => {
    const incomplete = await MANTLE_WIRE_ADAPTERS["openai-responses"].complete(
      callInput(RESPONSES_MODEL, fakeSend(jsonResponse(200, { id: "r", status: "incomplete", incomplete_details: { reason: "max_output_tokens" }, output: [] }))),
    );
    expect(incomplete.finish.reason).toBe("length");
    await expect(
      MANTLE_WIRE_ADAPTERS["openai-responses"].complete(
        callInput(RESPONSES_MODEL, fakeSend(jsonResponse(200, { id: "r", status: "failed", error: { code: "server_error", message: "boom" }, output: [] }))),
      ),
    ).rejects.toMatchObject({ code: "unavailable", message: "Upstream error: boom" });
  });

  it("Anthropic Messages: maps thinking, text and tool_use blocks", async () => {
    const send = fakeSend(
      jsonResponse(200, {
        id: "msg_1",
        type: "message",
        role: "assistant",
        content: [
          { type: "thinking", thinking: "Consider.", signature: "sig" },
          { type: "text", text: "Calling the tool." },
          { type: "tool_use", id: "toolu_1", name: "get_weather", input: { city: "Paris" } },
        ],
        stop_reason: "tool_use",
        usage: { input_tokens: 10, output_tokens: 30, cache_read_input_tokens: 5, cache_creation_input_tokens: 0 },
      }),
    );
    const result = await MANTLE_WIRE_ADAPTERS["anthropic-messages"].complete(callInput(CLAUDE_MODEL, send, { request: { ...HELLO, reasoning: "low" } }));
    expect(send.requests[0]!.headers["anthropic-version"]).toBe("2023-06-01");
    expect(JSON.parse(send.requests[0]!.body)).toMatchObject({ stream: false, thinking: { type: "enabled", budget_tokens: 2048 } });
    expect(result).toMatchObject({
      text: "Calling the tool.",
      reasoning: "Consider.",
      toolCalls: [{ id: "toolu_1", name: "get_weather", arguments: { city: "Paris" } }],
      finish: { reason: "tool-calls", usage: { input: 10, output: 30, cacheRead: 5, cacheWrite: 0 } },
    });
  });

  it("rejects with the classified HTTP error, an in-body error, or stream-corrupt for a body that is not JSON", async () => {
    const adapter = MANTLE_WIRE_ADAPTERS["anthropic-messages"];
    await expect(adapter.complete(callInput(CLAUDE_MODEL, fakeSend(jsonResponse(401, { type: "error", error: { type: "authentication_error" } }))))).rejects.toMatchObject({
      code: "auth",
      status: 401,
    });
    await expect(
      adapter.complete(callInput(CLAUDE_MODEL, fakeSend(jsonResponse(200, { type: "error", error: { type: "overloaded_error", message: "Overloaded" } })))),
    ).rejects.toMatchObject({ code: "unavailable" });
    await expect(adapter.complete(callInput(CLAUDE_MODEL, fakeSend(jsonResponse(200, "{truncated"))))).rejects.toMatchObject({ code: "stream-corrupt" });
    await expect(
      adapter.complete(callInput(CLAUDE_MODEL, fakeSend(fakeResponse({ headers: { "content-type": "text/html" }, chunks: ["<html/>"] })))),
    ).rejects.toMatchObject({ code: "unavailable", retryable: false });
  });
});

describe("countAnthropicTokens", () => {
  it("posts the countable fields to /messages/count_tokens and returns input_tokens", async () => {
    const send = fakeSend(jsonResponse(200, { input_tokens: 1234 }));
    const request = { ...HELLO, system: "Be brief.", maxTokens: 100, tools: [{ name: "t", parameters: { type: "object" } }], toolChoice: "auto" as const };
    await expect(countAnthropicTokens(callInput(CLAUDE_MODEL, send, { request }))).resolves.toBe(1234);
    expect(send.requests[0]).toMatchObject({ method: "POST", path: "/messages/count_tokens", headers: { "anthropic-version": "2023-06-01" } });
    expect(JSON.parse(send.requests[0]!.body)).toEqual({
      model: "anthropic.claude-sonnet-4-5",
      messages: [{ role: "user", content: "Hello" }],
      system: "Be brief.",
      tools: [{ name: "t", input_schema: { type: "object" } }],
      tool_choice: { type: "auto" },
    });
  });

  it("rejects with the classified HTTP error, or stream-corrupt without a count", async () => {
    const denied = await countAnthropicTokens(callInput(CLAUDE_MODEL, fakeSend(jsonResponse(403, { type: "error" })))).catch((caught: unknown) => caught);
    expect(denied).toBeInstanceOf(BedrockKitError);
    expect(denied).toMatchObject({ status: 403 });
    await expect(countAnthropicTokens(callInput(CLAUDE_MODEL, fakeSend(jsonResponse(200, { tokens: 3 }))))).rejects.toMatchObject({ code: "stream-corrupt" });
  });
});
