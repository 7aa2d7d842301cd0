import { createHash } from "node:crypto";
import type { AnswerPlan } from "../answer/plan-answer.js";
import { corruptSseEvent, type RenderedStream } from "../server/write-event-stream.js";
import { SSE_CONTENT_TYPE, sseEvent } from "../wire/sse-encoding.js";
import type { ResponsesRequest } from "./responses-request.js";

/** Ids of one response and its output items. */
export interface ResponseIdentity {
  readonly id: string;
  readonly createdAt: number;
  readonly model: string;
  readonly reasoningItemId: string;
  readonly messageItemId: string;
  readonly functionItemId: string;
  readonly callId: string;
  /** How reasoning is exposed: raw `reasoning_text` (gpt-oss) or summaries (GPT-5.x). */
  readonly reasoningStyle: "text" | "summary";
}

type Item = Record<string, unknown>;

function usageOf(plan: AnswerPlan) {
  return {
    input_tokens: plan.usage.promptWords,
    input_tokens_details: { cached_tokens: plan.usage.cacheRead },
    output_tokens: plan.usage.output,
    output_tokens_details: { reasoning_tokens: plan.usage.reasoning },
    total_tokens: plan.usage.promptWords + plan.usage.output,
  };
}

/** The response object around `output` (Mantle omits `output_text`; clients compute it, facts §1.9). */
function envelope(identity: ResponseIdentity, request: ResponsesRequest, status: string, output: Item[], plan: AnswerPlan | null): Item {
  return {
    id: identity.id,
    object: "response",
    created_at: identity.createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: status === "incomplete" ? { reason: "max_output_tokens" } : null,
    instructions: request.instructions,
    max_output_tokens: request.maxOutputTokens,
    model: identity.model,
    output,
    parallel_tool_calls: true,
    previous_response_id: request.previousResponseId,
    reasoning: request.reasoning ?? { effort: null, summary: null },
    service_tier: "default",
    store: request.store,
    temperature: 1,
    text: { format: { type: "text" } },
    tool_choice: request.toolChoiceEcho,
    tools: request.toolsEcho,
    top_p: 1,
    truncation: "disabled",
    usage: plan ? usageOf(plan) : null,
    metadata: {},
  };
}

function summaryRequested(request: ResponsesRequest): boolean {
  return request.reasoning?.summary !== null && request.reasoning?.summary !== undefined;
}

function reasoningItem(plan: AnswerPlan, identity: ResponseIdentity, request: ResponsesRequest): Item {
  const text = plan.reasoning.join("");
  if (identity.reasoningStyle === "text") {
    return { id: identity.reasoningItemId, type: "reasoning", summary: [], content: [{ type: "reasoning_text", text }] };
  }
  return {
    id: identity.reasoningItemId,
    type: "reasoning",
    summary: summaryRequested(request) ? [{ type: "summary_text", text }] : [],
    ...(request.includeEncryptedReasoning ? { encrypted_content: createHash("sha512").update(text).digest("base64") } : {}),
  };
}

function messageItem(plan: AnswerPlan, identity: ResponseIdentity, status: string): Item {
  return {
    id: identity.messageItemId,
    type: "message",
    status,
    role: "assistant",
    content: [{ type: "output_text", text: plan.text.join(""), annotations: [], logprobs: [] }],
  };
}

function functionCallItem(plan: AnswerPlan, identity: ResponseIdentity, status: string, argumentsJson: string): Item {
  return {
    id: identity.functionItemId,
    type: "function_call",
    status,
    arguments: argumentsJson,
    call_id: identity.callId,
    name: plan.toolCall?.name ?? "",
  };
}

function finalStatus(plan: AnswerPlan): string {
  return plan.stop === "length" ? "incomplete" : "completed";
}

/** The output items of the finished response, in order. */
export function finalOutput(plan: AnswerPlan, identity: ResponseIdentity, request: ResponsesRequest): Item[] {
  const output: Item[] = [];
  if (plan.reasoning.length > 0) output.push(reasoningItem(plan, identity, request));
  if (plan.toolCall) output.push(functionCallItem(plan, identity, "completed", plan.toolCall.argumentsJson));
  else if (plan.text.length > 0 || plan.reasoning.length === 0) output.push(messageItem(plan, identity, finalStatus(plan) === "completed" ? "completed" : "incomplete"));
  return output;
}

