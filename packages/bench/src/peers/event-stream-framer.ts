import { crc32 } from "node:zlib";

/**
 * The floor's event-stream framer: decodes frames in place from each chunk and joins a chunk list
 * only for a frame that spans chunks, checks both CRC32s with `zlib.crc32`, reads header names as
 * latin1. Linear in the input however it is split.
 */
export interface FrameSink {
  /** A complete, CRC-checked frame: its event type and payload text. */
  (messageType: string, eventType: string, payload: string): void;
}

/** Decodes one frame at `offset` of `buffer`; throws on a CRC mismatch. */
function decodeFrame(buffer: Buffer, offset: number, totalLength: number, sink: FrameSink): void {
  if (crc32(buffer.subarray(offset, offset + 8)) !== buffer.readUInt32BE(offset + 8)) throw new Error("prelude CRC mismatch");
  const end = offset + totalLength;
  if (crc32(buffer.subarray(offset, end - 4)) !== buffer.readUInt32BE(end - 4)) throw new Error("message CRC mismatch");
  const headersEnd = offset + 12 + buffer.readUInt32BE(offset + 4);
  let cursor = offset + 12;
  let messageType = "";
  let eventType = "";
  while (cursor < headersEnd) {
    const nameLength = buffer[cursor]!;
    const name = buffer.toString("latin1", cursor + 1, cursor + 1 + nameLength);
    cursor += 1 + nameLength;
    if (buffer[cursor] !== 7) throw new Error(`unexpected header type ${buffer[cursor]}`);
    const valueLength = buffer.readUInt16BE(cursor + 1);
    const value = buffer.toString("latin1", cursor + 3, cursor + 3 + valueLength);
    cursor += 3 + valueLength;
    if (name === ":message-type") messageType = value;
    else if (name === ":event-type" || name === ":exception-type") eventType = value;
  }
  sink(messageType, eventType, buffer.toString("utf8", headersEnd, end - 4));
}

/** Splits a byte stream into frames; linear in the bytes however they are split. */
export function createEventStreamFramer(sink: FrameSink): { push(chunk: Buffer): void; readonly pendingBytes: number } {
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let frameLength = 0;
  return {
    get pendingBytes() {
      return pendingBytes;
    },
    push(input: Buffer) {
      let chunk = input;
      if (pendingBytes > 0) {
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (frameLength === 0 && pendingBytes >= 4) {
          const head = pending[0]!.length >= 4 ? pending[0]! : Buffer.concat(pending, pendingBytes);
          frameLength = head.readUInt32BE(0);
        }
        if (frameLength === 0 || pendingBytes < frameLength) return;
        chunk = Buffer.concat(pending, pendingBytes);
        pending = [];
        pendingBytes = 0;
        frameLength = 0;
      }
      let offset = 0;
      while (chunk.length - offset >= 4) {
        const totalLength = chunk.readUInt32BE(offset);
        if (totalLength < 16) throw new Error(`invalid frame length ${totalLength}`);
        if (chunk.length - offset < totalLength) break;
        decodeFrame(chunk, offset, totalLength, sink);
        offset += totalLength;
      }
      if (offset < chunk.length) {
        const rest = offset === 0 ? chunk : chunk.subarray(offset);
        pending.push(rest);
        pendingBytes = rest.length;
        frameLength = rest.length >= 4 ? rest.readUInt32BE(0) : 0;
      }
    },
  };
}

