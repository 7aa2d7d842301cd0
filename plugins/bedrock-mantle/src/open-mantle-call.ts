import {
  BedrockKitError,
  type ChatRequest,
  type ModelDefinition,
  type StreamContext,
  type StreamEvent,
  type Transport,
  type TransportResponse,
} from "@bedrock-kit/plugin-host";
import { computeRetryDelay, isRetryableFailure, parseRetryAfter, resolveRetryPolicy, resolveTimeouts } from "@bedrock-kit/aws-auth";
import type { MantleWireAdapter } from "./adapters/mantle-wire-adapter.js";
import { classifyMantleError } from "./classify-mantle-error.js";
import { classifyMantleHttpError } from "./classify-mantle-http-error.js";
import { createMantleSend } from "./create-mantle-send.js";
import type { MantleApi, MantleConfig } from "./mantle-config-schema.js";
import type { MantleLearnedSurfaces } from "./mantle-learned-surfaces.js";
import { resolveMantleEndpoint } from "./mantle-endpoint.js";
import { MANTLE_PROVIDER_ID } from "./mantle-provider-id.js";
import { credentialKindOf, type MantleRuntimeAuth } from "./mantle-runtime-auth.js";
import { alternativeSurface, sameSurface, surfaceBaseUrl, type MantleRouteErrorKind, type MantleSurface } from "./mantle-surface-rules.js";
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

/** A call whose first event has arrived. */
export interface OpenedMantleCall {
  /** The adapter's iterator, positioned after `first`. */
  iterator: AsyncIterator<StreamEvent>;
  /** The first event (or done). */
  first: IteratorResult<StreamEvent>;
  /** How the call went so far. */
  state: MantleCallState;
}

const MANTLE_API_SET: ReadonlySet<string> = new Set(["openai-completions", "openai-responses", "anthropic-messages"]);

/**
 * Open one call and wait for its first event. Before any byte is streamed it may: fall back once to
 * another surface after a route error (remembering what worked), re-prepare auth once after a 401
 * (evicting the cached auth and any minted token), and retry transient failures (429, 5xx, network)
 * with backoff. Nothing is retried after the first event, so output is never repeated.
 */
export async function openMantleCall(
  model: ModelDefinition,
  request: ChatRequest,
  context: StreamContext<MantleConfig>,
  dependencies: MantleCallDependencies,
): Promise<OpenedMantleCall> {
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
  const parsed = parseMantleBaseUrl(model.baseUrl);
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
  const sleep = dependencies.sleep ?? defaultSleep;
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
    let iterator: AsyncIterator<StreamEvent> | undefined;
    try {
      const auth = await context.getAuth(authTargetOf(callModel));
      authRegion = auth.region ?? region;
      if (authRegion !== undefined) state.region = authRegion;
      const errorContext = {
        wireId: model.wireId,
        ...(surface !== undefined && { surface }),
        ...(authRegion !== undefined && { region: authRegion }),
        credentialKind: credentialKindOf(auth),
        credentialSource: auth.source,
      };
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
      iterator = dependencies.adapters[api]
        .stream({
          model: callModel,
          request,
          send,
          classifyHttpError: (failure) => classifyMantleHttpError(failure, errorContext),
          clock: context.clock,
          ...(context.signal !== undefined && { signal: context.signal }),
        })
        [Symbol.asyncIterator]();
      const first = await iterator.next();
      state.api = api;
      if (state.surfaceFallback && surface !== undefined) dependencies.learned.remember(root, model.wireId, surface);
      return { iterator, first, state };
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

function defaultSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedWhileWaiting());
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedWhileWaiting());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

function abortedWhileWaiting(): BedrockKitError {
  return new BedrockKitError({
    code: "aborted",
    message: "The call was cancelled while waiting to retry.",
    hint: "Nothing to do: the caller's AbortSignal fired.",
    provider: MANTLE_PROVIDER_ID,
  });
}
