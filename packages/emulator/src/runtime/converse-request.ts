import {
  type Conversation,
  firstStringProperty,
  isRecord,
  type LastTurn,
  type OfferedTool,
  type PromptSegment,
  type ToolChoice,
} from "../answer/conversation.js";
import type { ThinkingSigner } from "../answer/identifiers.js";
import { cacheTtlMsOf } from "../answer/prompt-cache.js";
import { validationException } from "../errors/aws-json-error-bodies.js";
import type { RuntimeEntry } from "../models/model-catalog.js";
import type { PreparedResponse } from "../server/http-exchange.js";

type Parsed<Value> = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly response: PreparedResponse };

const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]+$/;

function invalid(message: string): Parsed<never> {
  return { ok: false, response: validationException(message) };
}

/** "The model returned the following errors: …", how Bedrock relays a model-side 400. */
function modelError(message: string): Parsed<never> {
  return invalid(`The model returned the following errors: ${message}`);
}

function blocksOf(message: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(message.content) ? message.content.filter(isRecord) : [];
}

function toolResultText(block: Record<string, unknown>): string {
  const result = isRecord(block.toolResult) ? block.toolResult : {};
  const parts = Array.isArray(result.content) ? result.content.filter(isRecord) : [];
  return parts.map((part) => (typeof part.text === "string" ? part.text : part.json !== undefined ? JSON.stringify(part.json) : "")).join("\n");
}

function blockText(block: Record<string, unknown>): string | undefined {
  if (typeof block.text === "string") return block.text;
  if (isRecord(block.toolUse)) return `${String(block.toolUse.name)} ${JSON.stringify(block.toolUse.input ?? {})}`;
  if (isRecord(block.toolResult)) return toolResultText(block);
  if (isRecord(block.reasoningContent) && isRecord(block.reasoningContent.reasoningText)) return String(block.reasoningContent.reasoningText.text ?? "");
  return undefined;
}

/** Appends the text of `blocks`, turning each `cachePoint` into a marker on the segment before it. */
function pushSegments(segments: PromptSegment[], blocks: Record<string, unknown>[]): void {
  for (const block of blocks) {
    if (isRecord(block.cachePoint)) {
      const last = segments.pop();
      if (last) segments.push({ ...last, cacheMarker: true, cacheTtlMs: cacheTtlMsOf(block.cachePoint) });
      continue;
    }
    const text = blockText(block) ?? (isRecord(block.toolSpec) ? `${String(block.toolSpec.name)} ${String(block.toolSpec.description ?? "")}` : undefined);
    if (text !== undefined) segments.push({ text });
  }
}

function checkMessages(messages: Record<string, unknown>[], hasToolConfig: boolean, entry: RuntimeEntry, signer: ThinkingSigner): Parsed<true> {
  if (messages.length === 0 || messages[0]?.role !== "user") {
    return invalid("A conversation must start with a user message. Try again with a conversation that starts with a user message.");
  }
  const signsThinking = entry.model.providerName === "Anthropic";
  for (const [index, message] of messages.entries()) {
    if (index > 0 && messages[index - 1]?.role === message.role) {
      return invalid("A conversation must alternate between user and assistant roles. Make sure the conversation alternates between user and assistant roles and try again.");
    }
    const blocks = blocksOf(message);
    if (blocks.length === 0) {
      return invalid(`The content field in the Message object at messages.${index} is empty. Add a ContentBlock object to the content field and try again.`);
    }
    for (const [blockIndex, block] of blocks.entries()) {
      if (!hasToolConfig && (isRecord(block.toolUse) || isRecord(block.toolResult))) {
        return invalid("The toolConfig field must be defined when using toolUse and toolResult content blocks.");
      }
      const reasoning = isRecord(block.reasoningContent) && isRecord(block.reasoningContent.reasoningText) ? block.reasoningContent.reasoningText : undefined;
      if (reasoning && signsThinking && !signer.verify(String(reasoning.text ?? ""), reasoning.signature)) {
        return modelError(`messages.${index}.content.${blockIndex}: Invalid \`signature\` in \`thinking\` block`);
      }
    }
  }
  return { ok: true, value: true };
}

function toolsOf(toolConfig: Record<string, unknown> | undefined): Parsed<OfferedTool[]> {
  const tools: OfferedTool[] = [];
  const entries = Array.isArray(toolConfig?.tools) ? toolConfig.tools.filter(isRecord) : [];
  for (const [index, tool] of entries.entries()) {
    if (!isRecord(tool.toolSpec)) continue;
    const name = String(tool.toolSpec.name ?? "");
    if (!TOOL_NAME_PATTERN.test(name)) {
      return invalid(
        `1 validation error detected: Value '${name}' at 'toolConfig.tools.${index + 1}.member.toolSpec.name' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9_-]+`,
      );
    }
    const schema = isRecord(tool.toolSpec.inputSchema) ? tool.toolSpec.inputSchema.json : undefined;
    const property = firstStringProperty(schema);
    tools.push({ name, ...(property ? { firstStringProperty: property } : {}) });
  }
  return { ok: true, value: tools };
}

