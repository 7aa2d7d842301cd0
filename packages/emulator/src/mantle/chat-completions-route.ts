import { randomId } from "../answer/identifiers.js";
import { planAnswer } from "../answer/plan-answer.js";
import { openAiSurfaceErrors } from "../errors/openai-error-bodies.js";
import { sendJson, sendPrepared } from "../server/http-exchange.js";
import type { RouteDefinition } from "../server/service-definition.js";
import { writeEventStream } from "../server/write-event-stream.js";
import { renderChatCompletion, renderChatCompletionStream } from "./chat-completions-render.js";
import { parseChatCompletionsRequest } from "./chat-completions-request.js";
import { admitMantleInference, unixSeconds } from "./mantle-route-support.js";

/** `POST /v1/chat/completions` and `POST /openai/v1/chat/completions`. */
export const chatCompletionsRoute: RouteDefinition = {
  name: "mantle.chat",
  method: "POST",
  pattern: /^(?:\/openai)?\/v1\/chat\/completions$/,
  errors: openAiSurfaceErrors,
  handle(exchange, context) {
    const admitted = admitMantleInference(exchange, context, "chat-completions");
    if (!admitted) return;
    const parsed = parseChatCompletionsRequest(admitted.body, admitted.entry);
    if (!parsed.ok) {
      sendPrepared(exchange, parsed.response);
      return;
    }
    const { conversation, stream, includeUsage } = parsed.value;
    const plan = planAnswer(conversation, admitted.entry.model, { cacheRead: 0, cacheWrite: 0 });
    const identity = {
      id: randomId("chatcmpl-", 29),
      toolCallId: randomId("call_", 24),
      model: admitted.entry.placement.id,
      created: unixSeconds(context),
    };
    if (stream) writeEventStream(exchange, renderChatCompletionStream(plan, identity, includeUsage), context.faults);
    else sendJson(exchange, 200, renderChatCompletion(plan, identity));
  },
};
