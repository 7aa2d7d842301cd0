import type { AnswerPlan } from "../answer/plan-answer.js";
import { corruptSseEvent, type RenderedStream } from "../server/write-event-stream.js";
import { SSE_CONTENT_TYPE, SSE_DONE, sseData } from "../wire/sse-encoding.js";

/** Identity of one completion. */
export interface CompletionIdentity {
  readonly id: string;
  readonly toolCallId: string;
  readonly model: string;
  /** Unix seconds. */
  readonly created: number;
}

const FINISH_REASONS = { end: "stop", length: "length", tool: "tool_calls" } as const;

/** OpenAI usage; Mantle folds cached tokens into `prompt_tokens` (facts §1.11). */
export function chatUsage(plan: AnswerPlan) {
  const { usage } = plan;
  return {
    prompt_tokens: usage.promptWords,
    completion_tokens: usage.output,
    total_tokens: usage.promptWords + usage.output,
    prompt_tokens_details: { cached_tokens: usage.cacheRead },
    completion_tokens_details: { reasoning_tokens: usage.reasoning },
  };
}

/** The non-streaming `chat.completion` object. */
export function renderChatCompletion(plan: AnswerPlan, identity: CompletionIdentity): Record<string, unknown> {
  const text = plan.text.join("");
  const message: Record<string, unknown> = {
    role: "assistant",
    content: plan.toolCall && text === "" ? null : text,
    refusal: null,
  };
  // Mantle returns reasoning in `message.reasoning` / `delta.reasoning` (brainlid/langchain #521).
  if (plan.reasoning.length > 0) message.reasoning = plan.reasoning.join("");
  if (plan.toolCall) {
    message.tool_calls = [
      { id: identity.toolCallId, type: "function", function: { name: plan.toolCall.name, arguments: plan.toolCall.argumentsJson } },
    ];
  }
  return {
    id: identity.id,
    object: "chat.completion",
    created: identity.created,
    model: identity.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: FINISH_REASONS[plan.stop] }],
    usage: chatUsage(plan),
  };
}

/**
 * The SSE stream: a role chunk, one chunk per reasoning or text word, the tool call (name first,
 * then argument fragments), the finish chunk, the usage chunk when `include_usage` was asked,
 * then `data: [DONE]`.
 */
export function renderChatCompletionStream(plan: AnswerPlan, identity: CompletionIdentity, includeUsage: boolean): RenderedStream<string> {
  const chunk = (delta: Record<string, unknown>, finishReason: string | null = null) =>
    sseData({
      id: identity.id,
      object: "chat.completion.chunk",
      created: identity.created,
      model: identity.model,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
      ...(includeUsage ? { usage: null } : {}),
    });
  const events: string[] = [chunk({ role: "assistant", content: "" })];
  for (const word of plan.reasoning) events.push(chunk({ reasoning: word }));
  for (const word of plan.text) events.push(chunk({ content: word }));
  if (plan.toolCall) {
    events.push(
      chunk({
        tool_calls: [{ index: 0, id: identity.toolCallId, type: "function", function: { name: plan.toolCall.name, arguments: "" } }],
      }),
    );
    for (const fragment of plan.toolCall.argumentChunks) events.push(chunk({ tool_calls: [{ index: 0, function: { arguments: fragment } }] }));
  }
  events.push(chunk({}, FINISH_REASONS[plan.stop]));
  if (includeUsage) {
    events.push(
      sseData({ id: identity.id, object: "chat.completion.chunk", created: identity.created, model: identity.model, choices: [], usage: chatUsage(plan) }),
    );
  }
  events.push(SSE_DONE);
  return {
    contentType: SSE_CONTENT_TYPE,
    events,
    corrupt: corruptSseEvent,
    errorEvent: () =>
      sseData({ error: { code: "internal_error", message: "The model stream failed.", param: null, type: "api_error" } }),
  };
}
