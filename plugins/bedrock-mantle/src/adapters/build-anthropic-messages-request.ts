import type { ChatRequest, ModelDefinition, ToolChoice } from "@bedrock-kit/plugin-host";
import { readMantleCompat } from "../mantle-model-compat.js";
import { checkAnthropicProviderOptions } from "./check-anthropic-provider-options.js";
import { toAnthropicMessages } from "./convert-to-anthropic-messages.js";
import { jsonSendRequest, type BuildRequestOptions } from "./json-send-request.js";
import type { MantleSendRequest } from "./mantle-wire-adapter.js";
import { anthropicTokenPlan, reasoningEffortValue, requestedReasoningLevel } from "./output-token-budget.js";
import { stripNullFields } from "./strip-null-fields.js";
import { validateChatRequest } from "./validate-chat-request.js";

/** The Messages API version Mantle speaks, sent as a header (on bedrock-runtime it is a body field instead). */
export const ANTHROPIC_VERSION = "2023-06-01";

/** Headers every Messages request carries besides content negotiation. */
export const ANTHROPIC_HEADERS: Readonly<Record<string, string>> = { "anthropic-version": ANTHROPIC_VERSION };

function anthropicToolChoice(choice: ToolChoice): Record<string, unknown> {
  if (choice === "required") return { type: "any" };
  if (typeof choice === "string") return { type: choice };
  return { type: "tool", name: choice.name };
}

/**
 * The Messages API body for one call, as an object, nulls stripped (pure). `model` is the
 * `anthropic.` wire id, in the body as Mantle requires.
 */
export function buildAnthropicMessagesBody(model: ModelDefinition, request: ChatRequest, options: BuildRequestOptions): Record<string, unknown> {
  const compat = readMantleCompat(model.compat);
  validateChatRequest(model, request, compat);
  const anthropicOptions = request.providerOptions?.anthropic;
  checkAnthropicProviderOptions(anthropicOptions);
  const level = requestedReasoningLevel(model, request);
  const thinkingStyle = level === undefined ? undefined : (compat.thinkingStyle ?? "enabled");
  const plan = anthropicTokenPlan(model, request, thinkingStyle);
  const body: Record<string, unknown> = {
    model: model.wireId,
    max_tokens: plan.maxTokens,
    messages: toAnthropicMessages(request),
    stream: options.stream,
  };
  if (request.system !== undefined && request.system.length > 0) body.system = request.system;
  // Thinking rejects custom sampling; so do the newest models (compat) with or without it.
  if (request.temperature !== undefined && thinkingStyle === undefined && compat.rejectsTemperature !== true) body.temperature = request.temperature;
  if (request.topP !== undefined && thinkingStyle === undefined && compat.rejectsTopP !== true) body.top_p = request.topP;
  if (request.stop !== undefined && request.stop.length > 0) body.stop_sequences = request.stop;
  const outputConfig: Record<string, unknown> = {};
  if (thinkingStyle === "adaptive" && level !== undefined) {
    // Newer Claude on Mantle reject `enabled`: "Use thinking.type.adaptive and output_config.effort".
    body.thinking = { type: "adaptive" };
    outputConfig.effort = reasoningEffortValue(level, "anthropic", compat);
  } else if (thinkingStyle === "enabled") {
    body.thinking = { type: "enabled", budget_tokens: plan.budgetTokens };
  }
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description !== undefined && { description: tool.description }),
      input_schema: tool.parameters,
      ...(tool.strict !== undefined && { strict: tool.strict }),
    }));
    if (request.toolChoice !== undefined) body.tool_choice = anthropicToolChoice(request.toolChoice);
  }
  if (request.responseFormat !== undefined) outputConfig.format = { type: "json_schema", schema: request.responseFormat.schema };
  if (Object.keys(outputConfig).length > 0) body.output_config = outputConfig;
  Object.assign(body, anthropicOptions);
  return stripNullFields(body) as Record<string, unknown>;
}

/** `POST {baseUrl}/messages` for one call (pure; throws a classified error for a request that cannot succeed). */
export function buildAnthropicMessagesRequest(model: ModelDefinition, request: ChatRequest, options: BuildRequestOptions): MantleSendRequest {
  return jsonSendRequest("/messages", buildAnthropicMessagesBody(model, request, options), options.stream, ANTHROPIC_HEADERS);
}
