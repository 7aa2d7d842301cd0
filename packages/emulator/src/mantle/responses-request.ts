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
import type { MantleSurface } from "../emulator-types.js";
import { openAiError, openAiInvalidRequest } from "../errors/openai-error-bodies.js";
import type { MantleEntry } from "../models/model-catalog.js";
import type { PreparedResponse } from "../server/http-exchange.js";
import type { StoredResponse } from "./response-store.js";

/** A validated Responses request. */
export interface ResponsesRequest {
  readonly stream: boolean;
  readonly store: boolean;
  readonly previousResponseId: string | null;
  readonly instructions: string | null;
  readonly maxOutputTokens: number | null;
  readonly reasoning: { readonly effort: string | null; readonly summary: string | null } | null;
  readonly includeEncryptedReasoning: boolean;
  /** `tools` and `tool_choice` as sent, echoed in the response object. */
  readonly toolsEcho: readonly unknown[];
  readonly toolChoiceEcho: unknown;
  readonly conversation: Conversation;
  /** Previous turns plus this input (instructions excluded: they do not carry over). */
  readonly inputSegments: readonly PromptSegment[];
  /** Function-call ids known before this response. */
  readonly knownCallIds: readonly string[];
}

type Parsed<Value> = { readonly ok: true; readonly value: Value } | { readonly ok: false; readonly response: PreparedResponse };

const ALLOWED_TOOL_TYPES = ["function", "mcp", "custom", "namespace", "tool_search", "web_search"];
const KNOWN_ITEM_TYPES = new Set(["message", "function_call", "function_call_output", "reasoning", "item_reference"]);

function fail(response: PreparedResponse): Parsed<never> {
  return { ok: false, response };
}

function parseTools(value: unknown): Parsed<OfferedTool[]> {
  if (value === undefined || value === null) return { ok: true, value: [] };
  if (!Array.isArray(value)) return fail(openAiInvalidRequest("Invalid type for 'tools': expected an array.", "tools", "invalid_type"));
  const tools: OfferedTool[] = [];
  for (const [index, tool] of value.entries()) {
    const type = isRecord(tool) ? tool.type : undefined;
    if (typeof type !== "string" || !ALLOWED_TOOL_TYPES.includes(type)) {
      return fail(
        openAiInvalidRequest(
          `Invalid value: '${String(type)}'. Supported values are: 'function', 'mcp', 'custom', 'namespace', 'tool_search', and 'web_search'.`,
          `tools[${index}].type`,
          "invalid_value",
        ),
      );
    }
    if (type !== "function" || !isRecord(tool)) continue;
    if (typeof tool.name !== "string") {
      return fail(openAiError(400, { code: "missing_required_parameter", message: `Missing required parameter: 'tools[${index}].name'.`, param: `tools[${index}].name`, type: "invalid_request_error" }));
    }
    const property = firstStringProperty(tool.parameters);
    tools.push({ name: tool.name, ...(property ? { firstStringProperty: property } : {}) });
  }
  return { ok: true, value: tools };
}

function parseToolChoice(value: unknown): ToolChoice {
  if (value === "none") return { kind: "none" };
  if (value === "required") return { kind: "any" };
  if (isRecord(value) && value.type === "function" && typeof value.name === "string") return { kind: "tool", name: value.name };
  return { kind: "auto" };
}

interface ParsedInput {
  segments: PromptSegment[];
  lastTurn?: LastTurn;
  callIds: string[];
}

function parseInput(input: unknown, knownCallIds: readonly string[]): Parsed<ParsedInput> {
  if (typeof input === "string") return { ok: true, value: { segments: [{ text: input }], lastTurn: { kind: "user", text: input }, callIds: [] } };
  if (input === undefined || input === null) return { ok: true, value: { segments: [], callIds: [] } };
  if (!Array.isArray(input)) return fail(openAiInvalidRequest("Invalid 'input': value did not match any expected variant", "input"));
  const parsed: ParsedInput = { segments: [], callIds: [] };
  const callIds = new Set(knownCallIds);
  for (const item of input) {
    if (!isRecord(item)) return fail(openAiInvalidRequest("Invalid 'input': value did not match any expected variant", "input"));
    const type = typeof item.type === "string" ? item.type : "message";
    // Codex-style items (`local_shell_call`, `agent_message`, …) are rejected on Mantle (facts §1.10).
    if (!KNOWN_ITEM_TYPES.has(type)) return fail(openAiInvalidRequest("Invalid 'input': value did not match any expected variant", "input"));
    if (type === "message") {
      const text = textOf(item.content);
      parsed.segments.push({ text });
      if (item.role === "user") parsed.lastTurn = { kind: "user", text };
    } else if (type === "function_call") {
      const callId = String(item.call_id ?? "");
      callIds.add(callId);
      parsed.callIds.push(callId);
      parsed.segments.push({ text: `${String(item.name)} ${String(item.arguments ?? "")}` });
    } else if (type === "function_call_output") {
      const callId = String(item.call_id ?? "");
      if (!callIds.has(callId)) {
        return fail(openAiInvalidRequest(`No tool call found for function call output with call_id ${callId}.`, "input"));
      }
      const text = typeof item.output === "string" ? item.output : textOf(item.output);
      parsed.segments.push({ text });
      parsed.lastTurn = { kind: "tool-result", text };
    }
  }
  return { ok: true, value: parsed };
}

