import { awsJsonSurfaceErrors } from "../errors/aws-json-error-bodies.js";
import type { ServiceDefinition } from "../server/service-definition.js";
import { converseRouteDefinition, converseStreamRouteDefinition } from "./converse-route.js";

/**
 * `bedrock-runtime.{region}.amazonaws.com`: bearer keys need `bedrock:CallWithBearerToken`; SigV4
 * is checked for signing name `bedrock`.
 */
export const runtimeService: ServiceDefinition = {
  name: "runtime",
  auth: { sigv4Service: "bedrock", acceptsBearer: true, bearerAction: "bedrock:CallWithBearerToken" },
  routes: [converseRouteDefinition, converseStreamRouteDefinition],
  errorsForPath: () => awsJsonSurfaceErrors,
};
