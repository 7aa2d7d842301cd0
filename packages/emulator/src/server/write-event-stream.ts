import http2 from "node:http2";
import type { RouteFaults } from "../emulator-types.js";
import type { EmulatorRequest, Exchange } from "./http-exchange.js";

/** A stream response, fully rendered: one wire chunk per event. */
export interface RenderedStream<Chunk extends string | Uint8Array> {
  readonly contentType: string;
  readonly events: readonly Chunk[];
  /** The same event with its integrity broken (bad CRC, invalid JSON). */
  corrupt(event: Chunk): Chunk;
  /** The surface's in-stream error event. */
  errorEvent(): Chunk;
  readonly headers?: Record<string, string>;
}

/**
 * Writes a rendered stream, applying the stream fault knobs by event count: each knob with value N
 * acts once N events are out (`corruptFrameAt` instead replaces event N, 1-based). Events are
 * written one `write()` each, as a real service flushes them, with no timers between them.
 */
export function writeEventStream<Chunk extends string | Uint8Array>(
  exchange: Exchange,
  stream: RenderedStream<Chunk>,
  faults: RouteFaults,
): void {
  const { response } = exchange;
  exchange.status = 200;
  response.writeHead(200, { ...stream.headers, "content-type": stream.contentType, "cache-control": "no-cache" });
  const { events } = stream;
  for (let written = 0; written <= events.length; written += 1) {
    if (faults.errorAfterEvents === written) {
      response.end(stream.errorEvent());
      return;
    }
    if (faults.stallAfterEvents === written) return;
    if (faults.truncateAfterEvents === written) {
      response.end();
      return;
    }
    if (faults.resetAfterEvents === written) {
      destroyConnection(exchange.request);
      return;
    }
    if (written === events.length) break;
    const event = events[written] as Chunk;
    const chunk = faults.corruptFrameAt === written + 1 ? stream.corrupt(event) : event;
    if (faults.resetAfterEvents === written + 1) {
      // Destroying in the same tick would discard bytes still queued; reset once they are out.
      response.write(chunk, () => destroyConnection(exchange.request));
      return;
    }
    response.write(chunk);
  }
  response.end();
}

/**
 * Drops the connection under a response: the socket for HTTP/1.1; for HTTP/2 the stream, reset with
 * INTERNAL_ERROR (a session closed without an error code reads as a clean end to the client).
 */
export function destroyConnection(request: EmulatorRequest): void {
  const stream = (request as { stream?: http2.ServerHttp2Stream }).stream;
  if (stream) {
    stream.close(http2.constants.NGHTTP2_INTERNAL_ERROR);
    return;
  }
  request.socket?.destroy();
}

/** Breaks the JSON of an SSE event's `data:` line (keeps the framing so only parsing fails). */
export function corruptSseEvent(event: string): string {
  return event.replace(/^data: (.*)$/m, (_line, json: string) => `data: ${json.slice(0, Math.max(1, Math.floor(json.length / 2)))}`);
}

/** Flips the last byte of an event-stream frame: its message CRC no longer matches. */
export function corruptEventStreamFrame(frame: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(frame);
  const last = copy.length - 1;
  copy[last] = (copy[last] ?? 0) ^ 0xff;
  return copy;
}
