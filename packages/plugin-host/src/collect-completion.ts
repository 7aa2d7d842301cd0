import { BedrockKitError } from "./errors.js";
import type { CompletionResult } from "./provider.js";
import type { StreamEvent } from "./stream-events.js";

/**
 * Drain a stream into one non-streaming result, for hosts that need a plain answer. Rejects with the
 * stream's `error` event, or `stream-corrupt` when the stream ends without a terminal event.
 */
export async function collectCompletion(events: AsyncIterable<StreamEvent>): Promise<CompletionResult> {
  const text: string[] = [];
  const reasoning: string[] = [];
  const toolCalls: CompletionResult["toolCalls"] = [];
  for await (const event of events) {
    switch (event.type) {
      case "text-delta":
        text.push(event.text);
        break;
      case "reasoning-delta":
        reasoning.push(event.text);
        break;
      case "tool-call":
        toolCalls.push({ id: event.id, name: event.name, arguments: event.arguments });
        break;
      case "finish":
        return { text: text.join(""), reasoning: reasoning.join(""), toolCalls, finish: event };
      case "error":
        throw event.error;
      default:
        break;
    }
  }
  throw new BedrockKitError({
    code: "stream-corrupt",
    message: "The stream ended without a finish or error event.",
    hint: "This is a bug in the provider plugin; report it with the model and API used.",
  });
}
