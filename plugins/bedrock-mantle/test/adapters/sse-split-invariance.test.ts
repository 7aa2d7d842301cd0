import { describe, expect, it } from "vitest";
import {
  createAnthropicMessagesStreamDecoder,
  createChatCompletionsStreamDecoder,
  createResponsesStreamDecoder,
  type MantleStreamDecoder,
} from "../../src/adapters/index.js";
import { decodeChunks, plainEvents, readSseFixture, seededRandom, splitEvery, splitRandomly } from "./fake-mantle-transport.js";

const BEHAVIOURS = [
  "plain-text",
  "reasoning",
  "parallel-tool-calls",
  "structured-output",
  "length-stop",
  "content-filter",
  "mid-stream-error",
  "missing-terminal-event",
] as const;

const APIS: ReadonlyArray<readonly ["chat-completions" | "responses" | "anthropic-messages", () => MantleStreamDecoder]> = [
  ["chat-completions", createChatCompletionsStreamDecoder],
  ["responses", createResponsesStreamDecoder],
  ["anthropic-messages", createAnthropicMessagesStreamDecoder],
];

const RANDOM_SPLITS_PER_FIXTURE = 25;

describe("decoded events do not depend on how the body is split", () => {
  for (const [api, createDecoder] of APIS) {
    for (const behaviour of BEHAVIOURS) {
      it(`${api}/${behaviour}`, () => {
        const bytes = readSseFixture(api, behaviour);
        const whole = plainEvents(decodeChunks(createDecoder, [bytes]));
        expect(whole.length).toBeGreaterThan(1);
        expect(plainEvents(decodeChunks(createDecoder, splitEvery(bytes, 1)))).toEqual(whole);
        // The seed is derived from the fixture, so a failure names a reproducible split.
        const random = seededRandom(bytes.length * 31 + behaviour.length);
        for (let round = 0; round < RANDOM_SPLITS_PER_FIXTURE; round++) {
          const maxPiece = round % 2 === 0 ? 16 : 600;
          expect(plainEvents(decodeChunks(createDecoder, splitRandomly(bytes, random, maxPiece))), `round ${round}`).toEqual(whole);
        }
      });
    }
  }

  it("CRLF line endings decode like LF", () => {
    for (const [api, createDecoder] of APIS) {
      const bytes = readSseFixture(api, "parallel-tool-calls");
      const crlf = Buffer.from(bytes.toString("utf8").replaceAll("\n", "\r\n"), "utf8");
      expect(plainEvents(decodeChunks(createDecoder, splitEvery(crlf, 7)))).toEqual(plainEvents(decodeChunks(createDecoder, [bytes])));
    }
  });

  it("a final event without its trailing blank line still counts", () => {
    const bytes = readSseFixture("chat-completions", "plain-text");
    const withoutLastBlankLine = bytes.subarray(0, bytes.length - 1);
    expect(plainEvents(decodeChunks(createChatCompletionsStreamDecoder, [withoutLastBlankLine]))).toEqual(
      plainEvents(decodeChunks(createChatCompletionsStreamDecoder, [bytes])),
    );
  });
});
