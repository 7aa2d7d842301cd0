import { crc32 } from "node:zlib";

/**
 * Encodes one `application/vnd.amazon.eventstream` message with string headers (type 7):
 * `total length u32 | headers length u32 | prelude CRC32 | headers | payload | message CRC32`.
 *
 * Hand-rolled on `zlib.crc32` rather than `@smithy/eventstream-codec` because the bench package
 * must not depend on the emulator's or the plugins' dependencies, and 30 lines cover it; the
 * `@aws-sdk/client-bedrock-runtime` peer decodes these frames with smithy's codec on every run,
 * which checks the CRCs independently.
 */
export function encodeEventStreamMessage(headers: ReadonlyArray<readonly [string, string]>, payload: Buffer): Buffer {
  let headersLength = 0;
  for (const [name, value] of headers) headersLength += 1 + Buffer.byteLength(name) + 1 + 2 + Buffer.byteLength(value);
  const totalLength = 12 + headersLength + payload.length + 4;
  const message = Buffer.allocUnsafe(totalLength);
  message.writeUInt32BE(totalLength, 0);
  message.writeUInt32BE(headersLength, 4);
  message.writeUInt32BE(crc32(message.subarray(0, 8)), 8);
  let offset = 12;
  for (const [name, value] of headers) {
    offset = message.writeUInt8(Buffer.byteLength(name), offset);
    offset += message.write(name, offset, "utf8");
    offset = message.writeUInt8(7, offset);
    offset = message.writeUInt16BE(Buffer.byteLength(value), offset);
    offset += message.write(value, offset, "utf8");
  }
  payload.copy(message, offset);
  offset += payload.length;
  message.writeUInt32BE(crc32(message.subarray(0, offset)), offset);
  return message;
}

/** The headers Bedrock puts on a ConverseStream event of the given type. */
export function converseEventHeaders(eventType: string): ReadonlyArray<readonly [string, string]> {
  return [
    [":event-type", eventType],
    [":content-type", "application/json"],
    [":message-type", "event"],
  ];
}
