import type { ChatRequest, ImagePart, TextPart } from "@bedrock-kit/plugin-host";
import { imageDataUrl } from "./json-send-request.js";
import { serializeToolCallArguments } from "./parse-tool-call-arguments.js";

/** One Responses `input` item as sent. */
export type ResponsesInputItem = Record<string, unknown>;

function inputContent(parts: ReadonlyArray<TextPart | ImagePart>): Array<Record<string, unknown>> {
  return parts.map((part) =>
    part.type === "text" ? { type: "input_text", text: part.text } : { type: "input_image", image_url: imageDataUrl(part.mediaType, part.data) },
  );
}

/**
 * The contract's conversation as Responses `input` items: messages, `function_call` and
 * `function_call_output`. Reasoning is replayed only as the encrypted item it came from
 * (`redacted` = `encrypted_content`, `signature` = the item id): with `store: false` nothing else
 * lets the model trust it, and plain text reasoning would leak raw thoughts into the prompt.
 */
export function toResponsesInput(request: ChatRequest): ResponsesInputItem[] {
  const items: ResponsesInputItem[] = [];
  for (const message of request.messages) {
    switch (message.role) {
      case "user":
        items.push({
          type: "message",
          role: "user",
          content: typeof message.content === "string" ? message.content : inputContent(message.content),
        });
        break;
      case "assistant": {
        if (typeof message.content === "string") {
          items.push({ type: "message", role: "assistant", content: message.content });
          break;
        }
        for (const part of message.content) {
          if (part.type === "text") {
            if (part.text.length > 0) items.push({ type: "message", role: "assistant", content: part.text });
          } else if (part.type === "tool-call") {
            items.push({ type: "function_call", call_id: part.id, name: part.name, arguments: serializeToolCallArguments(part.arguments) });
          } else if (part.redacted !== undefined) {
            items.push({
              type: "reasoning",
              ...(part.signature !== undefined && { id: part.signature }),
              summary: part.text.length > 0 ? [{ type: "summary_text", text: part.text }] : [],
              encrypted_content: part.redacted,
            });
          }
        }
        break;
      }
      case "tool":
        for (const result of message.content) {
          items.push({
            type: "function_call_output",
            call_id: result.toolCallId,
            output: typeof result.content === "string" ? result.content : inputContent(result.content),
          });
        }
        break;
    }
  }
  return items;
}
