import { BedrockKitError, type StreamEvent } from "@bedrock-kit/plugin-host";
import type { ConverseEventMapper } from "./converse-event-mapper.js";
import type { EventStreamMessage } from "./event-stream-decoder.js";
import { mapConverseException } from "./map-converse-exception.js";

/**
 * Route one decoded event-stream message by `:message-type`: `event` payloads are parsed (once)
 * and mapped; `exception` and `error` frames end the stream with a classified `error` event.
 */
export function dispatchConverseMessage(message: EventStreamMessage, mapper: ConverseEventMapper, out: StreamEvent[]): void {
  if (mapper.terminated) return;
  switch (message.messageType) {
    case "event": {
      let payload: unknown;
      try {
        payload = JSON.parse(message.payload.toString("utf8"));
      } catch {
        mapper.fail(corrupt(`A ${message.eventType ?? "Converse"} event's payload is not valid JSON.`), out);
        return;
      }
      mapper.handleEvent(message.eventType, payload, out);
      return;
    }
    case "exception":
      mapper.fail(
        mapConverseException({ type: message.exceptionType ?? "UnknownException", message: readExceptionMessage(message.payload) }),
        out,
      );
      return;
    case "error":
      mapper.fail(mapConverseException({ type: message.errorCode ?? "UnknownError", message: message.errorMessage }), out);
      return;
    default:
      mapper.fail(corrupt(`An event-stream frame has an unknown :message-type (${message.messageType ?? "none"}).`), out);
  }
}

/** The human message of an exception payload (`{"message": …}`, plus `originalMessage` for model errors). */
function readExceptionMessage(payload: Buffer): string | undefined {
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(payload.toString("utf8")) as Record<string, unknown>;
  } catch {
    return payload.length > 0 ? payload.toString("utf8", 0, Math.min(payload.length, 500)) : undefined;
  }
  if (typeof fields !== "object" || fields === null) return undefined;
  const message = typeof fields.message === "string" ? fields.message : typeof fields.Message === "string" ? fields.Message : undefined;
  const original = typeof fields.originalMessage === "string" ? fields.originalMessage : undefined;
  if (original !== undefined && original !== message) return message === undefined ? original : `${message} (${original})`;
  return message;
}

function corrupt(message: string): BedrockKitError {
  return new BedrockKitError({
    code: "stream-corrupt",
    message,
    hint: "The response did not follow the ConverseStream protocol; retry the call, and report it if it repeats.",
    retryable: true,
  });
}
