import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { crc32 as defaultCrc32, tableCrc32Range, type Crc32 } from "./event-stream-crc32.js";

/**
 * One decoded `application/vnd.amazon.eventstream` message. Only the string headers the Converse
 * dispatch reads are kept; every header type is parsed (to be skipped correctly) but not stored.
 */
export interface EventStreamMessage {
  /** `:message-type`: `event`, `exception` or `error` (undefined when the frame has none). */
  messageType: string | undefined;
  /** `:event-type`, for `event` messages (`contentBlockDelta`…). */
  eventType: string | undefined;
  /** `:exception-type`, for `exception` messages (`throttlingException`…). */
  exceptionType: string | undefined;
  /** `:error-code`, for `error` messages. */
  errorCode: string | undefined;
  /** `:error-message`, for `error` messages. */
  errorMessage: string | undefined;
  /** The payload bytes (a view; valid only during the `onMessage` call). */
  payload: Buffer;
}

/** Options of {@link EventStreamDecoder}. */
export interface EventStreamDecoderOptions {
  /** Largest frame accepted, in bytes; a longer declared length is corruption. Default 16 MiB. */
  maxFrameBytes?: number;
  /** CRC-32 of the message CRC check (injected by tests). Default `zlib.crc32`. */
  crc32?: Crc32;
}

/** The AWS event-stream limit on one message (prelude, headers, payload and CRC). */
export const DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
/** The AWS event-stream limit on the header section of one message. */
const MAX_HEADERS_BYTES = 128 * 1024;
const PRELUDE_BYTES = 12;
/** Prelude (12) + message CRC (4). */
const FRAME_OVERHEAD_BYTES = 16;

/**
 * Splits an `application/vnd.amazon.eventstream` body into messages, however its bytes are chunked.
 *
 * Chunks are kept in a list with a running length; nothing is copied until a whole frame has
 * arrived, and then only that frame's pieces are joined, once. A frame inside one chunk is not
 * copied at all. So a 4 MiB event arriving in 1,460-byte chunks costs one 4 MiB copy, not one per
 * chunk (see docs/adr/0600-hand-rolled-converse-event-stream-decoder.md).
 *
 * Throws a `stream-corrupt` {@link BedrockKitError} on a bad CRC, an impossible length, an unknown
 * header type, or (from {@link end}) bytes left over at the end of the body.
 */
export class EventStreamDecoder {
  private readonly chunks: Buffer[] = [];
  /** Index of the first chunk still holding unconsumed bytes. */
  private firstChunk = 0;
  /** Bytes of `chunks[firstChunk]` already consumed. */
  private firstOffset = 0;
  /** Unconsumed bytes across the chunk list. */
  private bufferedBytes = 0;
  /** Total length of the frame being assembled, once its prelude checked out; 0 before. */
  private frameBytes = 0;
  private headersBytes = 0;
  /** CRC of the current frame's first 8 bytes, from which the message CRC continues. */
  private preludeCrc = 0;
  private readonly prelude = Buffer.allocUnsafe(PRELUDE_BYTES);
  private readonly maxFrameBytes: number;
  private readonly crc32: Crc32;
  private copied = 0;

  constructor(
    private readonly onMessage: (message: EventStreamMessage) => void,
    options: EventStreamDecoderOptions = {},
  ) {
    this.maxFrameBytes = options.maxFrameBytes ?? DEFAULT_MAX_FRAME_BYTES;
    this.crc32 = options.crc32 ?? defaultCrc32;
  }

  /** Bytes copied so far to join frames that spanned chunks (linearity is observable through it). */
  get copiedBytes(): number {
    return this.copied;
  }

  /** Unconsumed bytes held. */
  get pendingBytes(): number {
    return this.bufferedBytes;
  }

