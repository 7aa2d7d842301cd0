import { randomId } from "../answer/identifiers.js";
import { planAnswer } from "../answer/plan-answer.js";
import { awsJsonSurfaceErrors, validationException } from "../errors/aws-json-error-bodies.js";
import { parseJsonObject, sendJson, sendPrepared } from "../server/http-exchange.js";
import { authorize, type RouteDefinition } from "../server/service-definition.js";
import { writeEventStream } from "../server/write-event-stream.js";
import { renderConverse, renderConverseStream } from "./converse-render.js";
import { parseConverseRequest } from "./converse-request.js";

// Bedrock's wording, curly apostrophe included (LibreChat #4570 and others quote it verbatim).
function onDemandUnsupported(baseId: string): string {
  return `Invocation of model ID ${baseId} with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.`;
}

function converseRoute(streaming: boolean): RouteDefinition {
  return {
    name: streaming ? "runtime.converse-stream" : "runtime.converse",
    method: "POST",
    pattern: streaming ? /^\/model\/(?<modelId>[^/]+)\/converse-stream$/ : /^\/model\/(?<modelId>[^/]+)\/converse$/,
    errors: awsJsonSurfaceErrors,
    handle(exchange, context) {
      const modelId = context.params.modelId ?? "";
      exchange.model = modelId;
      const body = parseJsonObject(exchange.body);
      if (!body) {
        sendPrepared(exchange, context.errors.malformedBody(exchange.requestId));
        return;
      }
      const { state } = context;
      const resolution = state.catalog.resolveConverseModel(modelId);
      if (resolution.kind === "invalid") {
        sendPrepared(exchange, validationException("The provided model identifier is invalid."));
        return;
      }
      if (resolution.kind === "on-demand-unsupported") {
        sendPrepared(exchange, validationException(onDemandUnsupported(resolution.baseId)));
        return;
      }
      if (resolution.kind === "not-a-chat-model") {
        sendPrepared(exchange, validationException("This action doesn't support the model that you provided. Try again with a supported text or chat model."));
        return;
      }
      const action = streaming ? "bedrock:InvokeModelWithResponseStream" : "bedrock:InvokeModel";
      if (!authorize(exchange, context, action, resolution.resourceArn)) return;
      const { entry } = resolution;
      const parsed = parseConverseRequest(body, entry, streaming, state.thinking);
      if (!parsed.ok) {
        sendPrepared(exchange, parsed.response);
        return;
      }
      const conversation = parsed.value;
      const cache = state.promptCache.use({
        modelId: entry.placement.id,
        segments: conversation.segments,
        nowMs: state.clock.now(),
        minCacheTokens: entry.model.minCacheTokens,
      });
      const plan = planAnswer(conversation, entry.model, cache);
      const signs = entry.model.providerName === "Anthropic" && plan.reasoning.length > 0;
      const identity = {
        toolUseId: randomId("tooluse_", 22),
        reasoningSignature: signs ? state.thinking.sign(plan.reasoning.join("")) : undefined,
        latencyMs: 120 + plan.usage.output * 8,
      };
      if (streaming) writeEventStream(exchange, renderConverseStream(plan, identity), context.faults);
      else sendJson(exchange, 200, renderConverse(plan, identity));
    },
  };
}

/** `POST /model/{modelId}/converse`. */
export const converseRouteDefinition = converseRoute(false);

/** `POST /model/{modelId}/converse-stream` (binary `application/vnd.amazon.eventstream`). */
export const converseStreamRouteDefinition = converseRoute(true);
