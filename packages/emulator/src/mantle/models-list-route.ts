import { openAiSurfaceErrors } from "../errors/openai-error-bodies.js";
import { sendJson } from "../server/http-exchange.js";
import { authorize, type RouteDefinition } from "../server/service-definition.js";
import { mantleProjectArn } from "./mantle-route-support.js";

// A fixed creation time keeps `created` stable across runs, as it is for a real catalog.
const CATALOG_CREATED = 1_767_225_600;

/**
 * `GET /v1/models`: the OpenAI list shape over every Mantle model of every surface (facts §1.4),
 * with no hint of which surface a model needs, exactly as Mantle lists them.
 */
export const modelsListRoute: RouteDefinition = {
  name: "mantle.models",
  method: "GET",
  pattern: /^\/v1\/models$/,
  errors: openAiSurfaceErrors,
  handle(exchange, context) {
    if (!authorize(exchange, context, "bedrock-mantle:ListModels", mantleProjectArn(context))) return;
    sendJson(exchange, 200, {
      object: "list",
      data: context.state.catalog.mantleModels().map(({ placement }) => ({
        id: placement.id,
        object: "model",
        created: CATALOG_CREATED,
        owned_by: placement.ownedBy,
      })),
    });
  },
};
