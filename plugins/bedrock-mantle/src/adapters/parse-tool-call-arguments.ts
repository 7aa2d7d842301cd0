/**
 * Parse a tool call's complete arguments text, once, at the end of its block. Empty text means a
 * call without arguments (`{}`). Text that is not valid JSON is returned as the raw string: the
 * model produced it, the stream itself is intact, and the host can answer the call with an error
 * result so the model corrects itself (docs/adr/0401). Valid arguments are always objects, so a
 * string here always means "did not parse".
 */
export function parseToolCallArguments(text: string): unknown {
  if (text.length === 0 || text.trim().length === 0) return {};
  try {
    const parsed: unknown = JSON.parse(text);
    // A JSON string literal is not a valid arguments object; keep the raw text so it stays distinguishable.
    return typeof parsed === "string" ? text : parsed;
  } catch {
    return text;
  }
}

/** Arguments as wire JSON text for the OpenAI APIs (a raw string from a failed parse round-trips as-is). */
export function serializeToolCallArguments(value: unknown): string {
  return typeof value === "string" ? value : JSON.stringify(value ?? {});
}
