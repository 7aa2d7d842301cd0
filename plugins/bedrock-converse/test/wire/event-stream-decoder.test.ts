import { EventStreamCodec, Int64 } from "@smithy/eventstream-codec";
import { crc32 as zlibCrc32 } from "node:zlib";
import { afterEach, describe, expect, it, vi } from "vitest";
import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { EventStreamDecoder, tableCrc32, type EventStreamMessage } from "../../src/wire/index.js";
import { SPLITS, fixtureBytes, seededRandom, splitBytes } from "./converse-test-helpers.js";

const textEncoder = new TextEncoder();
const textDecoder = new TextDecoder();
const codec = new EventStreamCodec(
  (bytes: Uint8Array) => textDecoder.decode(bytes),
  (text: string) => textEncoder.encode(text),
);

const FIXTURES = [
  "text",
  "reasoning-with-signature",
  "tool-call-metadata-first",
  "parallel-tool-calls",
  "throttling-exception",
  "model-stream-error",
  "length-stop",
  "guardrail",
];

interface Decoded {
  messageType: string | undefined;
  eventType: string | undefined;
  exceptionType: string | undefined;
  errorCode: string | undefined;
  errorMessage: string | undefined;
  payloadHex: string;
}

function snapshot(message: EventStreamMessage): Decoded {
  return {
    messageType: message.messageType,
    eventType: message.eventType,
    exceptionType: message.exceptionType,
    errorCode: message.errorCode,
    errorMessage: message.errorMessage,
    payloadHex: message.payload.toString("hex"),
  };
}

function decodeChunks(chunks: Uint8Array[], options?: ConstructorParameters<typeof EventStreamDecoder>[1]): Decoded[] {
  const decoded: Decoded[] = [];
  const decoder = new EventStreamDecoder((message) => decoded.push(snapshot(message)), options);
  for (const chunk of chunks) decoder.push(chunk);
  decoder.end();
  return decoded;
}

