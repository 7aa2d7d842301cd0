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
import { openAiError, openAiInvalidRequest } from "../errors/openai-error-bodies.js";
import type { MantleEntry } from "../models/model-catalog.js";
import type { PreparedResponse } from "../server/http-exchange.js";

/** A validated Chat Completions request. */
export interface ChatCompletionsRequest {
  readonly stream: boolean;
  readonly includeUsage: boolean;
  readonly conversation: Conversation;
}

type Parsed<Value> = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly response: PreparedResponse };

function missing(param: string): Parsed<never> {
  return {
    ok: false,
    response: openAiError(400, { code: "missing_required_parameter", message: `Missing required parameter: '${param}'.`, param, type: "invalid_request_error" }),
  };
}

function parseTools(body: Record<string, unknown>): Parsed<OfferedTool[]> {
  if (body.tools === undefined || body.tools === null) return { ok: true, value: [] };
  if (!Array.isArray(body.tools)) return { ok: false, response: openAiInvalidRequest("Invalid type for 'tools': expected an array.", "tools", "invalid_type") };
  const tools: OfferedTool[] = [];
  for (const [index, tool] of body.tools.entries()) {
    const definition = isRecord(tool) && isRecord(tool.function) ? tool.function : undefined;
    if (!definition || typeof definition.name !== "string") return missing(`tools[${index}].function.name`);
    const property = firstStringProperty(definition.parameters);
    tools.push({ name: definition.name, ...(property ? { firstStringProperty: property } : {}) });
  }
  return { ok: true, value: tools };
}

function parseToolChoice(value: unknown): ToolChoice {
  if (value === "none") return { kind: "none" };
  if (value === "required") return { kind: "any" };
  if (isRecord(value) && isRecord(value.function) && typeof value.function.name === "string") return { kind: "tool", name: value.function.name };
  return { kind: "auto" };
}

function lastTurnOf(messages: readonly Record<string, unknown>[]): LastTurn {
  for (let index = messages.length - 1; index >= 0; index -= 1) {
    const message = messages[index] as Record<string, unknown>;
    if (message.role === "tool") return { kind: "tool-result", text: textOf(message.content) };
    if (message.role === "user") return { kind: "user", text: textOf(message.content) };
  }
  return { kind: "user", text: "" };
}

function segmentsOf(tools: readonly OfferedTool[], messages: readonly Record<string, unknown>[]): PromptSegment[] {
  const segments: PromptSegment[] = tools.map((tool) => ({ text: tool.name }));
  for (const message of messages) {
    segments.push({ text: textOf(message.content) });
    if (typeof message.reasoning === "string") segments.push({ text: message.reasoning });
    if (Array.isArray(message.tool_calls)) {
      for (const call of message.tool_calls) {
        if (isRecord(call) && isRecord(call.function)) segments.push({ text: `${String(call.function.name)} ${String(call.function.arguments ?? "")}` });
      }
    }
  }
  return segments;
}

/**
 * Validates a Chat Completions body for `entry` as Mantle does (GPT-5.6 rejects `max_tokens`; an
 * output budget above the model's limit fails) and reduces it to a {@link Conversation}.
 */
export function parseChatCompletionsRequest(body: Record<string, unknown>, entry: MantleEntry): Parsed<ChatCompletionsRequest> {
  if (!Array.isArray(body.messages)) return missing("messages");
  if (body.messages.length === 0) return { ok: false, response: openAiInvalidRequest("[] is too short - 'messages'", "messages", "invalid_value") };
  const messages = body.messages.filter(isRecord);
  if (messages.length !== body.messages.length) return { ok: false, response: openAiInvalidRequest("Invalid type for 'messages': expected an array of objects.", "messages", "invalid_type") };

  if (entry.placement.chatRejectsMaxTokens && body.max_tokens !== undefined && body.max_tokens !== null) {
    return {
      ok: false,
      response: openAiError(400, {
        code: "unsupported_parameter",
        message: "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
        param: "max_tokens",
        type: "invalid_request_error",
      }),
    };
  }
  const budgetParam = body.max_completion_tokens !== undefined && body.max_completion_tokens !== null ? "max_completion_tokens" : "max_tokens";
  const budget = body[budgetParam];
  if (budget !== undefined && budget !== null) {
    if (typeof budget !== "number" || !Number.isInteger(budget) || budget < 1) {
      return { ok: false, response: openAiInvalidRequest(`Invalid '${budgetParam}': integer below minimum value. Expected a value >= 1.`, budgetParam, "integer_below_min_value") };
    }
    const limit = entry.model.maxOutputTokens;
    if (budget > limit) {
      return {
        ok: false,
        response: openAiInvalidRequest(
          `${budgetParam} is too large: ${budget}. This model supports at most ${limit} completion tokens, whereas you provided ${budget}.`,
          budgetParam,
          "invalid_value",
        ),
      };
    }
  }
  const tools = parseTools(body);
  if (!tools.ok) return tools;
  const effort = body.reasoning_effort;
  const conversation: Conversation = {
    segments: segmentsOf(tools.value, messages),
    lastTurn: lastTurnOf(messages),
    tools: tools.value,
    toolChoice: parseToolChoice(body.tool_choice),
    ...(typeof budget === "number" ? { maxTokens: budget } : {}),
    reasoningRequested: typeof effort === "string" && effort !== "none" && effort !== "minimal",
  };
  return {
    ok: true,
    value: {
      stream: body.stream === true,
      includeUsage: isRecord(body.stream_options) && body.stream_options.include_usage === true,
      conversation,
    },
  };
}
