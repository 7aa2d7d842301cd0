import type { BenchScenario, WireFormat } from "./bench-scenario.js";
import { encodeWireStream, type EncodedStream } from "./encode-wire-events.js";
import { largeEventText, tokenAt } from "./expected-text.js";

/** How the mock delivers one response: the writes, and what happens between them. */
export interface WritePlan {
  /** Buffers written one `write()` each, in order. */
  writes: Buffer[];
  /** Pause after the first write (TTFT mode), ms. */
  gapAfterFirstMs: number;
  /** One write per tick of this interval (paced mode), ms; 0 = as fast as the socket drains. */
  intervalMs: number;
  /** Yield to the event loop between writes, so small writes leave as separate segments. */
  yieldBetweenWrites: boolean;
  /**
   * Busy-wait this long between writes (the mock has its own core). Each write leaves at once and a
   * client that keeps up reads every segment on its own, so the number of reads, which dominates
   * the cost of a large fragmented event, does not depend on scheduling luck.
   */
  spinMicrosBetweenWrites: number;
}

/** Pause between the 1,460-byte segments of a large event. */
export const LARGE_EVENT_SEGMENT_SPACING_MICROS = 40;

/** Size of the batches in burst mode, as a busy upstream flushes them. */
export const BURST_WRITE_BYTES = 16 * 1024;

/** Packs buffers into writes of about `targetBytes` (never splitting a buffer). */
export function packWrites(buffers: readonly Buffer[], targetBytes: number): Buffer[] {
  const writes: Buffer[] = [];
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  for (const buffer of buffers) {
    pending.push(buffer);
    pendingBytes += buffer.length;
    if (pendingBytes >= targetBytes) {
      writes.push(Buffer.concat(pending, pendingBytes));
      pending = [];
      pendingBytes = 0;
    }
  }
  if (pendingBytes > 0) writes.push(Buffer.concat(pending, pendingBytes));
  return writes;
}

/** Cuts bytes into slices of exactly `sliceBytes` (the last may be shorter). */
export function sliceBytes(bytes: Buffer, size: number): Buffer[] {
  const slices: Buffer[] = [];
  for (let offset = 0; offset < bytes.length; offset += size) slices.push(bytes.subarray(offset, offset + size));
  return slices;
}

function deltaTexts(count: number): string[] {
  const texts = new Array<string>(count);
  for (let index = 0; index < count; index += 1) texts[index] = tokenAt(index);
  return texts;
}

/** Builds the write plan of a scenario in a wire format; the bytes are encoded once and cached by the caller. */
export function planResponseWrites(format: WireFormat, modelId: string, scenario: BenchScenario): WritePlan {
  if (scenario.mode === "large") {
    const stream = encodeWireStream(format, modelId, [largeEventText(scenario.eventBytes)]);
    return {
      writes: [
        stream.preamble,
        ...sliceBytes(stream.deltas[0]!, scenario.writeBytes),
        ...packWrites([stream.epilogue], BURST_WRITE_BYTES),
      ],
      gapAfterFirstMs: 0,
      intervalMs: 0,
      yieldBetweenWrites: false,
      spinMicrosBetweenWrites: LARGE_EVENT_SEGMENT_SPACING_MICROS,
    };
  }
  const stream: EncodedStream = encodeWireStream(format, modelId, deltaTexts(scenario.eventCount));
  if (scenario.mode === "fragmented") {
    const body = Buffer.concat([stream.preamble, ...stream.deltas, stream.epilogue]);
    return { writes: sliceBytes(body, scenario.writeBytes), gapAfterFirstMs: 0, intervalMs: 0, yieldBetweenWrites: true, spinMicrosBetweenWrites: 0 };
  }
  // The first text delta always leaves alone with the preamble, as a real upstream flushes it.
  const [firstDelta, ...restDeltas] = stream.deltas;
  const first = firstDelta === undefined ? Buffer.concat([stream.preamble, stream.epilogue]) : Buffer.concat([stream.preamble, firstDelta]);
  if (firstDelta === undefined) return { writes: [first], gapAfterFirstMs: 0, intervalMs: 0, yieldBetweenWrites: false, spinMicrosBetweenWrites: 0 };
  if (scenario.mode === "paced") {
    const writes: Buffer[] = [first];
    for (let index = 0; index < restDeltas.length; index += scenario.eventsPerWrite) {
      writes.push(Buffer.concat(restDeltas.slice(index, index + scenario.eventsPerWrite)));
    }
    writes.push(stream.epilogue);
    return { writes, gapAfterFirstMs: 0, intervalMs: scenario.intervalMs, yieldBetweenWrites: false, spinMicrosBetweenWrites: 0 };
  }
  return {
    writes: [first, ...packWrites([...restDeltas, stream.epilogue], BURST_WRITE_BYTES)],
    gapAfterFirstMs: scenario.mode === "ttft" ? scenario.gapMs : 0,
    intervalMs: 0,
    yieldBetweenWrites: false,
    spinMicrosBetweenWrites: 0,
  };
}
