/** One ConverseStream event, as `:event-type` and its payload. */
export interface ConverseStreamEvent {
  /** The `:event-type` (`contentBlockDelta`…). */
  eventType: string;
  /** The payload object. */
  payload: Record<string, unknown>;
}

type Fields = Record<string, unknown>;

/**
 * Rebuild the ConverseStream events a `/converse` answer corresponds to, so the non-streaming path
 * (and the replay for models that cannot stream tools) goes through the very same mapping as the
 * stream. Each content block becomes start (tool use only), delta(s) and stop; then `messageStop`
 * and `metadata`. Tool input is re-serialised to JSON text, as the stream delivers it.
 */
export function converseResponseToEvents(response: unknown): ConverseStreamEvent[] {
  const fields = (typeof response === "object" && response !== null ? response : {}) as Fields;
  const output = fields.output as Fields | undefined;
  const message = output?.message as Fields | undefined;
  const content = Array.isArray(message?.content) ? (message.content as unknown[]) : [];
  const events: ConverseStreamEvent[] = [{ eventType: "messageStart", payload: { role: "assistant" } }];
  content.forEach((block, contentBlockIndex) => {
    if (typeof block !== "object" || block === null) return;
    const blockFields = block as Fields;
    const delta = (value: Fields) => events.push({ eventType: "contentBlockDelta", payload: { contentBlockIndex, delta: value } });
    if (typeof blockFields.text === "string") {
      delta({ text: blockFields.text });
    } else if (typeof blockFields.toolUse === "object" && blockFields.toolUse !== null) {
      const toolUse = blockFields.toolUse as Fields;
      events.push({
        eventType: "contentBlockStart",
        payload: { contentBlockIndex, start: { toolUse: { toolUseId: toolUse.toolUseId, name: toolUse.name } } },
      });
      delta({ toolUse: { input: JSON.stringify(toolUse.input ?? {}) } });
    } else if (typeof blockFields.reasoningContent === "object" && blockFields.reasoningContent !== null) {
      const reasoning = blockFields.reasoningContent as Fields;
      const reasoningText = reasoning.reasoningText as Fields | undefined;
      if (typeof reasoningText?.text === "string") delta({ reasoningContent: { text: reasoningText.text } });
      if (typeof reasoningText?.signature === "string") delta({ reasoningContent: { signature: reasoningText.signature } });
      if (typeof reasoning.redactedContent === "string") delta({ reasoningContent: { redactedContent: reasoning.redactedContent } });
    } else {
      return;
    }
    events.push({ eventType: "contentBlockStop", payload: { contentBlockIndex } });
  });
  if (fields.stopReason !== undefined) {
    events.push({ eventType: "messageStop", payload: { stopReason: fields.stopReason } });
  }
  events.push({ eventType: "metadata", payload: { usage: fields.usage ?? {} } });
  return events;
}
