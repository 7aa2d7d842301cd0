import { AnthropicMessagesEventMapper } from "./anthropic-messages-event-mapper.js";
import { ChatCompletionsEventMapper } from "./chat-completions-event-mapper.js";
import { ResponsesEventMapper } from "./responses-event-mapper.js";
import { createMantleStreamDecoder, type MantleStreamDecoder } from "./mantle-stream-decoder.js";

/** Decoder for a Chat Completions SSE body (`data:` chunks, then `data: [DONE]`). */
export function createChatCompletionsStreamDecoder(): MantleStreamDecoder {
  return createMantleStreamDecoder(new ChatCompletionsEventMapper());
}

/** Decoder for a Responses SSE body (`response.*` events). */
export function createResponsesStreamDecoder(): MantleStreamDecoder {
  return createMantleStreamDecoder(new ResponsesEventMapper());
}

/** Decoder for an Anthropic Messages SSE body (`message_start` … `message_stop`). */
export function createAnthropicMessagesStreamDecoder(): MantleStreamDecoder {
  return createMantleStreamDecoder(new AnthropicMessagesEventMapper());
}
