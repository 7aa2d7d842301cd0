import {
  BedrockKitError,
  type ChatRequest,
  type ModelDefinition,
  type StreamContext,
  type Transport,
  type TransportResponse,
} from "@bedrock-kit/plugin-host";
import { computeRetryDelay, isRetryableFailure, parseRetryAfter, resolveRetryPolicy, resolveTimeouts, sleepBeforeRetry } from "@bedrock-kit/aws-auth";
import type { MantleCallInput, MantleWireAdapter } from "./adapters/mantle-wire-adapter.js";
import { classifyMantleError } from "./classify-mantle-error.js";
import { classifyMantleHttpError } from "./classify-mantle-http-error.js";
import { createMantleSend } from "./create-mantle-send.js";
import type { MantleApi, MantleConfig } from "./mantle-config-schema.js";
import type { MantleLearnedSurfaces } from "./mantle-learned-surfaces.js";
import type { MantleResponseRegions } from "./mantle-response-regions.js";
import { resolveMantleEndpoint } from "./mantle-endpoint.js";
import { MANTLE_PROVIDER_ID } from "./mantle-provider-id.js";
import { credentialKindOf, type MantleRuntimeAuth } from "./mantle-runtime-auth.js";
import { alternativeSurface, sameSurface, surfaceBaseUrl, type MantleRouteErrorKind, type MantleSurface } from "./mantle-surface-rules.js";
import type { MantleBaseUrlParser } from "./mantle-base-url-memo.js";
import { parseMantleBaseUrl } from "./normalize-mantle-base-url.js";
import { converseStyleIdHint, isConverseStyleModelId } from "./resolve-mantle-model-id.js";

/** What a call needs from the provider instance. */
export interface MantleCallDependencies {
  /** One adapter per API. */
  adapters: Readonly<Record<MantleApi, MantleWireAdapter>>;
  /** Runtime auth (for evicting a minted token after a 401). */
  runtimeAuth: MantleRuntimeAuth;
  /** Surfaces learned from fallbacks. */
  learned: MantleLearnedSurfaces;
  /** The transport when the host passes none. */
  defaultTransport: () => Transport;
  /** Waits between transient retries; injected so tests do not wait. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source; injected for deterministic tests. */
  random?: () => number;
  /** Which region stored each Responses API response: routes continuations, learns from each finish. */
  responseRegions?: MantleResponseRegions;
  /** The provider's memo of `parseMantleBaseUrl` (default: parse per call). */
  parseBaseUrl?: MantleBaseUrlParser;
}

/** How a call went, for its metadata. */
export interface MantleCallState {
  /** HTTP attempts made. */
  attempts: number;
  /** True after a route fallback. */
  surfaceFallback: boolean;
  /** The API finally used. */
  api: MantleApi;
  /** The model id sent upstream. */
  wireId: string;
  /** The region called. */
  region?: string;
  /** The last upstream request id. */
  requestId?: string;
}

/**
 * One HTTP attempt through an adapter: resolves once the call has reached the point after which it is
 * never retried (a stream's first event, a non-streaming call's whole answer); rejects with anything
 * before it, which the loop classifies to decide on a fallback, an auth refresh or a retry.
 */
export type MantleAttempt<Result> = (adapter: MantleWireAdapter, input: MantleCallInput) => Promise<Result>;

/** What a successful attempt gave, and how the call got there. */
export interface AttemptedMantleCall<Result> {
  /** The attempt's result. */
  result: Result;
  /** How the call went. */
  state: MantleCallState;
}

const MANTLE_API_SET: ReadonlySet<string> = new Set(["openai-completions", "openai-responses", "anthropic-messages"]);

/**
 * Run one call's attempts until one succeeds. Before the attempt resolves it may: fall back once to
 * another surface after a route error (remembering what worked), re-prepare auth once after a 401
 * (evicting the cached auth and any minted token), and retry transient failures (429, 5xx, network)
 * with backoff (honouring Retry-After). Streaming and non-streaming calls share it, so both get the
 * same handling; what counts as "too late to retry" is the attempt's to decide. A final failure
 * rejects with the classified error, carrying the call's state as metadata.
 */
