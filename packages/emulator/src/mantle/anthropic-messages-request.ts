import {
  type Conversation,
  firstStringProperty,
  isRecord,
  type LastTurn,
  type OfferedTool,
  type PromptSegment,
  textOf,
  type ToolChoice,
} from "../answer/conversation.js";
import type { ThinkingSigner } from "../answer/identifiers.js";
import { cacheTtlMsOf } from "../answer/prompt-cache.js";
import { anthropicError } from "../errors/anthropic-error-bodies.js";
import type { MantleEntry } from "../models/model-catalog.js";
import type { PreparedResponse } from "../server/http-exchange.js";

/** A validated Messages request. */
export interface MessagesRequest {
  readonly stream: boolean;
  readonly conversation: Conversation;
}

type Parsed<Value> = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly response: PreparedResponse };

type Invalid = (message: string) => Parsed<never>;

const THINKING_DOCS = "https://docs.claude.com/en/docs/build-with-claude/extended-thinking#max-tokens-and-context-window-size";

function checkThinking(body: Record<string, unknown>, entry: MantleEntry, maxTokens: number | undefined, invalid: Invalid): Parsed<boolean> {
  const thinking = isRecord(body.thinking) ? body.thinking : undefined;
  const type = thinking?.type;
  if (type === undefined || type === "disabled") return { ok: true, value: false };
  const accepted = entry.model.thinkingTypes ?? [];
  if (type === "enabled") {
    // Newer Claude accept only adaptive thinking (facts §1.6, LiteLLM #35670).
    if (!accepted.includes("enabled")) {
      return invalid('"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort"');
    }
    const budget = thinking?.budget_tokens;
    if (typeof budget !== "number" || budget < 1024) return invalid("thinking.enabled.budget_tokens: Input should be greater than or equal to 1024");
    if (maxTokens !== undefined && budget >= maxTokens) {
      return invalid(`\`max_tokens\` must be greater than \`thinking.budget_tokens\`. Please consult our documentation at ${THINKING_DOCS}`);
    }
    return { ok: true, value: true };
  }
  if (type === "adaptive") {
    if (!accepted.includes("adaptive")) return invalid('"thinking.type.adaptive" is not supported for this model. Use "thinking.type.enabled" with "thinking.budget_tokens"');
    return { ok: true, value: true };
  }
  return invalid(`thinking.type: Input tag '${String(type)}' found using 'type' does not match any of the expected tags: 'adaptive', 'disabled', 'enabled'`);
}

function blocksOf(content: unknown): Record<string, unknown>[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  return Array.isArray(content) ? content.filter(isRecord) : [];
}

function blockText(block: Record<string, unknown>): string {
  switch (block.type) {
    case "text":
      return typeof block.text === "string" ? block.text : "";
    case "tool_use":
      return `${String(block.name)} ${JSON.stringify(block.input ?? {})}`;
    case "tool_result":
      return textOf(block.content);
    case "thinking":
      return typeof block.thinking === "string" ? block.thinking : "";
    default:
      return "";
  }
}

/** Checks the message list as Anthropic does: `caller: null`, thinking signatures, tool_use/tool_result pairing. */
function checkMessages(messages: Record<string, unknown>[], signer: ThinkingSigner, invalid: Invalid): Parsed<true> {
  for (const [index, message] of messages.entries()) {
    const blocks = blocksOf(message.content);
    for (const [blockIndex, block] of blocks.entries()) {
      // Bedrock rejects a replayed `"caller": null` that first-party Anthropic tolerates (facts §5 #8).
      if (block.type === "tool_use" && "caller" in block && block.caller === null) {
        return invalid(`messages.${index}.content.${blockIndex}.tool_use.caller: Input should be a valid dictionary or object to extract fields from`);
      }
      if (block.type === "thinking" && !signer.verify(String(block.thinking ?? ""), block.signature)) {
        return invalid(`messages.${index}.content.${blockIndex}: Invalid \`signature\` in \`thinking\` block`);
      }
    }
    if (message.role === "user") {
      const previousUses = new Set(
        blocksOf(messages[index - 1]?.role === "assistant" ? messages[index - 1]?.content : []).filter((block) => block.type === "tool_use").map((block) => String(block.id)),
      );
      for (const [blockIndex, block] of blocks.entries()) {
        if (block.type === "tool_result" && !previousUses.has(String(block.tool_use_id))) {
          return invalid(
            `messages.${index}.content.${blockIndex}: unexpected \`tool_use_id\` found in \`tool_result\` blocks: ${String(block.tool_use_id)}. Each \`tool_result\` block must have a corresponding \`tool_use\` block in the previous message.`,
          );
        }
      }
    }
    const next = messages[index + 1];
    if (message.role === "assistant" && next) {
      const answered = new Set(blocksOf(next.content).filter((block) => block.type === "tool_result").map((block) => String(block.tool_use_id)));
      const unanswered = blocks.filter((block) => block.type === "tool_use" && !answered.has(String(block.id))).map((block) => String(block.id));
      if (unanswered.length > 0) {
        return invalid(
          `messages.${index}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${unanswered.join(", ")}. Each \`tool_use\` block must have a corresponding \`tool_result\` block in the next message.`,
        );
      }
    }
  }
  return { ok: true, value: true };
}

