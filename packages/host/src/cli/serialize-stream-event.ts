import type { StreamEvent } from "@bedrock-kit/plugin-host";

/** A stream event as one JSON line: errors through their `toJSON` (never their cause). */
export function serializeStreamEvent(event: StreamEvent): string {
  if (event.type === "error") {
    return JSON.stringify({ ...event, error: typeof event.error.toJSON === "function" ? event.error.toJSON() : { message: String(event.error) } });
  }
  return JSON.stringify(event);
}
