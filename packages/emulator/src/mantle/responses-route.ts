import { randomBytes } from "node:crypto";
import type { PromptSegment } from "../answer/conversation.js";
import { randomId } from "../answer/identifiers.js";
import { type AnswerPlan, planAnswer } from "../answer/plan-answer.js";
import { openAiError, openAiSurfaceErrors } from "../errors/openai-error-bodies.js";
import { sendJson, sendPrepared } from "../server/http-exchange.js";
import { authorize, type RouteDefinition } from "../server/service-definition.js";
import { writeEventStream } from "../server/write-event-stream.js";
import { admitMantleInference, mantleProjectArn, surfaceOfPath, unixSeconds } from "./mantle-route-support.js";
import { renderResponse, renderResponseStream, type ResponseIdentity } from "./responses-render.js";
import { parseResponsesRequest, type ResponsesRequest } from "./responses-request.js";

function hexId(prefix: string): string {
  return `${prefix}${randomBytes(24).toString("hex")}`;
}

function outputSegments(plan: AnswerPlan): PromptSegment[] {
  const segments: PromptSegment[] = [];
  if (plan.reasoning.length > 0) segments.push({ text: plan.reasoning.join("") });
  if (plan.text.length > 0) segments.push({ text: plan.text.join("") });
  if (plan.toolCall) segments.push({ text: `${plan.toolCall.name} ${plan.toolCall.argumentsJson}` });
  return segments;
}

/** `POST /v1/responses` and `POST /openai/v1/responses`. */
export const responsesCreateRoute: RouteDefinition = {
  name: "mantle.responses",
  method: "POST",
  pattern: /^(?:\/openai)?\/v1\/responses$/,
  errors: openAiSurfaceErrors,
  handle(exchange, context) {
    const { responses } = context.state;
    const previousOf = (body: Record<string, unknown>) =>
      typeof body.previous_response_id === "string" ? responses.get(body.previous_response_id) : undefined;
    // On Mantle the model may be omitted and inherited from the previous response (facts §1.9).
    const admitted = admitMantleInference(exchange, context, "responses", { modelFallback: (body) => previousOf(body)?.modelId });
    if (!admitted) return;
    const surface = surfaceOfPath(exchange.url.pathname);
    const parsed = parseResponsesRequest(admitted.body, admitted.entry, surface, previousOf(admitted.body));
    if (!parsed.ok) {
      sendPrepared(exchange, parsed.response);
      return;
    }
    const request: ResponsesRequest = parsed.value;
    const plan = planAnswer(request.conversation, admitted.entry.model, { cacheRead: 0, cacheWrite: 0 });
    const identity: ResponseIdentity = {
      id: hexId("resp_"),
      createdAt: unixSeconds(context),
      model: admitted.entry.placement.id,
      reasoningItemId: hexId("rs_"),
      messageItemId: hexId("msg_"),
      functionItemId: hexId("fc_"),
      callId: randomId("call_", 24),
      reasoningStyle: admitted.entry.placement.reasoningStyle ?? "text",
    };
    const final = renderResponse(plan, identity, request);
    if (request.store) {
      responses.put({
        id: identity.id,
        modelId: identity.model,
        response: final,
        segments: [...request.inputSegments, ...outputSegments(plan)],
        callIds: plan.toolCall ? [...request.knownCallIds, identity.callId] : [...request.knownCallIds],
      });
    }
    if (request.stream) writeEventStream(exchange, renderResponseStream(plan, identity, request), context.faults);
    else sendJson(exchange, 200, final);
  },
};

/** `GET` and `DELETE` `/v1/responses/{id}` (and the `/openai/v1` twins): stored responses only. */
export const responsesRetrieveRoutes: RouteDefinition[] = ["GET", "DELETE"].map((method) => ({
  name: "mantle.responses.retrieve",
  method,
  pattern: /^(?:\/openai)?\/v1\/responses\/(?<id>[^/]+)$/,
  errors: openAiSurfaceErrors,
  handle(exchange, context) {
    const id = context.params.id ?? "";
    const action = method === "GET" ? "bedrock-mantle:GetInference" : "bedrock-mantle:DeleteInference";
    if (!authorize(exchange, context, action, mantleProjectArn(context))) return;
    const stored = context.state.responses.get(id);
    if (!stored) {
      sendPrepared(exchange, openAiError(404, { code: null, message: `No response found with id '${id}'.`, type: "invalid_request_error" }));
      return;
    }
    exchange.model = stored.modelId;
    if (method === "DELETE") {
      context.state.responses.delete(id);
      sendJson(exchange, 200, { id, object: "response", deleted: true });
      return;
    }
    sendJson(exchange, 200, stored.response);
  },
}));
