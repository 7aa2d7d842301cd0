/**
 * The Converse wire code: request body, event-stream decoding, event mapping and the two call
 * paths. Everything but `streamConverse`/`completeConverse` is pure, so tests and benchmarks use
 * the pieces directly.
 */
export type { ConverseSendRequest, ConverseSend, ConverseHttpFailure, ConverseCallInput } from "./converse-wire.js";
export { streamConverse } from "./stream-converse.js";
export { completeConverse } from "./complete-converse.js";
export {
  buildConverseRequestBody,
  prepareConverseRequest,
  type PreparedConverseRequest,
} from "./build-converse-request-body.js";
export { STRUCTURED_OUTPUT_TOOL_NAME } from "./build-converse-tool-config.js";
export { DEFAULT_ANSWER_TOKENS, THINKING_BUDGET_TOKENS } from "./build-converse-reasoning-fields.js";
export { EMPTY_TOOL_RESULT_TEXT, toConverseToolUseId } from "./convert-to-converse-messages.js";
export {
  EventStreamDecoder,
  DEFAULT_MAX_FRAME_BYTES,
  type EventStreamMessage,
  type EventStreamDecoderOptions,
} from "./event-stream-decoder.js";
export { crc32, tableCrc32, type Crc32 } from "./event-stream-crc32.js";
export { ConverseEventMapper, type ConverseEventMapperOptions } from "./converse-event-mapper.js";
export { dispatchConverseMessage } from "./dispatch-converse-message.js";
export { converseResponseToEvents, type ConverseStreamEvent } from "./converse-response-to-events.js";
export { mapConverseResponseBody } from "./replay-converse.js";
export { mapConverseStopReason } from "./map-converse-stop-reason.js";
export { mapConverseException, type ConverseStreamFailure } from "./map-converse-exception.js";
