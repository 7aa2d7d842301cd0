import type { AuthPolicy } from "../auth/authenticate-request.js";
import { describeAccessDenied } from "../auth/principal.js";
import type { IamAction, RouteFaults, RouteName } from "../emulator-types.js";
import type { SurfaceErrors } from "../errors/surface-errors.js";
import type { EmulatorState } from "./emulator-state.js";
import { type Exchange, sendPrepared } from "./http-exchange.js";

/** What a route handler gets besides the exchange. */
export interface RouteContext {
  readonly state: EmulatorState;
  readonly faults: RouteFaults;
  /** Named groups of the route's path pattern, URL-decoded. */
  readonly params: Readonly<Record<string, string>>;
  readonly errors: SurfaceErrors;
}

/** One route of a service. */
export interface RouteDefinition {
  readonly name: RouteName;
  readonly method: string;
  /** Matches the whole path; named groups become `params`. */
  readonly pattern: RegExp;
  readonly errors: SurfaceErrors;
  /** Serves the request; must have decided the response (sent or started streaming) when it settles. */
  handle(exchange: Exchange, context: RouteContext): void | Promise<void>;
}

/** One listening service (Mantle, runtime, control plane, STS). */
export interface ServiceDefinition {
  readonly name: "mantle" | "runtime" | "control" | "sts";
  readonly auth: AuthPolicy;
  readonly routes: readonly RouteDefinition[];
  /** Error envelope for a path no route matches. */
  errorsForPath(pathname: string): SurfaceErrors;
}

/**
 * Checks an IAM action for the caller, sending the surface's access-denied body when the identity
 * is denied it (or the `accessDenied` fault is on). Returns whether the handler may go on.
 */
export function authorize(exchange: Exchange, context: RouteContext, action: IamAction, resource: string): boolean {
  const principal = exchange.principal;
  if (!principal) return false;
  if (!context.faults.accessDenied && !principal.deniedActions.has(action)) return true;
  sendPrepared(exchange, context.errors.accessDenied(describeAccessDenied(principal, action, resource), exchange.requestId));
  return false;
}
