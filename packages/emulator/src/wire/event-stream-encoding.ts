import { EventStreamCodec } from "@smithy/eventstream-codec";

const codec = new EventStreamCodec(
  (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"),
  (text: string) => Buffer.from(text, "utf8"),
);

// AWS pads every event payload with a `p` field of varying length so ciphertext sizes do not leak
// the tokens (facts §3.4); the padding is a prefix of this alphabet.
const PADDING_ALPHABET = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

function padding(seed: number): string {
  return PADDING_ALPHABET.slice(0, 1 + (seed % PADDING_ALPHABET.length));
}

/** The content type of a binary event stream. */
export const EVENT_STREAM_CONTENT_TYPE = "application/vnd.amazon.eventstream";

/** One `:message-type: event` frame whose JSON payload carries the `p` padding field. */
export function encodeEventFrame(eventType: string, payload: Record<string, unknown>): Uint8Array {
  const withoutPadding = JSON.stringify(payload);
  const body = JSON.stringify({ ...payload, p: padding(withoutPadding.length * 7 + eventType.length) });
  return codec.encode({
    headers: {
      ":event-type": { type: "string", value: eventType },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "event" },
    },
    body: Buffer.from(body, "utf8"),
  });
}

/** One `:message-type: exception` frame (e.g. `modelStreamErrorException`, `throttlingException`). */
export function encodeExceptionFrame(exceptionType: string, payload: Record<string, unknown>): Uint8Array {
  return codec.encode({
    headers: {
      ":exception-type": { type: "string", value: exceptionType },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "exception" },
    },
    body: Buffer.from(JSON.stringify(payload), "utf8"),
  });
}
