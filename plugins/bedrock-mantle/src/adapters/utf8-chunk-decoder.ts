/**
 * Body chunks to text, as one streaming `TextDecoder("utf-8")` per call would give it (a leading BOM
 * dropped, invalid bytes as U+FFFD, a character split across chunks kept whole), without making
 * that decoder per call. Creating one costs an ICU converter, and its streaming `decode` is several
 * times slower than a plain one; both ran cold before every first text delta (issue 8,
 * docs/adr/0920). A chunk that ends on a character boundary, the usual SSE case, is decoded by one
 * shared decoder without stream state; from the first chunk that ends inside a character (or a
 * first chunk that starts like a BOM) on, the call's chunks go through its own streaming decoder.
 */
export class Utf8ChunkDecoder {
  private streaming: InstanceType<typeof TextDecoder> | undefined;
  private seenBytes = false;

  /** The text of one chunk (a character cut at its end waits for the next chunk). */
  decode(chunk: Uint8Array): string {
    if (this.streaming === undefined) {
      const first = !this.seenBytes;
      if (chunk.length > 0) this.seenBytes = true;
      if (!(first && chunk[0] === 0xef) && endsOnCharacterBoundary(chunk)) return STATELESS_DECODER.decode(chunk);
      // The stream's start is still ahead only for a first chunk: only there is a BOM dropped.
      this.streaming = new TextDecoder("utf-8", { ignoreBOM: !first });
    }
    return this.streaming.decode(chunk, STREAM_DECODE);
  }

  /** The body ended: a character still cut off becomes U+FFFD. */
  end(): string {
    return this.streaming === undefined ? "" : this.streaming.decode();
  }
}

/**
 * Used only without `stream`, so it keeps no state between calls and one serves every call. It
 * keeps a BOM: past the first chunk, a BOM is text.
 */
const STATELESS_DECODER = new TextDecoder("utf-8", { ignoreBOM: true });

const STREAM_DECODE = { stream: true } as const;

/**
 * Whether a streaming decoder would hold nothing back after this chunk: no lead byte among the last
 * three bytes whose sequence runs past the end. Conservative: an invalid lead byte (which a decoder
 * would replace at once) also counts as cut off, which only costs the streaming path.
 */
export function endsOnCharacterBoundary(chunk: Uint8Array): boolean {
  const length = chunk.length;
  // A character is at most four bytes, so only a lead byte in the last three can be cut off.
  for (let back = 1; back <= 3 && back <= length; back++) {
    const byte = chunk[length - back]!;
    if (byte < 0x80) return true;
    if (byte >= 0xc0) return back >= sequenceLength(byte);
    // A continuation byte: look further back for its lead.
  }
  return true;
}

function sequenceLength(leadByte: number): number {
  if (leadByte < 0xe0) return 2;
  if (leadByte < 0xf0) return 3;
  return 4;
}
