import { describe, expect, it } from "vitest";
import type { ChatRequest, ModelDefinition } from "@bedrock-kit/plugin-host";
import {
  buildAnthropicMessagesRequest,
  buildChatCompletionsRequest,
  buildResponsesRequest,
  type BuildRequestOptions,
  type MantleSendRequest,
} from "../../src/adapters/index.js";
import { CHAT_MODEL, CLAUDE_MODEL, HELLO, RESPONSES_MODEL } from "./fake-mantle-transport.js";

type Builder = (model: ModelDefinition, request: ChatRequest, options: BuildRequestOptions) => MantleSendRequest;

const BUILDERS: ReadonlyArray<readonly [string, Builder, ModelDefinition]> = [
  ["chat completions", buildChatCompletionsRequest, CHAT_MODEL],
  ["responses", buildResponsesRequest, RESPONSES_MODEL],
  ["anthropic messages", buildAnthropicMessagesRequest, CLAUDE_MODEL],
];

function rejection(builder: Builder, model: ModelDefinition, request: ChatRequest) {
  try {
    builder(model, request, { stream: true });
  } catch (error) {
    return error as { code: string; message: string; hint: string; retryable: boolean };
  }
  throw new Error("expected the builder to throw");
}

describe.each(BUILDERS)("request validation (%s)", (_name, builder, model) => {
  it("rejects an empty conversation", () => {
    const error = rejection(builder, model, { messages: [] });
    expect(error).toMatchObject({ code: "invalid-request", retryable: false, message: "The request has no messages." });
    expect(error.hint).toContain("user message");
  });

  it("rejects tool names the APIs refuse, in definitions and in replayed calls", () => {
    const badDefinition = rejection(builder, model, { ...HELLO, tools: [{ name: "get weather", parameters: {} }] });
    expect(badDefinition.code).toBe("invalid-request");
    expect(badDefinition.hint).toContain("^[a-zA-Z0-9_-]{1,64}$");
    const tooLong = rejection(builder, model, { ...HELLO, tools: [{ name: "x".repeat(65), parameters: {} }] });
    expect(tooLong.code).toBe("invalid-request");
    const replayed = rejection(builder, model, {
      messages: [HELLO.messages[0]!, { role: "assistant", content: [{ type: "tool-call", id: "c", name: "ns.tool", arguments: {} }] }],
    });
    expect(replayed.message).toContain("replayed tool call");
  });

  it("rejects maxTokens over the model's cap as context-overflow, before sending", () => {
    const error = rejection(builder, model, { ...HELLO, maxTokens: model.maxTokens + 1 });
    expect(error.code).toBe("context-overflow");
    expect(error.hint).toContain(String(model.maxTokens));
    expect(rejection(builder, model, { ...HELLO, maxTokens: 0 }).code).toBe("invalid-request");
    expect(rejection(builder, model, { ...HELLO, maxTokens: 1.5 }).code).toBe("invalid-request");
  });

  it("rejects a toolChoice naming a tool that is not offered", () => {
    const error = rejection(builder, model, { ...HELLO, tools: [{ name: "a", parameters: {} }], toolChoice: { name: "b" } });
    expect(error.code).toBe("invalid-request");
  });

  it("rejects structured output on a model without it", () => {
    const request: ChatRequest = { ...HELLO, responseFormat: { type: "json-schema", name: "x", schema: {} } };
    const error = rejection(builder, { ...model, compat: { ...model.compat, structuredOutput: false } }, request);
    expect(error.code).toBe("invalid-request");
    expect(() => builder(model, request, { stream: true })).not.toThrow();
  });
});