function toolChoiceOf(toolConfig: Record<string, unknown> | undefined): ToolChoice {
  const choice = isRecord(toolConfig?.toolChoice) ? toolConfig.toolChoice : undefined;
  if (isRecord(choice?.any)) return { kind: "any" };
  if (isRecord(choice?.tool) && typeof choice.tool.name === "string") return { kind: "tool", name: choice.tool.name };
  return { kind: "auto" };
}

function lastTurnOf(messages: Record<string, unknown>[]): LastTurn {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index] as Record<string, unknown>;
    if (message.role !== "user") continue;
    const blocks = blocksOf(message);
    const results = blocks.filter((block) => isRecord(block.toolResult));
    if (results.length > 0) return { kind: "tool-result", text: results.map(toolResultText).join("\n") };
    return { kind: "user", text: blocks.filter((block) => typeof block.text === "string").map((block) => block.text as string).join("\n") };
  }
  return { kind: "user", text: "" };
}

/** Whether the request asks for reasoning, after checking Claude thinking types (facts §3.2). */
function reasoningOf(fields: Record<string, unknown>, entry: RuntimeEntry): Parsed<boolean> {
  const thinking = isRecord(fields.thinking) ? fields.thinking : undefined;
  const accepted = entry.model.thinkingTypes;
  if (thinking && accepted) {
    if (thinking.type === "enabled" && !accepted.includes("enabled")) {
      return modelError('"thinking.type.enabled" is not supported for this model. Use "thinking.type.adaptive" and "output_config.effort"');
    }
    if (thinking.type === "enabled" || thinking.type === "adaptive") return { ok: true, value: true };
  }
  const effort = fields.reasoning_effort;
  const config = isRecord(fields.reasoningConfig) ? fields.reasoningConfig : undefined;
  return { ok: true, value: (typeof effort === "string" && effort !== "none") || config?.type === "enabled" };
}

/**
 * Validates a Converse / ConverseStream body for `entry` with Bedrock's own messages (conversation
 * shape, tool config, output limit, Opus 4.7 temperature, Llama 4 streaming tools, thinking
 * signatures) and reduces it to a {@link Conversation}.
 */
export function parseConverseRequest(body: Record<string, unknown>, entry: RuntimeEntry, streaming: boolean, signer: ThinkingSigner): Parsed<Conversation> {
  if (!Array.isArray(body.messages)) return invalid("1 validation error detected: Value null at 'messages' failed to satisfy constraint: Member must not be null");
  const messages = body.messages.filter(isRecord);
  const toolConfig = isRecord(body.toolConfig) ? body.toolConfig : undefined;
  const checked = checkMessages(messages, toolConfig !== undefined, entry, signer);
  if (!checked.ok) return checked;
  const tools = toolsOf(toolConfig);
  if (!tools.ok) return tools;

  const inference = isRecord(body.inferenceConfig) ? body.inferenceConfig : {};
  const maxTokens = inference.maxTokens;
  const limit = entry.model.maxOutputTokens;
  if (typeof maxTokens === "number" && maxTokens > limit) {
    return invalid(`The maximum tokens you requested exceeds the model limit of ${limit}. Try again with a maximum tokens value that is lower than ${limit}.`);
  }
  if (entry.model.rejectsTemperature && inference.temperature !== undefined) return modelError("`temperature` is deprecated for this model.");
  if (streaming && toolConfig && entry.placement.streamingToolUse === false) return invalid("This model doesn't support tool use in streaming mode.");
  const reasoning = reasoningOf(isRecord(body.additionalModelRequestFields) ? body.additionalModelRequestFields : {}, entry);
  if (!reasoning.ok) return reasoning;

  const segments: PromptSegment[] = [];
  pushSegments(segments, Array.isArray(toolConfig?.tools) ? toolConfig.tools.filter(isRecord) : []);
  pushSegments(segments, Array.isArray(body.system) ? body.system.filter(isRecord) : []);
  for (const message of messages) pushSegments(segments, blocksOf(message));
  return {
    ok: true,
    value: {
      segments,
      lastTurn: lastTurnOf(messages),
      tools: tools.value,
      toolChoice: toolChoiceOf(toolConfig),
      ...(typeof maxTokens === "number" ? { maxTokens } : {}),
      reasoningRequested: reasoning.value,
    },
  };
}
