import type { AnswerPlan } from "../answer/plan-answer.js";
import { anthropicErrorEvent } from "../errors/anthropic-error-bodies.js";
import { corruptSseEvent, type RenderedStream } from "../server/write-event-stream.js";
import { SSE_CONTENT_TYPE, sseEvent } from "../wire/sse-encoding.js";

/** Ids and the thinking signature of one message. */
export interface MessageIdentity {
  readonly id: string;
  readonly model: string;
  readonly toolUseId: string;
  /** Signature of the thinking text (empty when there is no thinking). */
  readonly thinkingSignature: string;
}

const STOP_REASONS = { end: "end_turn", length: "max_tokens", tool: "tool_use" } as const;

/** Anthropic usage: `input_tokens` excludes cache reads and writes (facts §1.11). */
export function anthropicUsage(plan: AnswerPlan) {
  const { usage } = plan;
  return {
    input_tokens: Math.max(0, usage.promptWords - usage.cacheRead - usage.cacheWrite),
    cache_creation_input_tokens: usage.cacheWrite,
    cache_read_input_tokens: usage.cacheRead,
    output_tokens: usage.output,
  };
}

function contentBlocks(plan: AnswerPlan, identity: MessageIdentity): Record<string, unknown>[] {
  const blocks: Record<string, unknown>[] = [];
  if (plan.reasoning.length > 0) blocks.push({ type: "thinking", thinking: plan.reasoning.join(""), signature: identity.thinkingSignature });
  if (plan.text.length > 0) blocks.push({ type: "text", text: plan.text.join("") });
  if (plan.toolCall) blocks.push({ type: "tool_use", id: identity.toolUseId, name: plan.toolCall.name, input: JSON.parse(plan.toolCall.argumentsJson) });
  return blocks;
}

/** The non-streaming Messages response. */
export function renderMessage(plan: AnswerPlan, identity: MessageIdentity): Record<string, unknown> {
  return {
    id: identity.id,
    type: "message",
    role: "assistant",
    model: identity.model,
    content: contentBlocks(plan, identity),
    stop_reason: STOP_REASONS[plan.stop],
    stop_sequence: null,
    usage: anthropicUsage(plan),
  };
}

/**
 * The SSE stream: `message_start`, `ping`, per block `content_block_start` / deltas
 * (`thinking_delta` then one `signature_delta`, `text_delta`, `input_json_delta`) /
 * `content_block_stop`, then `message_delta` (stop reason, usage) and `message_stop`.
 */
export function renderMessageStream(plan: AnswerPlan, identity: MessageIdentity): RenderedStream<string> {
  const events: string[] = [];
  const emit = (type: string, fields: Record<string, unknown>) => events.push(sseEvent(type, { type, ...fields }));
  const usage = anthropicUsage(plan);
  emit("message_start", {
    message: {
      id: identity.id,
      type: "message",
      role: "assistant",
      model: identity.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage: { ...usage, output_tokens: 1 },
    },
  });
  emit("ping", {});
  let index = 0;
  if (plan.reasoning.length > 0) {
    emit("content_block_start", { index, content_block: { type: "thinking", thinking: "", signature: "" } });
    for (const thinking of plan.reasoning) emit("content_block_delta", { index, delta: { type: "thinking_delta", thinking } });
    emit("content_block_delta", { index, delta: { type: "signature_delta", signature: identity.thinkingSignature } });
    emit("content_block_stop", { index });
    index += 1;
  }
  if (plan.text.length > 0) {
    emit("content_block_start", { index, content_block: { type: "text", text: "" } });
    for (const text of plan.text) emit("content_block_delta", { index, delta: { type: "text_delta", text } });
    emit("content_block_stop", { index });
    index += 1;
  }
  if (plan.toolCall) {
    emit("content_block_start", { index, content_block: { type: "tool_use", id: identity.toolUseId, name: plan.toolCall.name, input: {} } });
    for (const partial_json of plan.toolCall.argumentChunks) emit("content_block_delta", { index, delta: { type: "input_json_delta", partial_json } });
    emit("content_block_stop", { index });
  }
  emit("message_delta", { delta: { stop_reason: STOP_REASONS[plan.stop], stop_sequence: null }, usage });
  emit("message_stop", {});
  return {
    contentType: SSE_CONTENT_TYPE,
    events,
    corrupt: corruptSseEvent,
    errorEvent: () => anthropicErrorEvent("overloaded_error", "Overloaded"),
  };
}
