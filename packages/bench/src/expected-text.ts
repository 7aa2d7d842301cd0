/**
 * The text every benchmark stream carries, generated the same way on the mock server and in the
 * client, so each run can prove it received exactly what was sent.
 *
 * Tokens mix ASCII, JSON escapes (`"`, `\`, newline, tab) and multi-byte UTF-8 (2, 3 and 4 bytes),
 * so a parser that decodes chunk by chunk without carrying split characters, or that unescapes
 * wrongly, fails the content check instead of winning on speed.
 */
const TOKEN_VOCABULARY: readonly string[] = [
  " The", " quick", " brown", " fox", " jumps", " over", " the", " lazy", " dog", ".",
  " Über", " naïve", " café", " 🙂", ' "quoted"', " back\\slash", "\n", " tab\t", " 東京", " end",
];

/** The text of the `index`-th text delta of a stream (0-based). */
export function tokenAt(index: number): string {
  return TOKEN_VOCABULARY[index % TOKEN_VOCABULARY.length]!;
}

/** The whole answer text of a stream of `eventCount` text deltas. */
export function expectedText(eventCount: number): string {
  const parts: string[] = new Array<string>(eventCount);
  for (let index = 0; index < eventCount; index += 1) parts[index] = tokenAt(index);
  return parts.join("");
}

// 64 UTF-8 bytes: ASCII, two JSON escapes and 2-, 3- and 4-byte characters, so a large event's
// fragments split escapes and multi-byte characters at every possible offset.
const LARGE_EVENT_PATTERN = 'Large "event" é 東 🙂 line\nbreak, padding padding padding xx';

/** The text of the single large event of `byteLength` UTF-8 bytes (rounded down to the 64-byte pattern). */
export function largeEventText(byteLength: number): string {
  const patternBytes = Buffer.byteLength(LARGE_EVENT_PATTERN);
  return LARGE_EVENT_PATTERN.repeat(Math.max(1, Math.floor(byteLength / patternBytes)));
}

/** The pattern's UTF-8 size, exported for tests. */
export const LARGE_EVENT_PATTERN_BYTES = Buffer.byteLength(LARGE_EVENT_PATTERN);

/**
 * Checks a stream's text deltas against the expected text as they arrive, without keeping them:
 * each delta must match the expected text at the cursor. Costs O(delta length) and allocates
 * nothing, so it does not disturb the CPU and heap measurements it guards.
 */
export class TextChecker {
  private cursor = 0;
  private deltaCount = 0;
  private mismatchAt = -1;

  constructor(private readonly expected: string) {}

  /** Feed one text delta. Empty deltas are ignored (some clients emit them; they carry nothing). */
  readonly accept = (text: string): void => {
    if (text.length === 0) return;
    this.deltaCount += 1;
    if (this.mismatchAt < 0 && this.expected.startsWith(text, this.cursor)) this.cursor += text.length;
    else if (this.mismatchAt < 0) this.mismatchAt = this.cursor;
  };

  /** Non-empty deltas seen so far. */
  get deltas(): number {
    return this.deltaCount;
  }

  /** Throws unless exactly `expectedDeltas` deltas arrived and their concatenation equals the expected text. */
  verify(expectedDeltas: number, label: string): void {
    if (this.mismatchAt >= 0) {
      throw new Error(`${label}: text differs from the expected text at character ${this.mismatchAt}`);
    }
    if (this.cursor !== this.expected.length) {
      throw new Error(`${label}: received ${this.cursor} of ${this.expected.length} expected characters`);
    }
    if (this.deltaCount !== expectedDeltas) {
      throw new Error(`${label}: received ${this.deltaCount} text deltas, expected ${expectedDeltas}`);
    }
  }
}
