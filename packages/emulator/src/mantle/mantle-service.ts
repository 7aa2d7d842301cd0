import { anthropicSurfaceErrors } from "../errors/anthropic-error-bodies.js";
import { openAiSurfaceErrors } from "../errors/openai-error-bodies.js";
import type { ServiceDefinition } from "../server/service-definition.js";
import { anthropicCountTokensRoute, anthropicMessagesRoute } from "./anthropic-messages-route.js";
import { chatCompletionsRoute } from "./chat-completions-route.js";
import { modelsListRoute } from "./models-list-route.js";
import { responsesCreateRoute, responsesRetrieveRoutes } from "./responses-route.js";

/**
 * `bedrock-mantle.{region}.api.aws`: bearer keys (long-term or short-term) need
 * `bedrock-mantle:CallWithBearerToken`; SigV4 is checked for signing name `bedrock-mantle`.
 */
export const mantleService: ServiceDefinition = {
  name: "mantle",
  auth: { sigv4Service: "bedrock-mantle", acceptsBearer: true, bearerAction: "bedrock-mantle:CallWithBearerToken" },
  routes: [
    modelsListRoute,
    chatCompletionsRoute,
    responsesCreateRoute,
    ...responsesRetrieveRoutes,
    anthropicMessagesRoute,
    anthropicCountTokensRoute,
  ],
  errorsForPath: (pathname) => (pathname.startsWith("/anthropic/") ? anthropicSurfaceErrors : openAiSurfaceErrors),
};
