import { EventStreamCodec } from "@smithy/eventstream-codec";
import { describe, expect, it } from "vitest";
import { corruptEventStreamFrame } from "../src/server/write-event-stream.js";
import { encodeEventFrame, encodeExceptionFrame } from "../src/wire/event-stream-encoding.js";

const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes).toString("utf8"),
  (text) => Buffer.from(text, "utf8"),
);

describe("event-stream frames", () => {
  it("encodes an event with AWS's headers and a `p` padding field in the payload", () => {
    const message = codec.decode(encodeEventFrame("contentBlockDelta", { contentBlockIndex: 0, delta: { text: "Hi" } }));
    expect(message.headers[":message-type"]?.value).toBe("event");
    expect(message.headers[":event-type"]?.value).toBe("contentBlockDelta");
    expect(message.headers[":content-type"]?.value).toBe("application/json");
    const payload = JSON.parse(Buffer.from(message.body).toString("utf8"));
    expect(payload).toMatchObject({ contentBlockIndex: 0, delta: { text: "Hi" } });
    expect(payload.p.length).toBeGreaterThan(0);
    expect("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789".startsWith(payload.p)).toBe(true);
  });

  it("varies the padding length with the payload", () => {
    const lengths = new Set(
      ["a", "ab", "abc", "abcd"].map((text) => {
        const payload = JSON.parse(Buffer.from(codec.decode(encodeEventFrame("contentBlockDelta", { delta: { text } })).body).toString("utf8"));
        return payload.p.length;
      }),
    );
    expect(lengths.size).toBeGreaterThan(1);
  });

  it("encodes exceptions with :exception-type", () => {
    const message = codec.decode(encodeExceptionFrame("throttlingException", { message: "slow down" }));
    expect(message.headers[":message-type"]?.value).toBe("exception");
    expect(message.headers[":exception-type"]?.value).toBe("throttlingException");
  });

  it("a corrupted frame fails its message CRC and leaves the original intact", () => {
    const frame = encodeEventFrame("messageStop", { stopReason: "end_turn" });
    const corrupted = corruptEventStreamFrame(frame);
    expect(() => codec.decode(corrupted)).toThrow(/checksum/i);
    expect(() => codec.decode(frame)).not.toThrow();
  });
});