/** A segment for `text`, marked when `block` carries `cache_control`. */
function segment(text: string, block: Record<string, unknown>): PromptSegment {
  return isRecord(block.cache_control) ? { text, cacheMarker: true, cacheTtlMs: cacheTtlMsOf(block.cache_control) } : { text };
}

function segmentsOf(body: Record<string, unknown>, messages: Record<string, unknown>[]): PromptSegment[] {
  const segments: PromptSegment[] = [];
  for (const tool of Array.isArray(body.tools) ? body.tools.filter(isRecord) : []) {
    segments.push(segment(`${String(tool.name)} ${String(tool.description ?? "")}`, tool));
  }
  for (const block of blocksOf(body.system)) segments.push(segment(blockText(block), block));
  for (const message of messages) {
    for (const block of blocksOf(message.content)) segments.push(segment(blockText(block), block));
  }
  return segments;
}

function lastTurnOf(messages: Record<string, unknown>[]): LastTurn {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index] as Record<string, unknown>;
    if (message.role !== "user") continue;
    const blocks = blocksOf(message.content);
    const results = blocks.filter((block) => block.type === "tool_result");
    if (results.length > 0) return { kind: "tool-result", text: results.map(blockText).join("\n") };
    return { kind: "user", text: blocks.filter((block) => block.type === "text").map(blockText).join("\n") };
  }
  return { kind: "user", text: "" };
}

function toolsOf(body: Record<string, unknown>): OfferedTool[] {
  const tools: OfferedTool[] = [];
  for (const tool of Array.isArray(body.tools) ? body.tools.filter(isRecord) : []) {
    if (typeof tool.name !== "string" || tool.input_schema === undefined) continue;
    const property = firstStringProperty(tool.input_schema);
    tools.push({ name: tool.name, ...(property ? { firstStringProperty: property } : {}) });
  }
  return tools;
}

function toolChoiceOf(value: unknown): ToolChoice {
  if (!isRecord(value)) return { kind: "auto" };
  if (value.type === "none") return { kind: "none" };
  if (value.type === "any") return { kind: "any" };
  if (value.type === "tool" && typeof value.name === "string") return { kind: "tool", name: value.name };
  return { kind: "auto" };
}

/**
 * Validates a Messages body for `entry` as Bedrock's Anthropic surface does and reduces it to a
 * {@link Conversation}. `countOnly` (count_tokens) does not require `max_tokens`.
 */
export function parseMessagesRequest(
  body: Record<string, unknown>,
  entry: MantleEntry,
  signer: ThinkingSigner,
  requestId: string,
  countOnly = false,
): Parsed<MessagesRequest> {
  const invalid: Invalid = (message) => ({ ok: false, response: anthropicError(400, "invalid_request_error", message, requestId) });
  if (!Array.isArray(body.messages)) return invalid("messages: Field required");
  const messages = body.messages.filter(isRecord);
  const maxTokens = body.max_tokens;
  if (!countOnly) {
    if (maxTokens === undefined) return invalid("max_tokens: Field required");
    if (typeof maxTokens !== "number" || !Number.isInteger(maxTokens) || maxTokens < 1) return invalid("max_tokens: Input should be greater than or equal to 1");
    const limit = entry.model.maxOutputTokens;
    if (maxTokens > limit) {
      return invalid(`max_tokens: ${maxTokens} > ${limit}, which is the maximum allowed number of output tokens for ${entry.placement.id}`);
    }
  }
  if (!countOnly && entry.model.rejectsTemperature && body.temperature !== undefined) return invalid("`temperature` is deprecated for this model.");
  const thinking = checkThinking(body, entry, typeof maxTokens === "number" ? maxTokens : undefined, invalid);
  if (!thinking.ok) return thinking;
  const checked = checkMessages(messages, signer, invalid);
  if (!checked.ok) return checked;
  return {
    ok: true,
    value: {
      stream: body.stream === true,
      conversation: {
        segments: segmentsOf(body, messages),
        lastTurn: lastTurnOf(messages),
        tools: toolsOf(body),
        toolChoice: toolChoiceOf(body.tool_choice),
        ...(typeof maxTokens === "number" ? { maxTokens } : {}),
        reasoningRequested: thinking.value,
      },
    },
  };
}
