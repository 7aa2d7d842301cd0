import type { AssistantMessage, ImagePart, Message, TextPart, ToolMessage, UserMessage } from "@bedrock-kit/plugin-host";
import { CONVERSE_NAME_PATTERN, invalidRequest } from "./converse-request-errors.js";

/** One Converse content block (`{text}`, `{image}`, `{toolUse}`, `{toolResult}`, `{reasoningContent}`, `{cachePoint}`). */
export type ConverseContentBlock = Record<string, unknown>;

/** One Converse message. */
export interface ConverseMessage {
  /** Converse has two roles; tool results travel in `user` messages. */
  role: "user" | "assistant";
  /** Never empty. */
  content: ConverseContentBlock[];
}

/** What the conversion needs to know about the model. */
export interface ConverseMessageOptions {
  /** Replay reasoning that carries a signature (or is redacted); all other reasoning is dropped. */
  replaySignedReasoning: boolean;
  /** The model accepts image input. */
  acceptsImages: boolean;
}

/** The converted conversation and what the tool configuration needs to know about it. */
export interface ConvertedConversation {
  /** Alternating user/assistant messages, starting with a user message, none empty. */
  messages: ConverseMessage[];
  /** True when a toolUse or toolResult block is in the history (Bedrock then requires toolConfig). */
  hasToolBlocks: boolean;
  /** Names of the tools called in the history, in first-seen order. */
  calledToolNames: string[];
}

const IMAGE_FORMATS: Readonly<Record<string, string>> = {
  "image/png": "png",
  "image/jpeg": "jpeg",
  "image/jpg": "jpeg",
  "image/gif": "gif",
  "image/webp": "webp",
};

/** Bedrock rejects a tool result whose only text is empty; this stands in for "no output". */
export const EMPTY_TOOL_RESULT_TEXT = "(no output)";

/**
 * Convert the contract's conversation to Converse messages, with the hygiene Bedrock enforces:
 * blank text dropped (Bedrock rejects blank text blocks), empty messages dropped, consecutive
 * same-role messages merged (so consecutive tool results become one user message), reasoning
 * replayed only when signed, trailing whitespace trimmed from a final assistant text (unless
 * reasoning precedes it, whose signature covers the text), tool-use ids made to fit Bedrock's
 * pattern, duplicate ids in one message and bad tool names rejected before sending.
 */
export function convertToConverseMessages(messages: readonly Message[], options: ConverseMessageOptions): ConvertedConversation {
  const converted: ConverseMessage[] = [];
  const calledToolNames: string[] = [];
  let hasToolBlocks = false;
  messages.forEach((message, messageIndex) => {
    let role: ConverseMessage["role"];
    let content: ConverseContentBlock[];
    switch (message.role) {
      case "user":
        role = "user";
        content = convertUserContent(message, messageIndex, options);
        break;
      case "assistant":
        role = "assistant";
        content = convertAssistantContent(message, messageIndex, options, calledToolNames);
        break;
      case "tool":
        role = "user";
        content = convertToolResults(message, messageIndex, options);
        break;
      default:
        throw invalidRequest(
          `Message ${messageIndex} has an unknown role (${(message as { role?: unknown }).role as string}).`,
          "Use the roles user, assistant and tool.",
        );
    }
    if (content.length === 0) return;
    if (content.some((block) => block.toolUse !== undefined || block.toolResult !== undefined)) hasToolBlocks = true;
    const previous = converted[converted.length - 1];
    if (previous !== undefined && previous.role === role) previous.content.push(...content);
    else converted.push({ role, content });
  });
  trimFinalAssistantText(converted);
  if (converted.length === 0) {
    throw invalidRequest("The conversation has no non-empty message.", "Send at least one user message with text or an image.");
  }
  if (converted[0]!.role !== "user") {
    throw invalidRequest("The conversation starts with an assistant message.", "Bedrock Converse requires the first message to be a user message.");
  }
  converted.forEach(rejectDuplicateToolUseIds);
  return { messages: converted, hasToolBlocks, calledToolNames };
}

/**
 * Bedrock requires tool-use ids to match `[a-zA-Z0-9_-]{1,64}`; ids minted by other APIs may not
 * (`functions.get_weather:0`). The same id always maps to the same result, so calls and results
 * still pair up.
 */
export function toConverseToolUseId(id: string): string {
  if (CONVERSE_NAME_PATTERN.test(id)) return id;
  const sanitized = id.replace(/[^a-zA-Z0-9_-]/g, "_").slice(0, 64);
  return sanitized === "" ? "_" : sanitized;
}

function convertUserContent(message: UserMessage, messageIndex: number, options: ConverseMessageOptions): ConverseContentBlock[] {
  if (typeof message.content === "string") return textBlocks(message.content);
  return message.content.flatMap((part) => convertTextOrImage(part, messageIndex, options));
}

function convertTextOrImage(part: TextPart | ImagePart, messageIndex: number, options: ConverseMessageOptions): ConverseContentBlock[] {
  if (part.type === "text") return textBlocks(part.text);
  if (part.type === "image") return [imageBlock(part, messageIndex, options)];
  throw invalidRequest(
    `Message ${messageIndex} has a content part of unknown type (${(part as { type?: unknown }).type as string}).`,
    "Use text and image parts in user messages and tool results.",
  );
}

function textBlocks(text: string): ConverseContentBlock[] {
  return text.trim() === "" ? [] : [{ text }];
}

