import type { AssistantMessage, ChatRequest, ImagePart, TextPart, ToolResultPart } from "@bedrock-kit/plugin-host";
import { isJsonObject } from "./json-guards.js";

/** One Messages API content block as sent. */
export type AnthropicContentBlock = Record<string, unknown>;

/** One Messages API turn as sent. */
export interface AnthropicMessage {
  /** Speaker. */
  role: "user" | "assistant";
  /** Blocks (or plain text). */
  content: string | AnthropicContentBlock[];
}

function userBlocks(parts: ReadonlyArray<TextPart | ImagePart>): AnthropicContentBlock[] {
  return parts.map((part) =>
    part.type === "text"
      ? { type: "text", text: part.text }
      : { type: "image", source: { type: "base64", media_type: part.mediaType, data: part.data } },
  );
}

function toolResultBlock(result: ToolResultPart): AnthropicContentBlock {
  return {
    type: "tool_result",
    tool_use_id: result.toolCallId,
    content: typeof result.content === "string" ? result.content : userBlocks(result.content),
    ...(result.isError === true && { is_error: true }),
  };
}

/**
 * Replayed assistant blocks. `tool_use` carries exactly {type, id, name, input} (Bedrock rejects
 * extra nulls such as `caller: null`); thinking is replayed only with its signature (or as
 * `redacted_thinking`), since unsigned thinking is rejected; empty text blocks are rejected too.
 */
function assistantBlocks(message: AssistantMessage): AnthropicContentBlock[] {
  if (typeof message.content === "string") return message.content.length > 0 ? [{ type: "text", text: message.content }] : [];
  const blocks: AnthropicContentBlock[] = [];
  for (const part of message.content) {
    if (part.type === "text") {
      if (part.text.length > 0) blocks.push({ type: "text", text: part.text });
    } else if (part.type === "tool-call") {
      // Input must be an object; arguments that never parsed (a raw string) replay as {} (docs/adr/0401).
      blocks.push({ type: "tool_use", id: part.id, name: part.name, input: isJsonObject(part.arguments) ? part.arguments : {} });
    } else if (part.redacted !== undefined) {
      blocks.push({ type: "redacted_thinking", data: part.redacted });
    } else if (part.signature !== undefined) {
      blocks.push({ type: "thinking", thinking: part.text, signature: part.signature });
    }
  }
  return blocks;
}

/** Append user content, merging into the previous turn when it is a user turn too. */
function appendUserContent(turns: AnthropicMessage[], content: string | AnthropicContentBlock[]): void {
  const previous = turns[turns.length - 1];
  if (previous === undefined || previous.role !== "user") {
    turns.push({ role: "user", content: typeof content === "string" ? content : [...content] });
    return;
  }
  if (typeof previous.content === "string") previous.content = [{ type: "text", text: previous.content }];
  if (typeof content === "string") previous.content.push({ type: "text", text: content });
  else previous.content.push(...content);
}

/**
 * The contract's conversation as Messages API turns. Consecutive user-side content (tool results of
 * parallel calls, a user message right after them) merges into one user turn, so roles alternate as
 * the validator expects; an assistant turn left empty (only unsigned reasoning) is dropped; a final
 * assistant prefill loses trailing whitespace, which the API rejects.
 */
export function toAnthropicMessages(request: ChatRequest): AnthropicMessage[] {
  const turns: AnthropicMessage[] = [];
  for (const message of request.messages) {
    if (message.role === "tool") appendUserContent(turns, message.content.map(toolResultBlock));
    else if (message.role === "user") appendUserContent(turns, typeof message.content === "string" ? message.content : userBlocks(message.content));
    else {
      const blocks = assistantBlocks(message);
      if (blocks.length > 0) turns.push({ role: "assistant", content: blocks });
    }
  }
  const last = turns[turns.length - 1];
  if (last !== undefined && last.role === "assistant" && Array.isArray(last.content)) {
    const lastBlock = last.content[last.content.length - 1];
    if (lastBlock !== undefined && lastBlock.type === "text" && typeof lastBlock.text === "string") {
      const trimmed = lastBlock.text.trimEnd();
      if (trimmed.length > 0) last.content[last.content.length - 1] = { type: "text", text: trimmed };
      else last.content.pop();
      if (last.content.length === 0) turns.pop();
    }
  }
  return turns;
}
