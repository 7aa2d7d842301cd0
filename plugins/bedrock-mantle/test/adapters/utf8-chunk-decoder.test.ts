import { describe, expect, it } from "vitest";
import { endsOnCharacterBoundary, Utf8ChunkDecoder } from "../../src/adapters/utf8-chunk-decoder.js";
import { seededRandom, splitEvery, splitRandomly } from "./fake-mantle-transport.js";

/** What the decoder replaces: one streaming TextDecoder per call. */
function reference(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder("utf-8");
  let text = "";
  for (const chunk of chunks) text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

function decodeAll(chunks: Uint8Array[]): string {
  const decoder = new Utf8ChunkDecoder();
  let text = "";
  for (const chunk of chunks) text += decoder.decode(chunk);
  return text + decoder.end();
}

// Bytes that make UTF-8 interesting: ASCII, every kind of lead byte (valid and not), continuations, a BOM's bytes.
const INTERESTING_BYTES = [0x41, 0x0a, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbb, 0xbf, 0xc0, 0xc1, 0xc2, 0xdf, 0xe0, 0xe1, 0xed, 0xef, 0xf0, 0xf4, 0xf5, 0xff];

function randomBytes(random: () => number, length: number): Uint8Array {
  const bytes = new Uint8Array(length);
  for (let index = 0; index < length; index++) {
    bytes[index] = random() < 0.7 ? INTERESTING_BYTES[Math.floor(random() * INTERESTING_BYTES.length)]! : Math.floor(random() * 256);
  }
  return bytes;
}

const encode = (text: string) => new TextEncoder().encode(text);
const BOM = [0xef, 0xbb, 0xbf];

describe("Utf8ChunkDecoder", () => {
  it("gives what one streaming TextDecoder gives, for random bytes split at random (seeded)", () => {
    const random = seededRandom(20260920);
    for (let round = 0; round < 3000; round++) {
      const bytes = randomBytes(random, 1 + Math.floor(random() * 24));
      const label = `bytes ${[...bytes].map((byte) => byte.toString(16)).join(" ")}`;
      const expected = reference([bytes]);
      expect(decodeAll([bytes]), label).toBe(expected);
      expect(decodeAll(splitEvery(bytes, 1)), label).toBe(expected);
      expect(decodeAll(splitRandomly(bytes, random, 5)), label).toBe(expected);
    }
  });

  it("keeps a character split across chunks whole, and flushes a cut-off one as U+FFFD at the end", () => {
    const bytes = encode("a€😀b");
    for (let cut = 0; cut <= bytes.length; cut++) expect(decodeAll([bytes.subarray(0, cut), bytes.subarray(cut)])).toBe("a€😀b");
    expect(decodeAll([encode("x€").subarray(0, 3)])).toBe("x\uFFFD");
  });

  it("drops a BOM only at the start of the body, however it is split", () => {
    const body = new Uint8Array([...BOM, ...encode("data: hi\n\n"), ...BOM]);
    const expected = reference([body]);
    expect(expected.startsWith("data:")).toBe(true);
    expect(expected.endsWith("\uFEFF")).toBe(true);
    expect(decodeAll([body])).toBe(expected);
    expect(decodeAll(splitEvery(body, 1))).toBe(expected);
    expect(decodeAll([new Uint8Array(0), body])).toBe(expected);
    expect(decodeAll([body.subarray(0, 5), body.subarray(5)])).toBe(expected);
  });

  it("says a chunk ends on a character boundary only when nothing of it would be held back", () => {
    expect(endsOnCharacterBoundary(encode("plain"))).toBe(true);
    expect(endsOnCharacterBoundary(encode("€"))).toBe(true);
    expect(endsOnCharacterBoundary(encode("😀"))).toBe(true);
    expect(endsOnCharacterBoundary(new Uint8Array(0))).toBe(true);
    expect(endsOnCharacterBoundary(encode("€").subarray(0, 2))).toBe(false);
    expect(endsOnCharacterBoundary(encode("😀").subarray(0, 3))).toBe(false);
    expect(endsOnCharacterBoundary(new Uint8Array([0x41, 0xc3]))).toBe(false);
  });
});
