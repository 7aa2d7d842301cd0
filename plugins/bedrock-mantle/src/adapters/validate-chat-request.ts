import type { ChatRequest, ModelDefinition } from "@bedrock-kit/plugin-host";
import { contextOverflowError, invalidRequestError } from "./adapter-errors.js";
import type { MantleModelCompat } from "../mantle-model-compat.js";
import { ANTHROPIC_MAX_IMAGE_BYTES, OPENAI_MAX_IMAGE_BYTES, checkImageSizes } from "./check-image-sizes.js";

const TOOL_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

/**
 * Checks what every Mantle API rejects anyway, so the caller gets a precise error and a hint
 * without spending a round trip (or input-TPM quota) on a request that cannot succeed.
 */
export function validateChatRequest(model: ModelDefinition, request: ChatRequest, compat: MantleModelCompat): void {
  if (request.messages.length === 0) {
    throw invalidRequestError("The request has no messages.", "Pass at least one user message.");
  }
  checkImageSizes(request, model.api === "anthropic-messages" ? ANTHROPIC_MAX_IMAGE_BYTES : OPENAI_MAX_IMAGE_BYTES);
  for (const tool of request.tools ?? []) checkToolName(tool.name, "tool definition");
  for (const message of request.messages) {
    if (message.role !== "assistant" || typeof message.content === "string") continue;
    for (const part of message.content) if (part.type === "tool-call") checkToolName(part.name, "replayed tool call");
  }
  const toolChoice = request.toolChoice;
  if (typeof toolChoice === "object" && !(request.tools ?? []).some((tool) => tool.name === toolChoice.name)) {
    throw invalidRequestError(
      `toolChoice names ${JSON.stringify(toolChoice.name)}, which is not among the request's tools.`,
      "Offer the tool in `tools`, or choose \"auto\" or \"required\".",
    );
  }
  const maxTokens = request.maxTokens;
  if (maxTokens !== undefined) {
    if (!Number.isInteger(maxTokens) || maxTokens < 1) {
      throw invalidRequestError(`maxTokens must be a positive integer, got ${maxTokens}.`, "Pass a whole number of output tokens, or omit maxTokens for a sensible default.");
    }
    if (model.maxTokens > 0 && maxTokens > model.maxTokens) {
      throw contextOverflowError(
        `maxTokens ${maxTokens} exceeds the output cap of ${model.wireId} (${model.maxTokens}).`,
        `Lower maxTokens to at most ${model.maxTokens}; Mantle also counts it against the input-token quota at admission.`,
      );
    }
  }
  if (request.responseFormat !== undefined && compat.structuredOutput === false) {
    throw invalidRequestError(
      `${model.wireId} does not support structured output on Mantle.`,
      "Drop responseFormat and describe the JSON shape in the prompt, or use a tool with the schema as its parameters.",
    );
  }
}

function checkToolName(name: string, where: string): void {
  if (!TOOL_NAME_PATTERN.test(name)) {
    throw invalidRequestError(
      `The ${where} name ${JSON.stringify(name.slice(0, 80))} is not allowed.`,
      "Tool names must match ^[a-zA-Z0-9_-]{1,64}$: letters, digits, '_' and '-', at most 64 characters.",
    );
  }
}