function imageBlock(part: ImagePart, messageIndex: number, options: ConverseMessageOptions): ConverseContentBlock {
  if (!options.acceptsImages) {
    throw invalidRequest(
      `Message ${messageIndex} contains an image, but this model does not accept image input.`,
      "Remove the image or choose a model whose input includes images.",
    );
  }
  const format = IMAGE_FORMATS[part.mediaType.toLowerCase()];
  if (format === undefined) {
    throw invalidRequest(
      `Message ${messageIndex} contains an image of type ${part.mediaType}, which Bedrock does not accept.`,
      "Send PNG, JPEG, GIF or WebP images.",
    );
  }
  const padding = part.data.endsWith("==") ? 2 : part.data.endsWith("=") ? 1 : 0;
  const bytes = Math.floor((part.data.length * 3) / 4) - padding;
  if (bytes > MAX_IMAGE_BYTES) {
    // Bedrock refuses it with a 400 only after the whole body was uploaded.
    throw invalidRequest(
      `Message ${messageIndex} has an image of ${(bytes / 1024 / 1024).toFixed(2)} MB; Converse accepts at most 3.75 MB per image.`,
      "Downscale or recompress the image (long side 1568 px is plenty for most models) and send it again.",
    );
  }
  return { image: { format, source: { bytes: part.data } } };
}

/** Converse's per-image limit, decoded bytes. */
const MAX_IMAGE_BYTES = 3.75 * 1024 * 1024;

function convertAssistantContent(
  message: AssistantMessage,
  messageIndex: number,
  options: ConverseMessageOptions,
  calledToolNames: string[],
): ConverseContentBlock[] {
  if (typeof message.content === "string") return textBlocks(message.content);
  const blocks: ConverseContentBlock[] = [];
  for (const part of message.content) {
    switch (part.type) {
      case "text":
        blocks.push(...textBlocks(part.text));
        break;
      case "reasoning":
        // Unsigned reasoning is never sent back: models that sign reasoning reject it unsigned,
        // and the others (gpt-oss) would get their raw reasoning fed back to them.
        if (!options.replaySignedReasoning) break;
        if (part.signature !== undefined && part.signature !== "") {
          blocks.push({ reasoningContent: { reasoningText: { text: part.text, signature: part.signature } } });
        } else if (part.redacted !== undefined && part.redacted !== "") {
          blocks.push({ reasoningContent: { redactedContent: part.redacted } });
        }
        break;
      case "tool-call": {
        if (!CONVERSE_NAME_PATTERN.test(part.name)) {
          throw invalidRequest(
            `Message ${messageIndex} calls a tool named "${part.name}", which Bedrock rejects.`,
            "Tool names must match [a-zA-Z0-9_-] and be 1 to 64 characters long; rename the tool.",
          );
        }
        if (!calledToolNames.includes(part.name)) calledToolNames.push(part.name);
        const input = typeof part.arguments === "object" && part.arguments !== null ? part.arguments : {};
        blocks.push({ toolUse: { toolUseId: toConverseToolUseId(part.id), name: part.name, input } });
        break;
      }
      default:
        throw invalidRequest(
          `Message ${messageIndex} has a content part of unknown type (${(part as { type?: unknown }).type as string}).`,
          "Use text, reasoning and tool-call parts in assistant messages.",
        );
    }
  }
  return blocks;
}

function convertToolResults(message: ToolMessage, messageIndex: number, options: ConverseMessageOptions): ConverseContentBlock[] {
  return message.content.map((result) => {
    const parts =
      typeof result.content === "string"
        ? textBlocks(result.content)
        : result.content.flatMap((part) => convertTextOrImage(part, messageIndex, options));
    const toolResult: Record<string, unknown> = {
      toolUseId: toConverseToolUseId(result.toolCallId),
      content: parts.length === 0 ? [{ text: EMPTY_TOOL_RESULT_TEXT }] : parts,
    };
    if (result.isError === true) toolResult.status = "error";
    return { toolResult };
  });
}

/**
 * Bedrock rejects trailing whitespace at the end of a final assistant turn (a prefill). Reasoning
 * before the text means the text is covered by a signature, so it is left byte-for-byte.
 */
function trimFinalAssistantText(messages: ConverseMessage[]): void {
  const last = messages[messages.length - 1];
  if (last === undefined || last.role !== "assistant") return;
  if (last.content.some((block) => block.reasoningContent !== undefined)) return;
  const lastBlock = last.content[last.content.length - 1];
  if (lastBlock === undefined || typeof lastBlock.text !== "string") return;
  const trimmed = lastBlock.text.trimEnd();
  if (trimmed !== "") {
    last.content[last.content.length - 1] = { text: trimmed };
    return;
  }
  last.content.pop();
  if (last.content.length === 0) messages.pop();
}

function rejectDuplicateToolUseIds(message: ConverseMessage, messageIndex: number): void {
  if (message.role !== "assistant") return;
  const seen = new Set<string>();
  for (const block of message.content) {
    const toolUse = block.toolUse as { toolUseId: string } | undefined;
    if (toolUse === undefined) continue;
    if (seen.has(toolUse.toolUseId)) {
      throw invalidRequest(
        `Assistant message ${messageIndex} (after merging) has two tool calls with the id "${toolUse.toolUseId}".`,
        "Give each tool call in a turn a unique id; some models reuse short ids, so regenerate them when replaying history.",
      );
    }
    seen.add(toolUse.toolUseId);
  }
}
