import type { ChatRequest, ModelDefinition, ToolChoice } from "@bedrock-kit/plugin-host";
import { readMantleCompat } from "../mantle-model-compat.js";
import { invalidRequestError } from "./adapter-errors.js";
import { toResponsesInput } from "./convert-to-responses-input.js";
import { isJsonObject } from "./json-guards.js";
import { jsonSendRequest, type BuildRequestOptions } from "./json-send-request.js";
import type { MantleSendRequest } from "./mantle-wire-adapter.js";
import { openAiMaxOutputTokens, reasoningEffortValue, requestedReasoningLevel } from "./output-token-budget.js";
import { validateChatRequest } from "./validate-chat-request.js";

function responsesToolChoice(choice: ToolChoice): unknown {
  return typeof choice === "string" ? choice : { type: "function", name: choice.name };
}

/** Tools passed through `providerOptions.openai.tools` must be function tools: Mantle drops or rejects the rest. */
function checkPassthroughTools(tools: unknown): void {
  if (tools === undefined) return;
  if (!Array.isArray(tools)) {
    throw invalidRequestError("providerOptions.openai.tools must be an array.", "Pass function tools as `tools` in the request instead.");
  }
  for (const tool of tools) {
    const type = isJsonObject(tool) ? tool.type : undefined;
    if (type !== "function") {
      throw invalidRequestError(
        `The Responses tool type ${JSON.stringify(type)} is not supported through bedrock-kit on Mantle.`,
        "Only function tools are sent; declare your tools in the request's `tools` (built-in tools such as web_search, file_search or code_interpreter are not available).",
      );
    }
  }
}

/**
 * `POST {baseUrl}/responses` for one call (pure; throws a classified error for a request that cannot
 * succeed). `store` is false unless asked: Mantle stores responses for 30 days by default, and only
 * continuing a stored response (`previousResponseId`) needs it.
 */
export function buildResponsesRequest(model: ModelDefinition, request: ChatRequest, options: BuildRequestOptions): MantleSendRequest {
  const compat = readMantleCompat(model.compat);
  validateChatRequest(model, request, compat);
  if (request.stop !== undefined && request.stop.length > 0) {
    throw invalidRequestError(
      "The Responses API has no stop sequences.",
      "Drop `stop`, or call a model served on the openai-completions API.",
    );
  }
  const openAiOptions = request.providerOptions?.openai;
  checkPassthroughTools(openAiOptions?.tools);
  const body: Record<string, unknown> = { model: model.wireId, input: toResponsesInput(request), stream: options.stream };
  if (request.system !== undefined && request.system.length > 0) body.instructions = request.system;
  body.store = request.store ?? request.previousResponseId !== undefined;
  if (request.previousResponseId !== undefined) body.previous_response_id = request.previousResponseId;
  body.max_output_tokens = openAiMaxOutputTokens(model, request);
  if (request.temperature !== undefined && compat.rejectsTemperature !== true) body.temperature = request.temperature;
  if (request.topP !== undefined && compat.rejectsTopP !== true) body.top_p = request.topP;
  const level = requestedReasoningLevel(model, request);
  if (level !== undefined && (compat.acceptsReasoningEffort ?? model.reasoning)) {
    body.reasoning = { effort: reasoningEffortValue(level, "openai", compat), ...(compat.reasoningSummary === true && { summary: "auto" }) };
  }
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: "function",
      name: tool.name,
      ...(tool.description !== undefined && { description: tool.description }),
      parameters: tool.parameters,
      // The Responses API makes function tools strict unless told otherwise; strict mode rejects
      // ordinary schemas (optional fields, open objects), so it is opt-in here as in Chat Completions.
      strict: tool.strict ?? false,
    }));
    if (request.toolChoice !== undefined) body.tool_choice = responsesToolChoice(request.toolChoice);
  }
  const format = request.responseFormat;
  if (format !== undefined) {
    body.text = {
      format: { type: "json_schema", name: format.name, schema: format.schema, ...(format.strict !== undefined && { strict: format.strict }) },
    };
  }
  Object.assign(body, openAiOptions);
  return jsonSendRequest("/responses", body, options.stream);
}
