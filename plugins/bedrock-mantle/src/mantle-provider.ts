import {
  type CatalogContext,
  type ChatRequest,
  type Clock,
  type CompletionResult,
  type ModelDefinition,
  type Provider,
  type ProviderContext,
  type StreamContext,
  type Transport,
} from "@bedrock-kit/plugin-host";
import { defaultTransport } from "@bedrock-kit/aws-auth";
import type { MantleWireAdapter } from "./adapters/mantle-wire-adapter.js";
import { classifyMantleError } from "./classify-mantle-error.js";
import { completeMantle } from "./complete-mantle.js";
import { countMantleTokens, type AnthropicTokenCounter } from "./count-mantle-tokens.js";
import { describeMantleModel } from "./describe-mantle-model.js";
import { buildMantleCatalog } from "./mantle-catalog.js";
import { loadMantleConfigSchema } from "./load-mantle-config-schema.js";
import type { MantleApi, MantleConfig } from "./mantle-config-schema.js";
import { MantleDiscovery } from "./mantle-discovery.js";
import { resolveMantleEndpoint } from "./mantle-endpoint.js";
import { createMantleBaseUrlMemo } from "./mantle-base-url-memo.js";
import { MantleLearnedSurfaces } from "./mantle-learned-surfaces.js";
import { preflightMantle } from "./mantle-preflight.js";
import { MANTLE_ENV_VARS, MANTLE_PROVIDER_ID, MANTLE_PROVIDER_LABEL } from "./mantle-provider-id.js";
import { MantleRuntimeAuth, type MantleAuthDependencies } from "./mantle-runtime-auth.js";
import { MantleResponseRegions } from "./mantle-response-regions.js";
import { resolveMantleWireId } from "./resolve-mantle-model-id.js";
import type { MantleCallDependencies } from "./attempt-mantle-call.js";
import { streamMantle } from "./stream-mantle.js";

/** The wire adapters by API. */
export type MantleWireAdapters = Readonly<Record<MantleApi, MantleWireAdapter>>;

/** Options of {@link createMantleProvider}; everything is injectable for tests and embedding hosts. */
export interface MantleProviderOptions extends MantleAuthDependencies {
  /** Wire adapters (default: the plugin's own, loaded on first call to keep them off the import path). */
  adapters?: MantleWireAdapters;
  /** Token counting for Claude (default: the adapters' `countAnthropicTokens`). */
  countTokens?: AnthropicTokenCounter;
  /** Transport used when the host's context has none (default: aws-auth's shared keep-alive transport). */
  transport?: Transport;
  /** Waits between transient retries (default: a timer). */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Jitter source (default: Math.random). */
  random?: () => number;
}

/** The Mantle provider: the contract plus helpers for hosts that want a plain answer or a token count. */
export interface MantleProvider extends Provider<MantleConfig> {
  /** One non-streaming call (`stream: false`), with the same routing, fallback, auth refresh, retries, metadata and cost as `stream`. */
  complete(model: ModelDefinition, request: ChatRequest, context: StreamContext<MantleConfig>): Promise<CompletionResult>;
  /** The Mantle wire id a user-written id stands for (`claude-opus-4.7` -> `anthropic.claude-opus-4-7`). */
  resolveModelId(id: string): string[];
  /** Input tokens a Claude call would use (`/anthropic/v1/messages/count_tokens`). */
  countTokens(model: ModelDefinition, request: ChatRequest, context: StreamContext<MantleConfig>): Promise<number>;
  /**
   * A definition for any model id, listed or not (`claude-opus-4.7` -> `anthropic.claude-opus-4-7`
   * on Messages), so a host can resolve a ref the catalog does not list. Configured entries are not
   * applied; use the catalog for those.
   */
  describeModel(id: string, context: Pick<ProviderContext<MantleConfig>, "config" | "env">): ModelDefinition;
}

