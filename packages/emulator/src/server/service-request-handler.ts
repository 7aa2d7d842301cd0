import { setTimeout as delay } from "node:timers/promises";
import { authenticateRequest } from "../auth/authenticate-request.js";
import { describeAccessDenied } from "../auth/principal.js";
import { awsRequestId } from "../answer/identifiers.js";
import { preparedFaultBody, type SurfaceErrors } from "../errors/surface-errors.js";
import type { EmulatorState } from "./emulator-state.js";
import {
  type EmulatorRequest,
  type EmulatorResponse,
  type Exchange,
  headerValue,
  readRequestBody,
  sendPrepared,
} from "./http-exchange.js";
import type { RouteDefinition, ServiceDefinition } from "./service-definition.js";
import { destroyConnection } from "./write-event-stream.js";

const MAX_BODY_BYTES = 20 * 1024 * 1024;

function findRoute(service: ServiceDefinition, method: string, pathname: string) {
  for (const route of service.routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(pathname);
    if (!match) continue;
    const params: Record<string, string> = {};
    for (const [name, value] of Object.entries(match.groups ?? {})) {
      try {
        params[name] = decodeURIComponent(value);
      } catch {
        params[name] = value;
      }
    }
    return { route, params };
  }
  return undefined;
}

/**
 * The request pipeline every service shares: request id, routing, body, latency fault, auth as AWS
 * checks it, bearer permission, throttling and status faults, then the route. Errors at each step
 * use the route's (or the path's) own envelope.
 */
export function createServiceHandler(service: ServiceDefinition, state: EmulatorState) {
  return (request: EmulatorRequest, response: EmulatorResponse): void => {
    serve(service, state, request, response).catch((error: unknown) => {
      // A bug in the emulator must be visible, not a hang: a 500 carrying the reason in a header.
      if (!response.headersSent) {
        response.setHeader("x-emulator-error", String(error instanceof Error ? error.message : error).slice(0, 200).replace(/[^\x20-\x7e]/g, " "));
        response.writeHead(500, { "content-type": "application/json" });
        response.end(JSON.stringify({ message: "Internal emulator error" }));
      } else {
        destroyConnection(request);
      }
    });
  };
}

async function serve(service: ServiceDefinition, state: EmulatorState, request: EmulatorRequest, response: EmulatorResponse): Promise<void> {
  const requestId = awsRequestId();
  response.setHeader("x-amzn-requestid", requestId);
  const method = request.method ?? "GET";
  const rawUrl = request.url ?? "/";
  const url = new URL(rawUrl, "http://emulator.invalid");
  const found = findRoute(service, method, url.pathname);
  const route: RouteDefinition | undefined = found?.route;
  const errors: SurfaceErrors = route?.errors ?? service.errorsForPath(url.pathname);
  // Mantle's Anthropic surface also sends Anthropic's own `request-id` header.
  if (service.name === "mantle" && url.pathname.startsWith("/anthropic/")) response.setHeader("request-id", requestId);

  const body = await readRequestBody(request, MAX_BODY_BYTES);
  const exchange: Exchange = {
    request,
    response,
    method,
    url,
    body: body ?? Buffer.alloc(0),
    requestId,
    route: route?.name ?? `${service.name}.unknown`,
  };
  try {
    if (body === undefined) {
      sendPrepared(exchange, errors.statusFault(413, requestId));
      return;
    }
    if (!found || !route) {
      sendPrepared(exchange, errors.notFound(method, url.pathname, requestId));
      return;
    }
    const faults = state.faults.forRoute(route.name);
    if (faults.latencyMs !== undefined && faults.latencyMs > 0) await delay(faults.latencyMs);

    const queryStart = rawUrl.indexOf("?");
    const auth = await authenticateRequest(
      headerValue(request.headers, "authorization"),
      {
        method,
        rawPath: queryStart === -1 ? rawUrl : rawUrl.slice(0, queryStart),
        rawQuery: queryStart === -1 ? "" : rawUrl.slice(queryStart + 1),
        headers: request.headers,
        body: exchange.body,
      },
      service.auth,
      { store: state.credentials, region: state.region, nowMs: state.clock.now() },
    );
    if (!auth.ok) {
      sendPrepared(exchange, errors.auth(auth.failure, requestId));
      return;
    }
    exchange.principal = auth.principal;
    exchange.authKind = auth.kind;
    const bearerAction = service.auth.bearerAction;
    const usedBearer = auth.kind === "api-key" || auth.kind === "short-term-token";
    if (usedBearer && bearerAction && auth.principal.deniedActions.has(bearerAction)) {
      sendPrepared(exchange, errors.accessDenied(describeAccessDenied(auth.principal, bearerAction, "*"), requestId));
      return;
    }
    if (state.faults.countCallAndCheckThrottle(route.name, faults)) {
      sendPrepared(exchange, errors.throttled(requestId));
      return;
    }
    if (faults.status !== undefined) {
      sendPrepared(
        exchange,
        faults.body !== undefined ? preparedFaultBody(faults.status, faults.body) : errors.statusFault(faults.status, requestId),
      );
      return;
    }
    await route.handle(exchange, { state, faults, params: found.params, errors });
  } finally {
    state.stats.record(exchange);
  }
}
