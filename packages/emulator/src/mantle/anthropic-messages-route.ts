import { randomId } from "../answer/identifiers.js";
import { planAnswer } from "../answer/plan-answer.js";
import { countWords } from "../answer/conversation.js";
import { anthropicSurfaceErrors } from "../errors/anthropic-error-bodies.js";
import { sendJson, sendPrepared } from "../server/http-exchange.js";
import type { RouteDefinition } from "../server/service-definition.js";
import { writeEventStream } from "../server/write-event-stream.js";
import { parseMessagesRequest } from "./anthropic-messages-request.js";
import { renderMessage, renderMessageStream } from "./anthropic-messages-render.js";
import { admitMantleInference } from "./mantle-route-support.js";

/** `POST /anthropic/v1/messages`: Claude only, bare `anthropic.` ids. */
export const anthropicMessagesRoute: RouteDefinition = {
  name: "mantle.messages",
  method: "POST",
  pattern: /^\/anthropic\/v1\/messages$/,
  errors: anthropicSurfaceErrors,
  handle(exchange, context) {
    const admitted = admitMantleInference(exchange, context, "messages");
    if (!admitted) return;
    const { state } = context;
    const parsed = parseMessagesRequest(admitted.body, admitted.entry, state.thinking, exchange.requestId);
    if (!parsed.ok) {
      sendPrepared(exchange, parsed.response);
      return;
    }
    const { conversation, stream } = parsed.value;
    const modelId = admitted.entry.placement.id;
    const cache = state.promptCache.use({
      modelId,
      segments: conversation.segments,
      nowMs: state.clock.now(),
      minCacheTokens: admitted.entry.model.minCacheTokens,
    });
    const plan = planAnswer(conversation, admitted.entry.model, cache);
    const identity = {
      id: randomId("msg_bdrk_", 24),
      model: modelId,
      toolUseId: randomId("toolu_bdrk_", 24),
      thinkingSignature: plan.reasoning.length > 0 ? state.thinking.sign(plan.reasoning.join("")) : "",
    };
    if (stream) writeEventStream(exchange, renderMessageStream(plan, identity), context.faults);
    else sendJson(exchange, 200, renderMessage(plan, identity));
  },
};

/** `POST /anthropic/v1/messages/count_tokens` (IAM `bedrock-mantle:CountTokens`). */
export const anthropicCountTokensRoute: RouteDefinition = {
  name: "mantle.count-tokens",
  method: "POST",
  pattern: /^\/anthropic\/v1\/messages\/count_tokens$/,
  errors: anthropicSurfaceErrors,
  handle(exchange, context) {
    const admitted = admitMantleInference(exchange, context, "messages", { action: "bedrock-mantle:CountTokens" });
    if (!admitted) return;
    const parsed = parseMessagesRequest(admitted.body, admitted.entry, context.state.thinking, exchange.requestId, true);
    if (!parsed.ok) {
      sendPrepared(exchange, parsed.response);
      return;
    }
    const words = parsed.value.conversation.segments.reduce((sum, segment) => sum + countWords(segment.text), 0);
    sendJson(exchange, 200, { input_tokens: Math.max(1, words) });
  },
};