export async function attemptMantleCall<Result>(
  model: ModelDefinition,
  request: ChatRequest,
  context: StreamContext<MantleConfig>,
  dependencies: MantleCallDependencies,
  attempt: MantleAttempt<Result>,
): Promise<AttemptedMantleCall<Result>> {
  const config = context.config;
  if (isConverseStyleModelId(model.wireId)) {
    throw new BedrockKitError({
      code: "model-not-found",
      message: `"${model.wireId}" is a Converse-style model id; Mantle answers 404 for it.`,
      hint: converseStyleIdHint(model.wireId),
      provider: MANTLE_PROVIDER_ID,
    });
  }
  if (!MANTLE_API_SET.has(model.api)) {
    throw new BedrockKitError({
      code: "config",
      message: `Mantle does not speak ${model.api} (model ${model.id}).`,
      hint: 'Set the model\'s api to "openai-completions", "openai-responses" or "anthropic-messages", or call it through the amazon-bedrock provider.',
      provider: MANTLE_PROVIDER_ID,
    });
  }
  const parsed = (dependencies.parseBaseUrl ?? parseMantleBaseUrl)(model.baseUrl);
  const root = parsed.root;
  const declared: MantleSurface | undefined =
    parsed.pastedPrefix === undefined ? undefined : { api: model.api as MantleApi, prefix: parsed.pastedPrefix };
  let surface = (declared !== undefined ? dependencies.learned.get(root, model.wireId) : undefined) ?? declared;
  const state: MantleCallState = {
    attempts: 0,
    surfaceFallback: false,
    api: surface?.api ?? (model.api as MantleApi),
    wireId: model.wireId,
  };
  const region = model.region ?? context.config.region;
  const transport = context.transport ?? dependencies.defaultTransport();
  const timeouts = resolveTimeouts(config.timeouts);
  const policy = resolveRetryPolicy(config.retry);
  const sleep = dependencies.sleep ?? ((ms: number, signal?: AbortSignal) => sleepBeforeRetry(ms, signal, MANTLE_PROVIDER_ID));
  const random = dependencies.random ?? Math.random;
  const startedAt = context.clock.now();
  // The endpoint's region too: a model without its own region then shares the auth discovery
  // prepared for that region (one token mint per region, not one per cache key). getAuth and
  // invalidateAuth must name the same target, or a 401 would evict nothing.
  const endpointRegion = region ?? resolveMantleEndpoint(config, context.env).region;
  const authTargetOf = (callModel: ModelDefinition) => ({ model: callModel, region: endpointRegion });
  let lastResponse: TransportResponse | undefined;
  let refreshedAuth = false;
  let transientRetries = 0;

  for (;;) {
    state.attempts += 1;
    const api = surface?.api ?? (model.api as MantleApi);
    const baseUrl = surface !== undefined ? surfaceBaseUrl(root, surface) : model.baseUrl;
    const callModel: ModelDefinition = api === model.api && baseUrl === model.baseUrl ? model : { ...model, api, baseUrl };
    let authRegion: string | undefined = region;
    try {
      const auth = await context.getAuth(authTargetOf(callModel));
      authRegion = auth.region ?? region;
      if (authRegion !== undefined) state.region = authRegion;
      // Built only when an answer is not OK: the usual call never needs it.
      const attemptSurface = surface;
      const attemptRegion = authRegion;
      const errorContext = () => ({
        wireId: model.wireId,
        ...(attemptSurface !== undefined && { surface: attemptSurface }),
        ...(attemptRegion !== undefined && { region: attemptRegion }),
        credentialKind: credentialKindOf(auth),
        credentialSource: auth.source,
      });
      const send = createMantleSend({
        baseUrl,
        api,
        auth,
        transport,
        timeouts,
        ...(config.projectId !== undefined && { projectId: config.projectId }),
        ...(config.headers !== undefined && { headers: config.headers }),
        ...(context.signal !== undefined && { signal: context.signal }),
        onResponse: (response) => {
          lastResponse = response;
          const requestId = response.headers["x-amzn-requestid"] ?? response.headers["request-id"];
          if (requestId !== undefined) state.requestId = requestId;
        },
      });
      const result = await attempt(dependencies.adapters[api], {
        model: callModel,
        request,
        send,
        classifyHttpError: (failure) => classifyMantleHttpError(failure, errorContext()),
        clock: context.clock,
        ...(context.signal !== undefined && { signal: context.signal }),
      });
      state.api = api;
      if (state.surfaceFallback && surface !== undefined) dependencies.learned.remember(root, model.wireId, surface);
      return { result, state };
    } catch (error) {
      const classified = classifyMantleError(error, { wireId: model.wireId, ...(surface !== undefined && { surface }) });
      if (classified.code === "route-mismatch" && !state.surfaceFallback && surface !== undefined) {
        const kind = (classified.metadata?.routeError as MantleRouteErrorKind | undefined) ?? "wrong-prefix";
        const alternative = alternativeSurface(model.wireId, surface, kind);
        if (alternative !== undefined && !sameSurface(alternative, surface)) {
          context.logger.debug("mantle route fallback", { wireId: model.wireId, from: describe(surface), to: describe(alternative) });
          surface = alternative;
          state.surfaceFallback = true;
          continue;
        }
      }
      if (classified.code === "auth" && classified.status === 401 && !refreshedAuth) {
        refreshedAuth = true;
        context.invalidateAuth(authTargetOf(callModel));
        if (authRegion !== undefined) dependencies.runtimeAuth.invalidate(context.env, authRegion);
        continue;
      }
      const elapsed = context.clock.now() - startedAt;
      if (
        isRetryableFailure(classified) &&
        transientRetries + 1 < policy.maxAttempts &&
        elapsed < policy.totalDeadlineMs &&
        !context.signal?.aborted
      ) {
        transientRetries += 1;
        const retryAfter = lastResponse !== undefined ? parseRetryAfter(lastResponse.headers, context.clock.now()) : undefined;
        const delay = Math.min(computeRetryDelay(policy, transientRetries + 1, random, retryAfter), policy.totalDeadlineMs - elapsed);
        context.logger.debug("mantle retry", { wireId: model.wireId, attempt: state.attempts, delayMs: delay, code: classified.code });
        await sleep(Math.max(0, delay), context.signal);
        continue;
      }
      throw classified.with({
        ...(classified.requestId === undefined && state.requestId !== undefined && { requestId: state.requestId }),
        metadata: { ...classified.metadata, ...state, provider: MANTLE_PROVIDER_ID, api: state.api },
      });
    }
  }
}

function describe(surface: MantleSurface): string {
  return `${surface.api} ${surface.prefix}`;
}
