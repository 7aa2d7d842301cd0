import { isJsonObject, stringField, type JsonObject } from "./json-guards.js";
import { ResponsesEventMapper } from "./responses-event-mapper.js";
import type { MappedResponse } from "./wire-event-mapper.js";

function itemEvents(item: JsonObject, outputIndex: number, events: JsonObject[]): void {
  switch (item.type) {
    case "message":
      for (const part of Array.isArray(item.content) ? item.content : []) {
        if (!isJsonObject(part)) continue;
        if (part.type === "output_text") events.push({ type: "response.output_text.delta", output_index: outputIndex, delta: part.text });
        else if (part.type === "refusal") events.push({ type: "response.refusal.delta", output_index: outputIndex, delta: part.refusal });
      }
      break;
    case "reasoning":
      for (const part of Array.isArray(item.summary) ? item.summary : []) {
        if (isJsonObject(part)) events.push({ type: "response.reasoning_summary_text.delta", output_index: outputIndex, delta: part.text });
      }
      for (const part of Array.isArray(item.content) ? item.content : []) {
        if (isJsonObject(part)) events.push({ type: "response.reasoning_text.delta", output_index: outputIndex, delta: part.text });
      }
      events.push({ type: "response.output_item.done", output_index: outputIndex, item });
      break;
    case "function_call":
      events.push({ type: "response.output_item.added", output_index: outputIndex, item: { ...item, arguments: "" } });
      events.push({ type: "response.function_call_arguments.delta", output_index: outputIndex, delta: item.arguments });
      events.push({ type: "response.function_call_arguments.done", output_index: outputIndex, arguments: item.arguments });
      break;
    default:
      break;
  }
}

/**
 * A non-streaming Responses body rewritten as the stream events that would have carried it, so both
 * paths share one mapping. The terminal event follows the response's `status`.
 */
export function responseToStreamEvents(response: unknown): unknown[] {
  if (!isJsonObject(response)) return [response];
  if (isJsonObject(response.error) && response.status === undefined) return [{ type: "error", ...response.error }];
  const events: JsonObject[] = [{ type: "response.created", response: { id: response.id } }];
  const output = Array.isArray(response.output) ? response.output : [];
  output.forEach((item: unknown, index: number) => {
    if (isJsonObject(item)) itemEvents(item, index, events);
  });
  const status = stringField(response, "status");
  if (status === "completed") events.push({ type: "response.completed", response });
  else if (status === "incomplete") events.push({ type: "response.incomplete", response });
  else if (status === "failed") events.push({ type: "response.failed", response });
  else events.push({ type: "response.failed", response: { ...response, error: { code: "unexpected_status", message: `The response has status ${JSON.stringify(status)}.` } } });
  return events;
}

/** A non-streaming Responses body (parsed) → the contract events a stream would give. */
export function mapResponsesResponse(response: unknown): MappedResponse {
  const mapper = new ResponsesEventMapper();
  for (const event of responseToStreamEvents(response)) mapper.handleEvent(event);
  mapper.handleEnd();
  return { events: mapper.sink.events, responseId: mapper.responseId };
}
