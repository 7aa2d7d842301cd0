import { buildAnthropicMessagesRequest } from "./build-anthropic-messages-request.js";
import { buildChatCompletionsRequest } from "./build-chat-completions-request.js";
import { buildResponsesRequest } from "./build-responses-request.js";
import {
  createAnthropicMessagesStreamDecoder,
  createChatCompletionsStreamDecoder,
  createResponsesStreamDecoder,
} from "./create-stream-decoders.js";
import { mapAnthropicMessageResponse } from "./map-anthropic-message-response.js";
import { mapChatCompletionResponse } from "./map-chat-completion-response.js";
import { mapResponsesResponse } from "./map-responses-response.js";
import type { MantleWireAdapter } from "./mantle-wire-adapter.js";
import { runMantleCompletion } from "./run-mantle-completion.js";
import { runMantleStream } from "./run-mantle-stream.js";

/** The wire APIs Mantle speaks. */
export type MantleApi = MantleWireAdapter["api"];

const chatCompletionsAdapter: MantleWireAdapter = {
  api: "openai-completions",
  stream: (input) =>
    runMantleStream(input, {
      buildRequest: () => buildChatCompletionsRequest(input.model, input.request, { stream: true }),
      createDecoder: createChatCompletionsStreamDecoder,
    }),
  complete: (input) =>
    runMantleCompletion(input, {
      buildRequest: () => buildChatCompletionsRequest(input.model, input.request, { stream: false }),
      mapResponse: mapChatCompletionResponse,
    }),
};

const responsesAdapter: MantleWireAdapter = {
  api: "openai-responses",
  stream: (input) =>
    runMantleStream(input, {
      buildRequest: () => buildResponsesRequest(input.model, input.request, { stream: true }),
      createDecoder: createResponsesStreamDecoder,
    }),
  complete: (input) =>
    runMantleCompletion(input, {
      buildRequest: () => buildResponsesRequest(input.model, input.request, { stream: false }),
      mapResponse: mapResponsesResponse,
    }),
};

const anthropicMessagesAdapter: MantleWireAdapter = {
  api: "anthropic-messages",
  stream: (input) =>
    runMantleStream(input, {
      buildRequest: () => buildAnthropicMessagesRequest(input.model, input.request, { stream: true }),
      createDecoder: createAnthropicMessagesStreamDecoder,
    }),
  complete: (input) =>
    runMantleCompletion(input, {
      buildRequest: () => buildAnthropicMessagesRequest(input.model, input.request, { stream: false }),
      mapResponse: mapAnthropicMessageResponse,
    }),
};

/** One adapter per Mantle wire API; `stream()` and `complete()` only wire the pure pieces together. */
export const MANTLE_WIRE_ADAPTERS: Readonly<Record<MantleApi, MantleWireAdapter>> = {
  "openai-completions": chatCompletionsAdapter,
  "openai-responses": responsesAdapter,
  "anthropic-messages": anthropicMessagesAdapter,
};
