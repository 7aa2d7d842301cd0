import { createParser, type EventSourceMessage, type EventSourceParser } from "eventsource-parser";
import type { StreamEvent } from "@bedrock-kit/plugin-host";
import type { StreamEventSink } from "./stream-event-sink.js";
import { Utf8ChunkDecoder } from "./utf8-chunk-decoder.js";
import type { WireEventMapper } from "./wire-event-mapper.js";

/**
 * Largest single SSE event buffered, in characters. Far above any real event (a 4 MiB tool call
 * or signature fits); past it a broken upstream would grow memory without bound.
 */
export const MAX_EVENT_CHARACTERS = 64 * 1024 * 1024;

/** Bytes in, contract events out, for one call. Created once per call. */
export interface MantleStreamDecoder {
  /** Events decoded and not yet taken: drain them after each `feed`/`end` and set `length = 0`. */
  readonly events: StreamEvent[];
  /** True once the terminal event (finish or error) is in `events`. */
  readonly terminated: boolean;
  /** The upstream response id, once known (Responses API). */
  readonly responseId: string | undefined;
  /** Feed one body chunk. */
  feed(chunk: Uint8Array): void;
  /** The body ended. */
  end(): void;
}

/**
 * Wire a mapper to `eventsource-parser`, fed directly (no web-stream chain): a streaming UTF-8
 * decoder (`Utf8ChunkDecoder`) turns chunks into text (multi-byte characters split across chunks stay intact), the
 * parser frames SSE events, the mapper maps each. Framing and meaning stay separate, so the events
 * are the same however the bytes were split.
 */
export function createMantleStreamDecoder(mapper: WireEventMapper, options: { maxEventCharacters?: number } = {}): MantleStreamDecoder {
  const sink: StreamEventSink = mapper.sink;
  const maxEventCharacters = options.maxEventCharacters ?? MAX_EVENT_CHARACTERS;
  const textDecoder = new Utf8ChunkDecoder();
  const parser: EventSourceParser = createParser({
    onEvent(message: EventSourceMessage) {
      if (!sink.terminated) mapper.handleMessage(message.data, message.event);
    },
    onError(error) {
      // Unknown fields and bad `retry` values are ignorable per the SSE spec; an oversize event is not.
      if (error.type === "max-buffer-size-exceeded") sink.corrupt(`An event exceeded ${maxEventCharacters} characters.`, error);
    },
    maxBufferSize: maxEventCharacters,
  });
  let ended = false;
  return {
    events: sink.events,
    get terminated() {
      return sink.terminated;
    },
    get responseId() {
      return mapper.responseId;
    },
    feed(chunk: Uint8Array) {
      if (sink.terminated) return;
      parser.feed(textDecoder.decode(chunk));
    },
    end() {
      if (ended) return;
      ended = true;
      if (!sink.terminated) {
        // A final event without its blank line is still an event (as the official SDKs' line decoders treat it).
        parser.feed(`${textDecoder.end()}\n\n`);
      }
      if (!sink.terminated) mapper.handleEnd();
    },
  };
}
