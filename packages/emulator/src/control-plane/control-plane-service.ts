import { awsJsonSurfaceErrors } from "../errors/aws-json-error-bodies.js";
import type { ServiceDefinition } from "../server/service-definition.js";
import { foundationModelsRoute } from "./foundation-models-route.js";
import { inferenceProfilesRoute } from "./inference-profiles-route.js";

/** `bedrock.{region}.amazonaws.com`: SigV4 for signing name `bedrock`, or a Bedrock API key. */
export const controlPlaneService: ServiceDefinition = {
  name: "control",
  auth: { sigv4Service: "bedrock", acceptsBearer: true, bearerAction: "bedrock:CallWithBearerToken" },
  routes: [foundationModelsRoute, inferenceProfilesRoute],
  errorsForPath: () => awsJsonSurfaceErrors,
};