  /** Feed the next body chunk; calls `onMessage` for every frame it completes, in order. */
  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
    this.bufferedBytes += chunk.byteLength;
    for (;;) {
      if (this.frameBytes === 0) {
        if (this.bufferedBytes < PRELUDE_BYTES) return;
        this.readPrelude();
      }
      if (this.bufferedBytes < this.frameBytes) return;
      this.takeFrame();
    }
  }

  /** The body ended: throws `stream-corrupt` when a partial frame is left. */
  end(): void {
    if (this.bufferedBytes > 0) {
      throw corrupt(`The response ended inside an event-stream frame (${this.bufferedBytes} bytes left over).`);
    }
  }

  private readPrelude(): void {
    const head = this.chunks[this.firstChunk]!;
    let prelude: Buffer;
    let offset: number;
    if (head.length - this.firstOffset >= PRELUDE_BYTES) {
      prelude = head;
      offset = this.firstOffset;
    } else {
      // The prelude spans chunks: gather its 12 bytes into scratch space (bounded work).
      let filled = 0;
      let chunkIndex = this.firstChunk;
      let chunkOffset = this.firstOffset;
      while (filled < PRELUDE_BYTES) {
        const chunk = this.chunks[chunkIndex]!;
        const take = Math.min(PRELUDE_BYTES - filled, chunk.length - chunkOffset);
        chunk.copy(this.prelude, filled, chunkOffset, chunkOffset + take);
        filled += take;
        chunkIndex += 1;
        chunkOffset = 0;
      }
      prelude = this.prelude;
      offset = 0;
    }
    // The length fields are only trusted once the prelude CRC vouches for them. Eight bytes are
    // cheaper to hash in JS than to wrap in a view for the native call.
    const preludeCrc = tableCrc32Range(prelude, offset, offset + 8);
    if (preludeCrc !== prelude.readUInt32BE(offset + 8)) {
      throw corrupt("An event-stream frame failed its prelude CRC check.");
    }
    const totalBytes = prelude.readUInt32BE(offset);
    const headersBytes = prelude.readUInt32BE(offset + 4);
    if (totalBytes < FRAME_OVERHEAD_BYTES || totalBytes > this.maxFrameBytes) {
      throw corrupt(`An event-stream frame declares an impossible length (${totalBytes} bytes).`);
    }
    if (headersBytes > totalBytes - FRAME_OVERHEAD_BYTES || headersBytes > MAX_HEADERS_BYTES) {
      throw corrupt(`An event-stream frame declares an impossible header length (${headersBytes} bytes).`);
    }
    this.frameBytes = totalBytes;
    this.headersBytes = headersBytes;
    this.preludeCrc = preludeCrc;
  }

  private takeFrame(): void {
    const frameBytes = this.frameBytes;
    const head = this.chunks[this.firstChunk]!;
    let frame: Buffer;
    let start: number;
    if (head.length - this.firstOffset >= frameBytes) {
      frame = head;
      start = this.firstOffset;
      this.firstOffset += frameBytes;
      if (this.firstOffset === head.length) {
        this.firstChunk += 1;
        this.firstOffset = 0;
      }
    } else {
      const pieces: Buffer[] = [];
      let needed = frameBytes;
      while (needed > 0) {
        const chunk = this.chunks[this.firstChunk]!;
        const available = chunk.length - this.firstOffset;
        if (available <= needed) {
          pieces.push(this.firstOffset === 0 ? chunk : chunk.subarray(this.firstOffset));
          needed -= available;
          this.firstChunk += 1;
          this.firstOffset = 0;
        } else {
          pieces.push(chunk.subarray(this.firstOffset, this.firstOffset + needed));
          this.firstOffset += needed;
          needed = 0;
        }
      }
      frame = Buffer.concat(pieces, frameBytes);
      this.copied += frameBytes;
      start = 0;
    }
    this.bufferedBytes -= frameBytes;
    this.frameBytes = 0;
    if (this.firstChunk === this.chunks.length) {
      this.chunks.length = 0;
      this.firstChunk = 0;
    } else if (this.firstChunk > 64) {
      // Drop consumed chunk references now and then so the list stays short.
      this.chunks.splice(0, this.firstChunk);
      this.firstChunk = 0;
    }
    this.onMessage(this.decodeFrame(frame, start, frameBytes));
  }

  private decodeFrame(frame: Buffer, start: number, frameBytes: number): EventStreamMessage {
    const crcOffset = start + frameBytes - 4;
    // The message CRC covers the prelude too; continue from the prelude's CRC instead of rehashing it.
    const messageCrc = this.crc32(frame.subarray(start + 8, crcOffset), this.preludeCrc);
    if (messageCrc !== frame.readUInt32BE(crcOffset)) {
      throw corrupt("An event-stream frame failed its message CRC check.");
    }
    const message: EventStreamMessage = {
      messageType: undefined,
      eventType: undefined,
      exceptionType: undefined,
      errorCode: undefined,
      errorMessage: undefined,
      payload: frame,
    };
    const headersEnd = start + PRELUDE_BYTES + this.headersBytes;
    readHeaders(frame, start + PRELUDE_BYTES, headersEnd, message);
    message.payload = frame.subarray(headersEnd, crcOffset);
    return message;
  }
}