function catchError(action: () => void): BedrockKitError {
  try {
    action();
  } catch (error) {
    if (BedrockKitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a BedrockKitError");
}

function encodeEvent(eventType: string, payload: string): Uint8Array {
  return codec.encode({
    headers: {
      ":event-type": { type: "string", value: eventType },
      ":content-type": { type: "string", value: "application/json" },
      ":message-type": { type: "string", value: "event" },
    },
    body: textEncoder.encode(payload),
  });
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("EventStreamDecoder on the fixtures", () => {
  it.each(FIXTURES)("decodes %s identically however the bytes are split", (name) => {
    const bytes = fixtureBytes(`${name}.eventstream`);
    const expected = decodeChunks([bytes]);
    expect(expected.length).toBeGreaterThan(2);
    for (const split of SPLITS) {
      expect(decodeChunks(splitBytes(bytes, split.mode)), split.name).toEqual(expected);
    }
  });

  it("reads the event type, message type and payload with its p padding", () => {
    const decoded = decodeChunks([fixtureBytes("text.eventstream")]);
    expect(decoded.map((message) => message.eventType)).toEqual([
      "messageStart",
      "contentBlockDelta",
      "contentBlockDelta",
      "contentBlockDelta",
      "contentBlockStop",
      "messageStop",
      "metadata",
    ]);
    expect(new Set(decoded.map((message) => message.messageType))).toEqual(new Set(["event"]));
    const delta = JSON.parse(Buffer.from(decoded[1]!.payloadHex, "hex").toString("utf8")) as Record<string, unknown>;
    expect(delta).toMatchObject({ contentBlockIndex: 0, delta: { text: "Hello" } });
    expect(typeof delta.p).toBe("string");
  });

  it("reads exception frames' exception type", () => {
    const decoded = decodeChunks([fixtureBytes("throttling-exception.eventstream")]);
    expect(decoded.at(-1)).toMatchObject({ messageType: "exception", exceptionType: "throttlingException", eventType: undefined });
  });
});

describe("EventStreamDecoder against @smithy/eventstream-codec", () => {
  const KNOWN = [":message-type", ":event-type", ":exception-type", ":error-code", ":error-message"] as const;
  const FIELD: Record<(typeof KNOWN)[number], keyof Decoded> = {
    ":message-type": "messageType",
    ":event-type": "eventType",
    ":exception-type": "exceptionType",
    ":error-code": "errorCode",
    ":error-message": "errorMessage",
  };

  function randomString(random: () => number, maxLength: number): string {
    const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_:{}\"é€😀 ";
    const characters = Array.from(alphabet);
    let text = "";
    const length = Math.floor(random() * maxLength);
    for (let index = 0; index < length; index += 1) text += characters[Math.floor(random() * characters.length)]!;
    return text;
  }

  // Every header value type of the spec, so the decoder must skip each one correctly.
  function randomHeaders(random: () => number): Parameters<typeof codec.encode>[0]["headers"] {
    const headers: Parameters<typeof codec.encode>[0]["headers"] = {};
    const count = Math.floor(random() * 8);
    for (let index = 0; index < count; index += 1) {
      const name = `h${index}-${randomString(random, 6).replace(/[^a-z0-9-]/g, "")}`;
      switch (Math.floor(random() * 9)) {
        case 0:
          headers[name] = { type: "boolean", value: random() < 0.5 };
          break;
        case 1:
          headers[name] = { type: "byte", value: Math.floor(random() * 256) - 128 };
          break;
        case 2:
          headers[name] = { type: "short", value: Math.floor(random() * 65536) - 32768 };
          break;
        case 3:
          headers[name] = { type: "integer", value: Math.floor(random() * 2 ** 31) };
          break;
        case 4:
          headers[name] = { type: "long", value: Int64.fromNumber(Math.floor(random() * 2 ** 40) - 2 ** 39) };
          break;
        case 5:
          headers[name] = { type: "binary", value: textEncoder.encode(randomString(random, 40)) };
          break;
        case 6:
          headers[name] = { type: "string", value: randomString(random, 40) };
          break;
        case 7:
          headers[name] = { type: "timestamp", value: new Date(Math.floor(random() * 2 ** 41)) };
          break;
        default:
          headers[name] = { type: "uuid", value: "0123e456-e89b-12d3-a456-426614174000" };
      }
    }
    for (const known of KNOWN) {
      if (random() < 0.5) headers[known] = { type: "string", value: randomString(random, 30) };
    }
    return headers;
  }

  it.each([11, 22, 33, 44, 55])("matches the AWS codec on random frames and random splits (seed %i)", (seed) => {
    const random = seededRandom(seed);
    const frames: Uint8Array[] = [];
    for (let index = 0; index < 40; index += 1) {
      const payload = random() < 0.1 ? new Uint8Array(0) : textEncoder.encode(randomString(random, random() < 0.2 ? 5000 : 200));
      frames.push(codec.encode({ headers: randomHeaders(random), body: payload }));
    }
    // What the AWS codec reads from each frame.
    const expected: Decoded[] = frames.map((frame) => {
      const message = codec.decode(frame);
      const decoded: Decoded = {
        messageType: undefined,
        eventType: undefined,
        exceptionType: undefined,
        errorCode: undefined,
        errorMessage: undefined,
        payloadHex: Buffer.from(message.body).toString("hex"),
      };
      for (const known of KNOWN) {
        const header = message.headers[known];
        if (header?.type === "string") (decoded as unknown as Record<string, unknown>)[FIELD[known]] = header.value;
      }
      return decoded;
    });
    const stream = Buffer.concat(frames.map((frame) => Buffer.from(frame)));
    for (const split of [...SPLITS, { name: "random large", mode: { kind: "random" as const, seed, maxSize: 4096 } }]) {
      expect(decodeChunks(splitBytes(stream, split.mode)), split.name).toEqual(expected);
    }
  });
});

describe("EventStreamDecoder linearity", () => {
  it("joins a 4 MiB event arriving in 1,460-byte chunks with a single copy", () => {
    const payload = JSON.stringify({ contentBlockIndex: 0, delta: { text: "x".repeat(4 * 1024 * 1024) } });
    const frame = encodeEvent("contentBlockDelta", payload);
    const chunks = splitBytes(frame, { kind: "bytes", size: 1460 });
    const concat = vi.spyOn(Buffer, "concat");
    const payloadLengths: number[] = [];
    const decoder = new EventStreamDecoder((message) => payloadLengths.push(message.payload.length));
    const started = performance.now();
    for (const chunk of chunks) decoder.push(chunk);
    decoder.end();
    const elapsedMs = performance.now() - started;
    expect(payloadLengths).toEqual([textEncoder.encode(payload).length]);
    expect(concat).toHaveBeenCalledTimes(1);
    expect(decoder.copiedBytes).toBe(frame.length);
    // Generous bound: proves it does not degrade to quadratic work (which takes seconds here).
    expect(elapsedMs).toBeLessThan(2_000);
  });

  it("copies nothing when frames arrive inside one chunk", () => {
    const frames = Buffer.concat(Array.from({ length: 100 }, (_, index) => Buffer.from(encodeEvent("contentBlockDelta", `{"i":${index}}`))));
    const decoder = new EventStreamDecoder(() => {});
    for (const chunk of splitBytes(frames, { kind: "bytes", size: 16 * 1024 })) decoder.push(chunk);
    decoder.end();
    // Only the frames straddling a 16 KiB boundary are joined.
    expect(decoder.copiedBytes).toBeLessThan(frames.length / 10);
  });
});

describe("EventStreamDecoder on corrupt input", () => {
  const frame = Buffer.from(encodeEvent("contentBlockDelta", '{"contentBlockIndex":0,"delta":{"text":"hi"}}'));

  it("rejects a bad prelude CRC before trusting the length", () => {
    const damaged = Buffer.from(frame);
    damaged[1] = 0x7f; // the declared total length, now ~2 GiB
    const error = catchError(() => decodeChunks([damaged]));
    expect(error.code).toBe("stream-corrupt");
    expect(error.message).toMatch(/prelude CRC/);
  });

  it("rejects a bad message CRC", () => {
    const damaged = Buffer.from(frame);
    damaged[damaged.length - 8] = damaged[damaged.length - 8]! ^ 0x01; // a payload byte
    const error = catchError(() => decodeChunks(splitBytes(damaged, { kind: "bytes", size: 3 })));
    expect(error.code).toBe("stream-corrupt");
    expect(error.message).toMatch(/message CRC/);
  });

  it("rejects a truncated last frame at the end of the body", () => {
    const stream = Buffer.concat([frame, frame.subarray(0, frame.length - 5)]);
    const decoded: EventStreamMessage[] = [];
    const decoder = new EventStreamDecoder((message) => decoded.push(message));
    decoder.push(stream);
    expect(decoded).toHaveLength(1);
    const error = catchError(() => decoder.end());
    expect(error.code).toBe("stream-corrupt");
    expect(error.message).toMatch(/ended inside an event-stream frame/);
  });

  it("rejects a truncated prelude at the end of the body", () => {
    const error = catchError(() => decodeChunks([frame.subarray(0, 7)]));
    expect(error.code).toBe("stream-corrupt");
  });

  it("rejects an absurd declared length at once instead of waiting for it", () => {
    const prelude = Buffer.alloc(12);
    prelude.writeUInt32BE(64 * 1024 * 1024, 0);
    prelude.writeUInt32BE(0, 4);
    prelude.writeUInt32BE(zlibCrc32(prelude.subarray(0, 8)), 8);
    const error = catchError(() => new EventStreamDecoder(() => {}).push(prelude));
    expect(error.code).toBe("stream-corrupt");
    expect(error.message).toMatch(/impossible length/);
  });

  it("honours a smaller frame cap", () => {
    const error = catchError(() => decodeChunks([frame], { maxFrameBytes: 32 }));
    expect(error.message).toMatch(/impossible length/);
  });

  it("rejects a header length longer than the frame", () => {
    const prelude = Buffer.alloc(12);
    prelude.writeUInt32BE(40, 0);
    prelude.writeUInt32BE(30, 4);
    prelude.writeUInt32BE(zlibCrc32(prelude.subarray(0, 8)), 8);
    const error = catchError(() => new EventStreamDecoder(() => {}).push(prelude));
    expect(error.message).toMatch(/impossible header length/);
  });

  it("rejects an unknown header value type", () => {
    const headers = Buffer.from([1, 0x78, 10, 0, 0]);
    const total = 12 + headers.length + 4;
    const bytes = Buffer.alloc(total);
    bytes.writeUInt32BE(total, 0);
    bytes.writeUInt32BE(headers.length, 4);
    bytes.writeUInt32BE(zlibCrc32(bytes.subarray(0, 8)), 8);
    headers.copy(bytes, 12);
    bytes.writeUInt32BE(zlibCrc32(bytes.subarray(0, total - 4)), total - 4);
    const error = catchError(() => decodeChunks([bytes]));
    expect(error.code).toBe("stream-corrupt");
    expect(error.message).toMatch(/unknown value type \(10\)/);
  });

  it("works with the table CRC (Node before 20.15)", () => {
    const stream = fixtureBytes("parallel-tool-calls.eventstream");
    expect(decodeChunks(splitBytes(stream, { kind: "bytes", size: 5 }), { crc32: tableCrc32 })).toEqual(decodeChunks([stream]));
  });
});

describe("tableCrc32", () => {
  it("agrees with zlib.crc32, including when continuing from a previous CRC", () => {
    const random = seededRandom(7);
    for (let round = 0; round < 50; round += 1) {
      const data = Buffer.from(Array.from({ length: Math.floor(random() * 3000) }, () => Math.floor(random() * 256)));
      const initial = Math.floor(random() * 2 ** 32);
      expect(tableCrc32(data)).toBe(zlibCrc32(data));
      expect(tableCrc32(data, initial)).toBe(zlibCrc32(data, initial));
    }
  });
});
