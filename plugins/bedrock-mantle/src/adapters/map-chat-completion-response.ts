import { ChatCompletionsEventMapper } from "./chat-completions-event-mapper.js";
import { isJsonObject, objectField } from "./json-guards.js";
import type { MappedResponse } from "./wire-event-mapper.js";

/**
 * A non-streaming `chat.completion` rewritten as the one chunk that would have carried it
 * (message → delta, tool calls indexed), so both paths share one mapping.
 */
export function chatCompletionToChunk(completion: unknown): unknown {
  if (!isJsonObject(completion) || completion.error !== undefined) return completion;
  const choices = completion.choices;
  const choice: unknown = Array.isArray(choices) ? choices[0] : undefined;
  if (!isJsonObject(choice)) return { ...completion, choices: [] };
  const message = objectField(choice, "message") ?? {};
  const toolCalls = Array.isArray(message.tool_calls)
    ? message.tool_calls.map((toolCall: unknown, index: number) => (isJsonObject(toolCall) ? { ...toolCall, index } : toolCall))
    : undefined;
  return {
    ...completion,
    choices: [{ index: 0, delta: { ...message, ...(toolCalls !== undefined && { tool_calls: toolCalls }) }, finish_reason: choice.finish_reason }],
  };
}

/** A non-streaming Chat Completions response body (parsed) → the contract events a stream would give. */
export function mapChatCompletionResponse(completion: unknown): MappedResponse {
  const mapper = new ChatCompletionsEventMapper();
  mapper.handleChunk(chatCompletionToChunk(completion));
  mapper.handleDone();
  return { events: mapper.sink.events, responseId: undefined };
}
