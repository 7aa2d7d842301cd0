import { AnthropicMessagesEventMapper } from "./anthropic-messages-event-mapper.js";
import { isJsonObject, type JsonObject } from "./json-guards.js";
import type { MappedResponse } from "./wire-event-mapper.js";

function blockEvents(block: JsonObject, index: number, events: JsonObject[]): void {
  switch (block.type) {
    case "text":
      events.push({ type: "content_block_start", index, content_block: { type: "text", text: "" } });
      events.push({ type: "content_block_delta", index, delta: { type: "text_delta", text: block.text } });
      break;
    case "thinking":
      events.push({ type: "content_block_start", index, content_block: { type: "thinking", thinking: "" } });
      events.push({ type: "content_block_delta", index, delta: { type: "thinking_delta", thinking: block.thinking } });
      if (typeof block.signature === "string") events.push({ type: "content_block_delta", index, delta: { type: "signature_delta", signature: block.signature } });
      break;
    case "redacted_thinking":
      events.push({ type: "content_block_start", index, content_block: block });
      break;
    case "tool_use":
      events.push({ type: "content_block_start", index, content_block: { type: "tool_use", id: block.id, name: block.name, input: {} } });
      events.push({ type: "content_block_delta", index, delta: { type: "input_json_delta", partial_json: JSON.stringify(block.input ?? {}) } });
      break;
    default:
      return;
  }
  events.push({ type: "content_block_stop", index });
}

/**
 * A non-streaming Messages body rewritten as the stream events that would have carried it, so both
 * paths share one mapping.
 */
export function anthropicMessageToStreamEvents(message: unknown): unknown[] {
  if (!isJsonObject(message) || message.type === "error") return [message];
  const events: JsonObject[] = [{ type: "message_start", message: { ...message, content: [] } }];
  const content = Array.isArray(message.content) ? message.content : [];
  content.forEach((block: unknown, index: number) => {
    if (isJsonObject(block)) blockEvents(block, index, events);
  });
  events.push({ type: "message_delta", delta: { stop_reason: message.stop_reason } });
  events.push({ type: "message_stop" });
  return events;
}

/** A non-streaming Messages body (parsed) → the contract events a stream would give. */
export function mapAnthropicMessageResponse(message: unknown): MappedResponse {
  const mapper = new AnthropicMessagesEventMapper();
  for (const event of anthropicMessageToStreamEvents(message)) mapper.handleEvent(event);
  mapper.handleEnd();
  return { events: mapper.sink.events, responseId: undefined };
}