function invalidValue(value: unknown, supported: string, param: string): PreparedResponse {
  return openAiInvalidRequest(`Invalid value: '${String(value)}'. Supported values are: ${supported}.`, param, "invalid_value");
}

/**
 * Validates a Responses body for `entry` on `surface` (facts §1.9–§1.10: `store` defaults to true,
 * `previous_response_id` needs a stored response, only `auto` summaries on `/openai/v1`, the tool
 * types Mantle accepts) and reduces it to a {@link Conversation} continuing `previous`.
 */
export function parseResponsesRequest(
  body: Record<string, unknown>,
  entry: MantleEntry,
  surface: MantleSurface,
  previous: StoredResponse | undefined,
): Parsed<ResponsesRequest> {
  const previousResponseId = typeof body.previous_response_id === "string" ? body.previous_response_id : null;
  if (previousResponseId !== null && !previous) {
    return fail(
      openAiError(400, {
        code: "previous_response_not_found",
        message: `Previous response with id '${previousResponseId}' not found.`,
        param: "previous_response_id",
        type: "invalid_request_error",
      }),
    );
  }
  const tier = body.service_tier;
  if (tier !== undefined && tier !== null && tier !== "auto" && tier !== "default") return fail(invalidValue(tier, "'auto' and 'default'", "service_tier"));

  const reasoningBody = isRecord(body.reasoning) ? body.reasoning : undefined;
  const summary = typeof reasoningBody?.summary === "string" ? reasoningBody.summary : null;
  if (surface === "openai-v1" && summary !== null && summary !== "auto") return fail(invalidValue(summary, "'auto'", "reasoning.summary"));
  const effort = typeof reasoningBody?.effort === "string" ? reasoningBody.effort : null;

  const maxOutput = body.max_output_tokens;
  if (maxOutput !== undefined && maxOutput !== null) {
    if (typeof maxOutput !== "number" || !Number.isInteger(maxOutput) || maxOutput < 1) {
      return fail(openAiInvalidRequest("Invalid 'max_output_tokens': integer below minimum value. Expected a value >= 1.", "max_output_tokens", "integer_below_min_value"));
    }
    const limit = entry.model.maxOutputTokens;
    if (maxOutput > limit) {
      return fail(
        openAiInvalidRequest(
          `max_output_tokens is too large: ${maxOutput}. This model supports at most ${limit} output tokens, whereas you provided ${maxOutput}.`,
          "max_output_tokens",
          "invalid_value",
        ),
      );
    }
  }

  const tools = parseTools(body.tools);
  if (!tools.ok) return tools;
  const knownCallIds = previous?.callIds ?? [];
  const input = parseInput(body.input, knownCallIds);
  if (!input.ok) return input;
  const instructions = typeof body.instructions === "string" ? body.instructions : null;
  const inputSegments = [...(previous?.segments ?? []), ...input.value.segments];
  const conversation: Conversation = {
    segments: [...tools.value.map((tool) => ({ text: tool.name })), ...(instructions ? [{ text: instructions }] : []), ...inputSegments],
    lastTurn: input.value.lastTurn ?? { kind: "user", text: "" },
    tools: tools.value,
    toolChoice: parseToolChoice(body.tool_choice),
    ...(typeof maxOutput === "number" ? { maxTokens: maxOutput } : {}),
    reasoningRequested: effort !== null && effort !== "none" && effort !== "minimal",
  };
  return {
    ok: true,
    value: {
      stream: body.stream === true,
      store: body.store !== false,
      previousResponseId,
      instructions,
      maxOutputTokens: typeof maxOutput === "number" ? maxOutput : null,
      reasoning: reasoningBody ? { effort, summary } : null,
      includeEncryptedReasoning: Array.isArray(body.include) && body.include.includes("reasoning.encrypted_content"),
      toolsEcho: Array.isArray(body.tools) ? body.tools : [],
      toolChoiceEcho: body.tool_choice ?? "auto",
      conversation,
      inputSegments,
      knownCallIds: [...knownCallIds, ...input.value.callIds],
    },
  };
}
