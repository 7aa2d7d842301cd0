/**
 * The Mantle wire adapters: the three APIs Mantle speaks, each as pure request builders, stream
 * decoders and response mappers, wired into `MANTLE_WIRE_ADAPTERS` for the provider.
 */
export type {
  MantleSendRequest,
  MantleSend,
  MantleHttpFailure,
  MantleCallInput,
  MantleWireAdapter,
} from "./mantle-wire-adapter.js";
export { MANTLE_WIRE_ADAPTERS, type MantleApi } from "./mantle-wire-adapters.js";
export { countAnthropicTokens, buildAnthropicCountTokensRequest } from "./count-anthropic-tokens.js";

// Request builders (pure).
export type { BuildRequestOptions } from "./json-send-request.js";
export { buildChatCompletionsRequest } from "./build-chat-completions-request.js";
export { buildResponsesRequest } from "./build-responses-request.js";
export {
  buildAnthropicMessagesRequest,
  buildAnthropicMessagesBody,
  ANTHROPIC_VERSION,
} from "./build-anthropic-messages-request.js";
export { toChatCompletionsMessages } from "./convert-to-chat-completions-messages.js";
export { toResponsesInput } from "./convert-to-responses-input.js";
export { toAnthropicMessages } from "./convert-to-anthropic-messages.js";
export { DEFAULT_ANSWER_TOKENS, THINKING_BUDGET_TOKENS } from "./output-token-budget.js";
export { stripNullFields } from "./strip-null-fields.js";

// Stream decoders and mappers (pure, one instance per call).
export type { MantleStreamDecoder } from "./mantle-stream-decoder.js";
export { createMantleStreamDecoder, MAX_EVENT_CHARACTERS } from "./mantle-stream-decoder.js";
export {
  createChatCompletionsStreamDecoder,
  createResponsesStreamDecoder,
  createAnthropicMessagesStreamDecoder,
} from "./create-stream-decoders.js";
export type { WireEventMapper, MappedResponse } from "./wire-event-mapper.js";
export { StreamEventSink } from "./stream-event-sink.js";
export { ChatCompletionsEventMapper } from "./chat-completions-event-mapper.js";
export { ResponsesEventMapper } from "./responses-event-mapper.js";
export { AnthropicMessagesEventMapper } from "./anthropic-messages-event-mapper.js";
export { mapChatCompletionResponse, chatCompletionToChunk } from "./map-chat-completion-response.js";
export { mapResponsesResponse, responseToStreamEvents } from "./map-responses-response.js";
export { mapAnthropicMessageResponse, anthropicMessageToStreamEvents } from "./map-anthropic-message-response.js";
export { mapChatCompletionsFinishReason } from "./map-chat-completions-finish-reason.js";
export { mapAnthropicStopReason } from "./map-anthropic-stop-reason.js";
export { anthropicErrorCode, openAiErrorCode } from "./map-stream-error.js";
export { chatCompletionsUsage, responsesUsage } from "./map-openai-usage.js";
export { parseToolCallArguments } from "./parse-tool-call-arguments.js";

// The call runners, for benchmarks and alternative providers.
export { runMantleStream, type StreamCallPlan } from "./run-mantle-stream.js";
export { runMantleCompletion, type CompletionCallPlan } from "./run-mantle-completion.js";
export { MANTLE_PROVIDER_ID } from "./adapter-errors.js";
