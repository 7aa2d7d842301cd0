import type { ChatRequest, ImagePart, TextPart, ToolResultPart } from "@bedrock-kit/plugin-host";
import { imageDataUrl } from "./json-send-request.js";
import { serializeToolCallArguments } from "./parse-tool-call-arguments.js";

type ChatContentPart = { type: "text"; text: string } | { type: "image_url"; image_url: { url: string } };

/** One Chat Completions message as sent. */
export type ChatCompletionsMessage = Record<string, unknown>;

function contentParts(parts: ReadonlyArray<TextPart | ImagePart>): ChatContentPart[] {
  return parts.map((part) =>
    part.type === "text" ? { type: "text", text: part.text } : { type: "image_url", image_url: { url: imageDataUrl(part.mediaType, part.data) } },
  );
}

function toolResultText(result: ToolResultPart): string {
  if (typeof result.content === "string") return result.content;
  const texts: string[] = [];
  for (const part of result.content) if (part.type === "text") texts.push(part.text);
  return texts.join("\n");
}

/**
 * The contract's conversation as Chat Completions messages. Reasoning is not replayed: the API has
 * no field for it and the models behind Mantle (gpt-oss, Qwen, DeepSeek…) either ignore or reject
 * it. Tool messages carry text only, so images a tool returned follow in one user message.
 */
export function toChatCompletionsMessages(request: ChatRequest): ChatCompletionsMessage[] {
  const messages: ChatCompletionsMessage[] = [];
  if (request.system !== undefined && request.system.length > 0) messages.push({ role: "system", content: request.system });
  for (const message of request.messages) {
    switch (message.role) {
      case "user":
        messages.push({ role: "user", content: typeof message.content === "string" ? message.content : contentParts(message.content) });
        break;
      case "assistant": {
        if (typeof message.content === "string") {
          messages.push({ role: "assistant", content: message.content });
          break;
        }
        const texts: string[] = [];
        const toolCalls: Array<Record<string, unknown>> = [];
        for (const part of message.content) {
          if (part.type === "text") texts.push(part.text);
          else if (part.type === "tool-call") {
            toolCalls.push({ id: part.id, type: "function", function: { name: part.name, arguments: serializeToolCallArguments(part.arguments) } });
          }
        }
        const assistant: ChatCompletionsMessage = { role: "assistant" };
        // With tool calls the content may be omitted; without, an empty string keeps the turn valid.
        if (texts.length > 0 || toolCalls.length === 0) assistant.content = texts.join("");
        if (toolCalls.length > 0) assistant.tool_calls = toolCalls;
        messages.push(assistant);
        break;
      }
      case "tool": {
        const images: ChatContentPart[] = [];
        for (const result of message.content) {
          messages.push({ role: "tool", tool_call_id: result.toolCallId, content: toolResultText(result) });
          if (typeof result.content !== "string") {
            for (const part of result.content) {
              if (part.type === "image") images.push({ type: "image_url", image_url: { url: imageDataUrl(part.mediaType, part.data) } });
            }
          }
        }
        if (images.length > 0) messages.push({ role: "user", content: [{ type: "text", text: "Images returned by the tool calls above:" }, ...images] });
        break;
      }
    }
  }
  return messages;
}