/** Byte length of each fixed-size header value type (types 0 and 1, the booleans, carry none). */
const FIXED_VALUE_BYTES = [0, 0, 1, 2, 4, 8, -1, -1, 8, 16];
const TYPE_BYTES = 6;
const TYPE_STRING = 7;

/** The string headers the dispatch reads, matched byte by byte so no header name becomes a string. */
const HEADER_NAMES = [":message-type", ":event-type", ":exception-type", ":error-code", ":error-message"].map((name) =>
  Buffer.from(name, "latin1"),
);
const MESSAGE_TYPE = 0;
const EVENT_TYPE = 1;
const EXCEPTION_TYPE = 2;
const ERROR_CODE = 3;
const ERROR_MESSAGE = 4;
const EVENT_BYTES = Buffer.from("event", "latin1");

/** `Buffer#utf8Slice`: what `toString("utf8", start, end)` calls after its argument checks. */
type SliceableBuffer = Buffer & { utf8Slice(start: number, end: number): string };

function readHeaders(frame: Buffer, position: number, end: number, message: EventStreamMessage): void {
  while (position < end) {
    const nameBytes = frame[position]!;
    const nameStart = position + 1;
    const typeAt = nameStart + nameBytes;
    if (nameBytes === 0 || typeAt >= end) throw corrupt("An event-stream header is malformed.");
    const type = frame[typeAt]!;
    let valueStart = typeAt + 1;
    let valueBytes: number;
    if (type === TYPE_STRING || type === TYPE_BYTES) {
      if (valueStart + 2 > end) throw corrupt("An event-stream header is malformed.");
      valueBytes = frame.readUInt16BE(valueStart);
      valueStart += 2;
    } else {
      valueBytes = FIXED_VALUE_BYTES[type] ?? -1;
      if (valueBytes < 0) throw corrupt(`An event-stream header has an unknown value type (${type}).`);
    }
    const valueEnd = valueStart + valueBytes;
    if (valueEnd > end) throw corrupt("An event-stream header runs past the header section.");
    if (type === TYPE_STRING) {
      switch (knownHeader(frame, nameStart, nameBytes)) {
        case MESSAGE_TYPE:
          message.messageType = bytesEqual(frame, valueStart, valueBytes, EVENT_BYTES) ? "event" : utf8(frame, valueStart, valueEnd);
          break;
        case EVENT_TYPE:
          message.eventType = utf8(frame, valueStart, valueEnd);
          break;
        case EXCEPTION_TYPE:
          message.exceptionType = utf8(frame, valueStart, valueEnd);
          break;
        case ERROR_CODE:
          message.errorCode = utf8(frame, valueStart, valueEnd);
          break;
        case ERROR_MESSAGE:
          message.errorMessage = utf8(frame, valueStart, valueEnd);
          break;
        default:
          break;
      }
    }
    position = valueEnd;
  }
}

/** Index in {@link HEADER_NAMES} of the name at `frame[start, start + length)`, or -1. */
function knownHeader(frame: Buffer, start: number, length: number): number {
  for (let index = 0; index < HEADER_NAMES.length; index += 1) {
    if (bytesEqual(frame, start, length, HEADER_NAMES[index]!)) return index;
  }
  return -1;
}

function bytesEqual(frame: Buffer, start: number, length: number, expected: Buffer): boolean {
  if (length !== expected.length) return false;
  for (let index = 0; index < length; index += 1) {
    if (frame[start + index] !== expected[index]) return false;
  }
  return true;
}

function utf8(frame: Buffer, start: number, end: number): string {
  return (frame as SliceableBuffer).utf8Slice(start, end);
}

function corrupt(message: string): BedrockKitError {
  return new BedrockKitError({
    code: "stream-corrupt",
    message,
    hint: "The response stream was damaged on the way (a proxy or a dropped connection); retry the call.",
    retryable: true,
  });
}
