import { emptyUsage, type FinishReason } from "@bedrock-kit/plugin-host";
import { isJsonObject, objectField, stringField, type JsonObject } from "./json-guards.js";
import { responsesUsage } from "./map-openai-usage.js";
import { openAiErrorCode, streamFailureError } from "./map-stream-error.js";
import { parseToolCallArguments } from "./parse-tool-call-arguments.js";
import { StreamEventSink } from "./stream-event-sink.js";
import { parseEventJson, type WireEventMapper } from "./wire-event-mapper.js";

interface FunctionCallState {
  id: string;
  name: string;
  /** Argument fragments, joined once if the done event carries no full text. */
  fragments: string[];
  emitted: boolean;
}

/**
 * Responses API stream events → contract events, for one call. The block index is the event's
 * `output_index`; function calls are announced by `response.output_item.added` (call id and name)
 * and complete at `response.function_call_arguments.done` (or their `output_item.done`). The
 * stream ends at `response.completed` / `response.incomplete` (finish) or `response.failed` /
 * `error` (error).
 */
export class ResponsesEventMapper implements WireEventMapper {
  readonly sink = new StreamEventSink();
  responseId: string | undefined;
  private readonly functionCalls: FunctionCallState[] = [];
  private calledTools = false;
  private refused = false;

  handleMessage(data: string): void {
    const event = parseEventJson(data, this.sink);
    if (event !== undefined) this.handleEvent(event);
  }

  /** One parsed stream event. */
  handleEvent(event: unknown): void {
    if (!isJsonObject(event)) {
      this.sink.corrupt("A Responses stream event is not a JSON object.");
      return;
    }
    switch (event.type) {
      case "response.output_text.delta":
        this.pushText(event, stringField(event, "delta"));
        break;
      case "response.refusal.delta":
        this.refused = true;
        this.pushText(event, stringField(event, "delta"));
        break;
      case "response.reasoning_summary_text.delta":
      case "response.reasoning_text.delta": {
        const text = stringField(event, "delta");
        if (text !== undefined && text.length > 0) this.sink.push({ type: "reasoning-delta", index: outputIndex(event), text });
        break;
      }
      case "response.output_item.added":
        this.handleItemAdded(event);
        break;
      case "response.function_call_arguments.delta":
        this.handleArgumentsDelta(event);
        break;
      case "response.function_call_arguments.done":
        this.completeFunctionCall(outputIndex(event), stringField(event, "arguments"));
        break;
      case "response.output_item.done":
        this.handleItemDone(event);
        break;
      case "response.created":
      case "response.in_progress":
        this.rememberResponseId(objectField(event, "response"));
        break;
      case "response.completed":
      case "response.incomplete":
        this.handleFinished(event);
        break;
      case "response.failed":
        this.handleFailed(objectField(event, "response"));
        break;
      case "error":
        this.sink.fail(streamFailureError(openAiErrorCode(event.code, undefined), `Upstream error: ${stringField(event, "message") ?? "the model failed mid-stream."}`));
        break;
      default:
        // content_part.*, output_text.done, reasoning_summary_part.* and friends carry nothing new.
        break;
    }
  }

  handleEnd(): void {
    this.sink.corrupt("The Responses stream ended before response.completed.");
  }

  private pushText(event: JsonObject, text: string | undefined): void {
    if (text !== undefined && text.length > 0) this.sink.push({ type: "text-delta", index: outputIndex(event), text });
  }

  private rememberResponseId(response: JsonObject | undefined): void {
    const id = response === undefined ? undefined : stringField(response, "id");
    if (id !== undefined) this.responseId = id;
  }

  private handleItemAdded(event: JsonObject): void {
    const item = objectField(event, "item");
    if (item === undefined || item.type !== "function_call") return;
    const index = outputIndex(event);
    const initial = stringField(item, "arguments");
    this.functionCalls[index] = {
      id: stringField(item, "call_id") ?? stringField(item, "id") ?? `call_${index}`,
      name: stringField(item, "name") ?? "",
      fragments: initial !== undefined && initial.length > 0 ? [initial] : [],
      emitted: false,
    };
  }

  private handleArgumentsDelta(event: JsonObject): void {
    const index = outputIndex(event);
    const state = this.functionCalls[index];
    if (state === undefined) {
      this.sink.corrupt(`Function call arguments arrived for output ${index} before the call was announced.`);
      return;
    }
    const argumentsDelta = stringField(event, "delta");
    if (argumentsDelta === undefined || argumentsDelta.length === 0) return;
    state.fragments.push(argumentsDelta);
    this.sink.push({ type: "tool-call-delta", index, id: state.id, name: state.name, argumentsDelta });
  }

  private handleItemDone(event: JsonObject): void {
    const item = objectField(event, "item");
    if (item === undefined) return;
    const index = outputIndex(event);
    if (item.type === "function_call") {
      if (this.functionCalls[index] === undefined) this.handleItemAdded(event);
      this.completeFunctionCall(index, stringField(item, "arguments"));
    } else if (item.type === "reasoning") {
      // Only with `include: ["reasoning.encrypted_content"]`: the opaque item to replay with store: false.
      const encrypted = stringField(item, "encrypted_content");
      if (encrypted !== undefined && encrypted.length > 0) {
        const id = stringField(item, "id");
        this.sink.push({ type: "reasoning-delta", index, text: "", redacted: encrypted, ...(id !== undefined && { signature: id }) });
      }
    }
  }

  private completeFunctionCall(index: number, fullArguments: string | undefined): void {
    const state = this.functionCalls[index];
    if (state === undefined || state.emitted) return;
    state.emitted = true;
    this.calledTools = true;
    const text = fullArguments ?? state.fragments.join("");
    this.sink.push({ type: "tool-call", index, id: state.id, name: state.name, arguments: parseToolCallArguments(text) });
  }

  private handleFinished(event: JsonObject): void {
    const response = objectField(event, "response");
    this.rememberResponseId(response);
    for (let index = 0; index < this.functionCalls.length; index++) this.completeFunctionCall(index, undefined);
    let reason: FinishReason = this.calledTools ? "tool-calls" : this.refused ? "content-filter" : "stop";
    if (event.type === "response.incomplete") {
      const details = response === undefined ? undefined : objectField(response, "incomplete_details");
      const why = details === undefined ? undefined : stringField(details, "reason");
      reason = why === "max_output_tokens" ? "length" : why === "content_filter" ? "content-filter" : "other";
    }
    const usage = response === undefined ? undefined : objectField(response, "usage");
    this.sink.finish(reason, usage === undefined ? emptyUsage() : responsesUsage(usage));
  }

  private handleFailed(response: JsonObject | undefined): void {
    this.rememberResponseId(response);
    const error = response === undefined ? undefined : objectField(response, "error");
    const message = error === undefined ? undefined : stringField(error, "message");
    this.sink.fail(streamFailureError(openAiErrorCode(error?.code, undefined), `Upstream error: ${message ?? "the response failed."}`));
  }
}

function outputIndex(event: JsonObject): number {
  const index = event.output_index;
  return typeof index === "number" && Number.isInteger(index) && index >= 0 ? index : 0;
}
