import type { ChatRequest, ModelDefinition } from "@bedrock-kit/plugin-host";
import { readConverseCompat } from "../converse-model-compat.js";
import { applyConverseCachePoints } from "./apply-converse-cache-points.js";
import { buildConverseReasoningFields } from "./build-converse-reasoning-fields.js";
import { buildConverseToolConfig } from "./build-converse-tool-config.js";
import { convertToConverseMessages, type ConverseContentBlock } from "./convert-to-converse-messages.js";
import { mergeBedrockProviderOptions } from "./merge-bedrock-provider-options.js";

/** A request body and what reading its answer needs to know. */
export interface PreparedConverseRequest {
  /** The Converse request body (serialise with `JSON.stringify`). */
  body: Record<string, unknown>;
  /** Set when structured output arrives as this synthetic tool's arguments (see `buildConverseToolConfig`). */
  structuredOutputToolName: string | undefined;
}

/**
 * Build the Converse / ConverseStream request body for one call (pure). Throws an
 * `invalid-request` `BedrockKitError` for what Bedrock would reject anyway (bad tool names,
 * duplicate tool-use ids, an empty conversation, images for a text-only model; `context-overflow`
 * for a `maxTokens` above the model's cap), so no request is sent to learn it. Parameters the model
 * rejects (`compat.rejectsTemperature`/`rejectsTopP`, or sampling with thinking on) are dropped.
 */
export function buildConverseRequestBody(model: ModelDefinition, request: ChatRequest): Record<string, unknown> {
  return prepareConverseRequest(model, request).body;
}

/** {@link buildConverseRequestBody}, plus what the answer's mapping needs. */
export function prepareConverseRequest(model: ModelDefinition, request: ChatRequest): PreparedConverseRequest {
  const compat = readConverseCompat(model.compat);
  const conversation = convertToConverseMessages(request.messages, {
    replaySignedReasoning: compat.replaySignedReasoning === true,
    acceptsImages: model.input.includes("image"),
  });

  const nativeStructuredOutput = request.responseFormat !== undefined && compat.structuredOutput === true;
  const { toolConfig, structuredOutputToolName } = buildConverseToolConfig({
    tools: request.tools,
    toolChoice: request.toolChoice,
    supportsTools: compat.tools !== false,
    historyHasToolBlocks: conversation.hasToolBlocks,
    calledToolNames: conversation.calledToolNames,
    structuredOutput: nativeStructuredOutput ? undefined : request.responseFormat,
  });

  const reasoning = buildConverseReasoningFields(model, compat, request);

  const inferenceConfig: Record<string, unknown> = {};
  if (reasoning.maxTokens !== undefined) inferenceConfig.maxTokens = reasoning.maxTokens;
  if (request.temperature !== undefined && compat.rejectsTemperature !== true && !reasoning.dropsSampling) {
    inferenceConfig.temperature = request.temperature;
  }
  // Models with exclusive sampling take temperature or topP, not both: temperature wins.
  const topPExcluded = compat.exclusiveSampling === true && inferenceConfig.temperature !== undefined;
  if (request.topP !== undefined && compat.rejectsTopP !== true && !reasoning.dropsSampling && !topPExcluded) {
    inferenceConfig.topP = request.topP;
  }
  if (request.stop !== undefined && request.stop.length > 0) inferenceConfig.stopSequences = [...request.stop];

  const additionalFields = reasoning.additionalFields;

  const system: ConverseContentBlock[] | undefined =
    request.system !== undefined && request.system.trim() !== "" ? [{ text: request.system }] : undefined;
  if (compat.promptCache === true) {
    applyConverseCachePoints({
      system,
      tools: compat.promptCacheSkipsTools === true ? undefined : toolConfig?.tools,
      messages: conversation.messages,
    });
  }

  const body: Record<string, unknown> = { messages: conversation.messages };
  if (system !== undefined) body.system = system;
  if (Object.keys(inferenceConfig).length > 0) body.inferenceConfig = inferenceConfig;
  if (toolConfig !== undefined) body.toolConfig = toolConfig;
  if (Object.keys(additionalFields).length > 0) body.additionalModelRequestFields = additionalFields;
  if (nativeStructuredOutput && request.responseFormat !== undefined) {
    // Converse's own structured-output field; the schema travels as a JSON string.
    body.outputConfig = {
      textFormat: {
        type: "json_schema",
        structure: { jsonSchema: { schema: JSON.stringify(request.responseFormat.schema), name: request.responseFormat.name } },
      },
    };
  }

  return { body: mergeBedrockProviderOptions(body, request.providerOptions?.bedrock), structuredOutputToolName };
}
