import type { ChatRequest, ModelDefinition, ToolChoice } from "@bedrock-kit/plugin-host";
import { readMantleCompat } from "../mantle-model-compat.js";
import { toChatCompletionsMessages } from "./convert-to-chat-completions-messages.js";
import { jsonSendRequest, type BuildRequestOptions } from "./json-send-request.js";
import type { MantleSendRequest } from "./mantle-wire-adapter.js";
import { openAiMaxOutputTokens, reasoningEffortValue, requestedReasoningLevel } from "./output-token-budget.js";
import { validateChatRequest } from "./validate-chat-request.js";

function chatToolChoice(choice: ToolChoice): unknown {
  return typeof choice === "string" ? choice : { type: "function", function: { name: choice.name } };
}

/** `POST {baseUrl}/chat/completions` for one call (pure; throws a classified error for a request that cannot succeed). */
export function buildChatCompletionsRequest(model: ModelDefinition, request: ChatRequest, options: BuildRequestOptions): MantleSendRequest {
  const compat = readMantleCompat(model.compat);
  validateChatRequest(model, request, compat);
  const body: Record<string, unknown> = { model: model.wireId, messages: toChatCompletionsMessages(request), stream: options.stream };
  // Without include_usage the stream carries no token counts at all.
  if (options.stream) body.stream_options = { include_usage: true };
  body[compat.maxTokensField ?? "max_tokens"] = openAiMaxOutputTokens(model, request);
  if (request.temperature !== undefined && compat.rejectsTemperature !== true) body.temperature = request.temperature;
  if (request.topP !== undefined && compat.rejectsTopP !== true) body.top_p = request.topP;
  if (request.stop !== undefined && request.stop.length > 0) body.stop = request.stop;
  const level = requestedReasoningLevel(model, request);
  if (level !== undefined && (compat.acceptsReasoningEffort ?? model.reasoning)) body.reasoning_effort = reasoningEffortValue(level, "openai", compat);
  if (request.tools !== undefined && request.tools.length > 0) {
    body.tools = request.tools.map((tool) => ({
      type: "function",
      function: {
        name: tool.name,
        ...(tool.description !== undefined && { description: tool.description }),
        parameters: tool.parameters,
        ...(tool.strict !== undefined && { strict: tool.strict }),
      },
    }));
    if (request.toolChoice !== undefined) body.tool_choice = chatToolChoice(request.toolChoice);
  }
  const format = request.responseFormat;
  if (format !== undefined) {
    body.response_format = {
      type: "json_schema",
      json_schema: { name: format.name, schema: format.schema, ...(format.strict !== undefined && { strict: format.strict }) },
    };
  }
  Object.assign(body, request.providerOptions?.openai);
  return jsonSendRequest("/chat/completions", body, options.stream);
}
