/**
 * The floor's SSE splitter: finds `\n\n` with `indexOf` from a cursor in each decoded chunk, hands
 * complete events to `onEvent` as (text, start, end) without copying when an event lies inside one
 * chunk, and keeps an event that spans chunks as a chunk list joined once when it completes. Linear
 * in the input however it is split (a 4 MiB event in 1,460-byte pieces costs one join).
 */
export type SseEventHandler = (text: string, start: number, end: number) => void;

/** Creates a splitter; feed it decoded text chunks in order. */
export function createSseEventSplitter(onEvent: SseEventHandler): (chunk: string) => void {
  let pending: string[] = [];
  let pendingEndsWithNewline = false;
  return (chunk) => {
    let start = 0;
    if (pending.length > 0 && pendingEndsWithNewline && chunk.charCodeAt(0) === 10) {
      // The blank line straddles two chunks.
      const joined = pending.join("");
      pending = [];
      onEvent(joined, 0, joined.length - 1);
      start = 1;
    }
    let end: number;
    while ((end = chunk.indexOf("\n\n", start)) !== -1) {
      if (pending.length > 0) {
        pending.push(chunk.slice(start, end));
        const joined = pending.join("");
        pending = [];
        onEvent(joined, 0, joined.length);
      } else {
        onEvent(chunk, start, end);
      }
      start = end + 2;
    }
    if (start < chunk.length) {
      pending.push(start === 0 ? chunk : chunk.slice(start));
      pendingEndsWithNewline = chunk.charCodeAt(chunk.length - 1) === 10;
    }
  };
}

/** The `data:` payload of one event block (`undefined` when it has none); single-line data, as every format here sends. */
export function dataOfEvent(text: string, start: number, end: number): string | undefined {
  const dataStart = text.indexOf("data: ", start);
  if (dataStart < 0 || dataStart >= end) return undefined;
  const lineEnd = text.indexOf("\n", dataStart);
  return text.slice(dataStart + 6, lineEnd < 0 || lineEnd > end ? end : lineEnd);
}
