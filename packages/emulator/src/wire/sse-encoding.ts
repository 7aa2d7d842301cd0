/** One SSE event with only a `data:` line (Chat Completions framing). */
export function sseData(value: unknown): string {
  return `data: ${JSON.stringify(value)}\n\n`;
}

/** One SSE event with an `event:` line and a `data:` line (Responses and Anthropic framing). */
export function sseEvent(type: string, value: unknown): string {
  return `event: ${type}\ndata: ${JSON.stringify(value)}\n\n`;
}

/** The Chat Completions terminator. */
export const SSE_DONE = "data: [DONE]\n\n";

/** Content type of every SSE response. */
export const SSE_CONTENT_TYPE = "text/event-stream; charset=utf-8";
