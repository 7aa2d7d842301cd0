import { emptyUsage, type FinishReason, type Usage } from "@bedrock-kit/plugin-host";
import { isJsonObject, objectField, stringField, type JsonObject } from "./json-guards.js";
import { mapChatCompletionsFinishReason } from "./map-chat-completions-finish-reason.js";
import { chatCompletionsUsage } from "./map-openai-usage.js";
import { openAiErrorCode, streamFailureError } from "./map-stream-error.js";
import { parseToolCallArguments } from "./parse-tool-call-arguments.js";
import { StreamEventSink } from "./stream-event-sink.js";
import { parseEventJson, type WireEventMapper } from "./wire-event-mapper.js";

interface ChatToolCallState {
  blockIndex: number;
  id: string;
  name: string;
  /** Argument fragments, joined once when the call completes. */
  fragments: string[];
  emitted: boolean;
}

const DONE_SENTINEL = "[DONE]";

/**
 * Chat Completions chunks → contract events, for one call. Reasoning, text and each tool call get a
 * block index in order of first appearance. Tool calls are keyed by the wire `index` (id and name
 * arrive on the first delta) and complete when `finish_reason` arrives; the stream finishes at
 * `[DONE]`, after the usage chunk.
 */
export class ChatCompletionsEventMapper implements WireEventMapper {
  readonly sink = new StreamEventSink();
  readonly responseId: string | undefined = undefined;
  private nextBlockIndex = 0;
  private reasoningIndex = -1;
  private textIndex = -1;
  private readonly toolCalls: ChatToolCallState[] = [];
  private finishReason: FinishReason | undefined;
  private refused = false;
  private usage: Usage = emptyUsage();

  handleMessage(data: string): void {
    if (data === DONE_SENTINEL) {
      this.handleDone();
      return;
    }
    const chunk = parseEventJson(data, this.sink);
    if (chunk !== undefined) this.handleChunk(chunk);
  }

  /** One parsed chunk (`chat.completion.chunk`, or an `{error}` envelope). */
  handleChunk(chunk: unknown): void {
    if (!isJsonObject(chunk)) {
      this.sink.corrupt("A chat completion chunk is not a JSON object.");
      return;
    }
    const error = chunk.error;
    if (error !== undefined && error !== null) {
      this.handleError(error);
      return;
    }
    const choices = chunk.choices;
    if (Array.isArray(choices)) {
      const choice: unknown = choices[0];
      if (isJsonObject(choice)) {
        const delta = objectField(choice, "delta");
        if (delta !== undefined) this.handleDelta(delta);
        const finishReason = stringField(choice, "finish_reason");
        if (finishReason !== undefined) this.handleFinishReason(finishReason);
      }
    }
    const usage = objectField(chunk, "usage");
    if (usage !== undefined) this.usage = chatCompletionsUsage(usage);
  }

  /** `data: [DONE]`: the terminal event. */
  handleDone(): void {
    this.completeToolCalls();
    this.sink.finish(this.finishReason ?? "other", this.usage);
  }

  handleEnd(): void {
    this.sink.corrupt("The chat completions stream ended before `data: [DONE]`.");
  }

  private handleError(error: unknown): void {
    const object = isJsonObject(error) ? error : {};
    const message = stringField(object, "message") ?? (typeof error === "string" ? error : "The model failed mid-stream.");
    this.sink.fail(streamFailureError(openAiErrorCode(object.code, object.type), `Upstream error: ${message}`));
  }

  private handleDelta(delta: JsonObject): void {
    const reasoning = stringField(delta, "reasoning_content") ?? stringField(delta, "reasoning");
    if (reasoning !== undefined && reasoning.length > 0) {
      if (this.reasoningIndex < 0) this.reasoningIndex = this.nextBlockIndex++;
      this.sink.push({ type: "reasoning-delta", index: this.reasoningIndex, text: reasoning });
    }
    const content = stringField(delta, "content");
    if (content !== undefined && content.length > 0) this.pushText(content);
    const refusal = stringField(delta, "refusal");
    if (refusal !== undefined && refusal.length > 0) {
      this.refused = true;
      this.pushText(refusal);
    }
    const toolCalls = delta.tool_calls;
    if (Array.isArray(toolCalls)) for (const toolCall of toolCalls) if (isJsonObject(toolCall)) this.handleToolCallDelta(toolCall);
  }

  private pushText(text: string): void {
    if (this.textIndex < 0) this.textIndex = this.nextBlockIndex++;
    this.sink.push({ type: "text-delta", index: this.textIndex, text });
  }

  private handleToolCallDelta(toolCall: JsonObject): void {
    const id = stringField(toolCall, "id");
    const wireIndex = typeof toolCall.index === "number" ? toolCall.index : this.indexWithoutWireIndex(id);
    const fn = objectField(toolCall, "function");
    const name = fn === undefined ? undefined : stringField(fn, "name");
    let state = this.toolCalls[wireIndex];
    if (state === undefined) {
      state = { blockIndex: this.nextBlockIndex++, id: id || `call_${wireIndex}`, name: name ?? "", fragments: [], emitted: false };
      this.toolCalls[wireIndex] = state;
    } else if (state.name.length === 0 && name !== undefined) {
      state.name = name;
    }
    const argumentsDelta = fn === undefined ? undefined : stringField(fn, "arguments");
    if (argumentsDelta !== undefined && argumentsDelta.length > 0) {
      state.fragments.push(argumentsDelta);
      this.sink.push({ type: "tool-call-delta", index: state.blockIndex, id: state.id, name: state.name, argumentsDelta });
    }
  }

  /** Some OpenAI-compatible servers omit `index`: a new id starts a call, anything else continues the last. */
  private indexWithoutWireIndex(id: string | undefined): number {
    const last = this.toolCalls.length - 1;
    if (id !== undefined && id.length > 0 && (last < 0 || this.toolCalls[last]?.id !== id)) return last + 1;
    return Math.max(0, last);
  }

  private handleFinishReason(reason: string): void {
    this.completeToolCalls();
    let mapped = mapChatCompletionsFinishReason(reason);
    // Some backends report "stop" after calling tools; what the caller must do next is run them.
    if (mapped === "stop" && this.toolCalls.length > 0) mapped = "tool-calls";
    if (mapped === "stop" && this.refused) mapped = "content-filter";
    this.finishReason = mapped;
  }

  private completeToolCalls(): void {
    for (const state of this.toolCalls) {
      if (state === undefined || state.emitted) continue;
      state.emitted = true;
      this.sink.push({
        type: "tool-call",
        index: state.blockIndex,
        id: state.id,
        name: state.name,
        arguments: parseToolCallArguments(state.fragments.join("")),
      });
    }
  }
}