/** The non-streaming response object (also what is stored). */
export function renderResponse(plan: AnswerPlan, identity: ResponseIdentity, request: ResponsesRequest): Item {
  return envelope(identity, request, finalStatus(plan), finalOutput(plan, identity, request), plan);
}

/**
 * The typed SSE stream: `response.created`, `response.in_progress`, then per output item
 * `output_item.added` … deltas … `output_item.done`, and `response.completed` (or
 * `response.incomplete` when the budget ran out). Every event carries `sequence_number`.
 */
export function renderResponseStream(plan: AnswerPlan, identity: ResponseIdentity, request: ResponsesRequest): RenderedStream<string> {
  const events: string[] = [];
  let sequence = 0;
  const emit = (type: string, fields: Item) => events.push(sseEvent(type, { type, sequence_number: sequence++, ...fields }));
  const output = finalOutput(plan, identity, request);

  emit("response.created", { response: envelope(identity, request, "in_progress", [], null) });
  emit("response.in_progress", { response: envelope(identity, request, "in_progress", [], null) });
  output.forEach((item, outputIndex) => {
    const itemId = item.id as string;
    if (item.type === "reasoning") {
      const text = plan.reasoning.join("");
      const textStyle = identity.reasoningStyle === "text";
      emit("response.output_item.added", { output_index: outputIndex, item: { ...item, summary: [], ...(textStyle ? { content: [] } : {}) } });
      if (textStyle) {
        const at = { item_id: itemId, output_index: outputIndex, content_index: 0 };
        emit("response.content_part.added", { ...at, part: { type: "reasoning_text", text: "" } });
        for (const delta of plan.reasoning) emit("response.reasoning_text.delta", { ...at, delta });
        emit("response.reasoning_text.done", { ...at, text });
        emit("response.content_part.done", { ...at, part: { type: "reasoning_text", text } });
      } else if (summaryRequested(request)) {
        const at = { item_id: itemId, output_index: outputIndex, summary_index: 0 };
        emit("response.reasoning_summary_part.added", { ...at, part: { type: "summary_text", text: "" } });
        for (const delta of plan.reasoning) emit("response.reasoning_summary_text.delta", { ...at, delta });
        emit("response.reasoning_summary_text.done", { ...at, text });
        emit("response.reasoning_summary_part.done", { ...at, part: { type: "summary_text", text } });
      }
      emit("response.output_item.done", { output_index: outputIndex, item });
    } else if (item.type === "function_call" && plan.toolCall) {
      emit("response.output_item.added", { output_index: outputIndex, item: functionCallItem(plan, identity, "in_progress", "") });
      const at = { item_id: itemId, output_index: outputIndex };
      for (const delta of plan.toolCall.argumentChunks) emit("response.function_call_arguments.delta", { ...at, delta });
      emit("response.function_call_arguments.done", { ...at, name: plan.toolCall.name, arguments: plan.toolCall.argumentsJson });
      emit("response.output_item.done", { output_index: outputIndex, item });
    } else {
      const text = plan.text.join("");
      emit("response.output_item.added", { output_index: outputIndex, item: { ...messageItem(plan, identity, "in_progress"), content: [] } });
      const at = { item_id: itemId, output_index: outputIndex, content_index: 0 };
      emit("response.content_part.added", { ...at, part: { type: "output_text", text: "", annotations: [], logprobs: [] } });
      for (const delta of plan.text) emit("response.output_text.delta", { ...at, delta, logprobs: [] });
      emit("response.output_text.done", { ...at, text, logprobs: [] });
      emit("response.content_part.done", { ...at, part: { type: "output_text", text, annotations: [], logprobs: [] } });
      emit("response.output_item.done", { output_index: outputIndex, item });
    }
  });
  const status = finalStatus(plan);
  emit(status === "completed" ? "response.completed" : "response.incomplete", { response: envelope(identity, request, status, output, plan) });

  return {
    contentType: SSE_CONTENT_TYPE,
    events,
    corrupt: corruptSseEvent,
    errorEvent: () => sseEvent("error", { type: "error", code: "server_error", message: "The model stream failed.", param: null, sequence_number: sequence }),
  };
}
