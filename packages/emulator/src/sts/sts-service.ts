import { stsSurfaceErrors } from "../errors/sts-xml-error-bodies.js";
import type { ServiceDefinition } from "../server/service-definition.js";
import { assumeRoleRoutes } from "./assume-role-route.js";

/** `sts.{region}.amazonaws.com`: SigV4 only, signing name `sts`. */
export const stsService: ServiceDefinition = {
  name: "sts",
  auth: { sigv4Service: "sts", acceptsBearer: false },
  routes: assumeRoleRoutes,
  errorsForPath: () => stsSurfaceErrors,
};
