import type { AnswerPlan } from "../answer/plan-answer.js";
import { corruptEventStreamFrame, type RenderedStream } from "../server/write-event-stream.js";
import { EVENT_STREAM_CONTENT_TYPE, encodeEventFrame, encodeExceptionFrame } from "../wire/event-stream-encoding.js";

/** Ids and measurements of one Converse answer. */
export interface ConverseIdentity {
  readonly toolUseId: string;
  /** Signature for the reasoning text, for models that sign it (Claude); undefined otherwise. */
  readonly reasoningSignature: string | undefined;
  readonly latencyMs: number;
}

const STOP_REASONS = { end: "end_turn", length: "max_tokens", tool: "tool_use" } as const;

/** Converse usage: `inputTokens` excludes cache reads and writes; the cache fields appear when used. */
export function converseUsage(plan: AnswerPlan) {
  const { usage } = plan;
  const inputTokens = Math.max(0, usage.promptWords - usage.cacheRead - usage.cacheWrite);
  return {
    inputTokens,
    outputTokens: usage.output,
    totalTokens: inputTokens + usage.output + usage.cacheRead + usage.cacheWrite,
    ...(usage.cacheRead > 0 || usage.cacheWrite > 0 ? { cacheReadInputTokens: usage.cacheRead, cacheWriteInputTokens: usage.cacheWrite } : {}),
  };
}

/** The non-streaming Converse response (facts §3.3). */
export function renderConverse(plan: AnswerPlan, identity: ConverseIdentity): Record<string, unknown> {
  const content: Record<string, unknown>[] = [];
  if (plan.reasoning.length > 0) {
    const reasoningText: Record<string, unknown> = { text: plan.reasoning.join("") };
    if (identity.reasoningSignature) reasoningText.signature = identity.reasoningSignature;
    content.push({ reasoningContent: { reasoningText } });
  }
  if (plan.text.length > 0) content.push({ text: plan.text.join("") });
  if (plan.toolCall) {
    content.push({ toolUse: { toolUseId: identity.toolUseId, name: plan.toolCall.name, input: JSON.parse(plan.toolCall.argumentsJson) } });
  }
  return {
    output: { message: { role: "assistant", content } },
    stopReason: STOP_REASONS[plan.stop],
    usage: converseUsage(plan),
    metrics: { latencyMs: identity.latencyMs },
  };
}

/**
 * The ConverseStream frames (facts §3.4): `messageStart`; reasoning deltas (and one signature
 * delta for Claude) in block 0; text deltas without a `contentBlockStart`, as Bedrock sends them;
 * a tool block opened by `contentBlockStart` with JSON-string input fragments; `messageStop`;
 * `metadata` with usage and latency. Every payload carries the `p` padding field.
 */
export function renderConverseStream(plan: AnswerPlan, identity: ConverseIdentity): RenderedStream<Uint8Array> {
  const frames: Uint8Array[] = [encodeEventFrame("messageStart", { role: "assistant" })];
  let index = 0;
  const delta = (value: Record<string, unknown>) => frames.push(encodeEventFrame("contentBlockDelta", { contentBlockIndex: index, delta: value }));
  const stop = () => {
    frames.push(encodeEventFrame("contentBlockStop", { contentBlockIndex: index }));
    index += 1;
  };
  if (plan.reasoning.length > 0) {
    for (const text of plan.reasoning) delta({ reasoningContent: { text } });
    if (identity.reasoningSignature) delta({ reasoningContent: { signature: identity.reasoningSignature } });
    stop();
  }
  if (plan.text.length > 0) {
    for (const text of plan.text) delta({ text });
    stop();
  }
  if (plan.toolCall) {
    frames.push(
      encodeEventFrame("contentBlockStart", {
        contentBlockIndex: index,
        start: { toolUse: { toolUseId: identity.toolUseId, name: plan.toolCall.name } },
      }),
    );
    for (const input of plan.toolCall.argumentChunks) delta({ toolUse: { input } });
    stop();
  }
  frames.push(encodeEventFrame("messageStop", { stopReason: STOP_REASONS[plan.stop] }));
  frames.push(encodeEventFrame("metadata", { usage: converseUsage(plan), metrics: { latencyMs: identity.latencyMs } }));
  return {
    contentType: EVENT_STREAM_CONTENT_TYPE,
    events: frames,
    corrupt: corruptEventStreamFrame,
    errorEvent: () =>
      encodeExceptionFrame("modelStreamErrorException", {
        message: "Model Stream Error",
        originalStatusCode: 500,
        originalMessage: "The model stream failed.",
      }),
  };
}