interface DefaultAdapterModule {
  MANTLE_WIRE_ADAPTERS: MantleWireAdapters;
  countAnthropicTokens: AnthropicTokenCounter;
}

/** Create the `amazon-bedrock-mantle` provider. Each instance has its own caches (discovery, learned surfaces, tokens). */
export function createMantleProvider(options: MantleProviderOptions = {}): MantleProvider {
  const runtimeAuth = new MantleRuntimeAuth(options);
  const learned = new MantleLearnedSurfaces();
  const responseRegions = new MantleResponseRegions();
  // Each call splits its model's base URL: once per URL, not per call.
  const parseBaseUrl = createMantleBaseUrlMemo();
  const discoveries = new WeakMap<Clock, MantleDiscovery>();
  const fallbackTransport = (): Transport => options.transport ?? defaultTransport();
  let defaultModule: Promise<DefaultAdapterModule> | undefined;
  // The adapters (and their SSE parser) load on the first call, not at import.
  const loadDefaults = (): Promise<DefaultAdapterModule> => (defaultModule ??= import("./adapters/index.js"));

  const discoveryFor = (context: CatalogContext<MantleConfig>): MantleDiscovery => {
    let discovery = discoveries.get(context.clock);
    if (discovery === undefined) {
      discovery = new MantleDiscovery(context.clock);
      discoveries.set(context.clock, discovery);
    }
    return discovery;
  };

  const dependenciesWith = (adapters: MantleWireAdapters): MantleCallDependencies => ({
    adapters,
    runtimeAuth,
    learned,
    responseRegions,
    parseBaseUrl,
    defaultTransport: fallbackTransport,
    ...(options.sleep !== undefined && { sleep: options.sleep }),
    ...(options.random !== undefined && { random: options.random }),
  });
  // Built once per provider: a call then starts without an await or an object of its own.
  let resolvedDependencies: MantleCallDependencies | undefined =
    options.adapters === undefined ? undefined : dependenciesWith(options.adapters);
  const callDependencies = async (): Promise<MantleCallDependencies> =>
    (resolvedDependencies ??= dependenciesWith((await loadDefaults()).MANTLE_WIRE_ADAPTERS));

  const provider: MantleProvider = {
    id: MANTLE_PROVIDER_ID,
    label: MANTLE_PROVIDER_LABEL,
    envVars: MANTLE_ENV_VARS,
    // A getter: zod loads when the host first validates config, not when the plugin is imported.
    get configSchema() {
      return loadMantleConfigSchema();
    },
    catalog: (context) => buildMantleCatalog(context, { discoveryFor, runtimeAuth, learned, defaultTransport: fallbackTransport }),
    prepareRuntimeAuth: (context) => runtimeAuth.prepare(context),
    // Returned directly (no wrapping generator): the pass-through adds no hop per event.
    stream: (model, request, context) => streamMantle(model, request, context, resolvedDependencies ?? callDependencies),
    classifyError: (error) => classifyMantleError(error),
    preflight: (context) => preflightMantle(context, { catalog: provider.catalog, defaultTransport: fallbackTransport }),
    complete: (model, request, context) => completeMantle(model, request, context, resolvedDependencies ?? callDependencies),
    async countTokens(model, request, context) {
      const countTokens = options.countTokens ?? (await loadDefaults()).countAnthropicTokens;
      return countMantleTokens(model, request, context, { countTokens, runtimeAuth, defaultTransport: fallbackTransport });
    },
    // `claude-opus-4.7` -> `anthropic.claude-opus-4-7`: short refs work without configuring an alias.
    resolveModelId: (id) => [resolveMantleWireId(id)],
    describeModel(id, context) {
      const endpoint = resolveMantleEndpoint(context.config, context.env);
      return describeMantleModel(id, { endpoint, learned, ...(context.config.api !== undefined && { providerApi: context.config.api }) }, { source: "catalog" });
    },
  };
  return provider;
}
