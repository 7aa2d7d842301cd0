import type { StreamEvent } from "@bedrock-kit/plugin-host";
import type { StreamEventSink } from "./stream-event-sink.js";

/** Maps one API's wire events to contract events (one instance per call). */
export interface WireEventMapper {
  /** Where the contract events go. */
  readonly sink: StreamEventSink;
  /** The upstream response id, once known (Responses API). */
  readonly responseId: string | undefined;
  /** One SSE message: its `data` text and its `event:` name, if any. */
  handleMessage(data: string, eventName: string | undefined): void;
  /** The body ended: a stream without its terminal event becomes `stream-corrupt`. */
  handleEnd(): void;
}

/** A whole non-streaming response mapped to the events a stream would have given. */
export interface MappedResponse {
  /** The contract events, ending with `finish` or `error`. */
  events: StreamEvent[];
  /** The upstream response id (Responses API). */
  responseId: string | undefined;
}

/** Parse one event's JSON; on failure the sink gets `stream-corrupt` and the result is undefined. */
export function parseEventJson(data: string, sink: StreamEventSink): unknown {
  try {
    return JSON.parse(data);
  } catch (error) {
    sink.corrupt(`An event's data is not valid JSON (${data.length} characters).`, error);
    return undefined;
  }
}
