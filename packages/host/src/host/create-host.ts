import {
  BedrockKitError,
  collectCompletion,
  parseModelRef,
  type CatalogContext,
  type ChatRequest,
  type Clock,
  type Logger,
  type Plugin,
  type Provider,
  type ProviderContext,
  type StreamEvent,
} from "@bedrock-kit/plugin-host";
import { createRuntimeAuthCache, type AuthTarget } from "../auth/runtime-auth-cache.js";
import { runProviderCatalog, toCatalogEntries, type CatalogOutcome } from "../catalog/collect-catalogs.js";
import { findCloseMatches } from "../catalog/find-close-matches.js";
import { configError } from "../config/config-error.js";
import type { HostConfig } from "../config/host-config-schema.js";
import type { LoadedConfig } from "../config/load-config-file.js";
import { validateHostConfig } from "../config/parse-config-text.js";
import { validateProviderConfigs } from "../config/validate-provider-configs.js";
import { createHostLogger, withLogFields } from "../logging/host-logger.js";
import { createJsonLineLogger, LOG_LEVEL_ENV_VAR, parseLogLevel } from "../logging/json-line-logger.js";
import { redactSecrets } from "../logging/redaction.js";
import { loadPluginModule } from "../plugins/load-plugin-module.js";
import { registerProviders } from "../plugins/register-providers.js";
import { createSecretMask } from "../secrets/secret-mask.js";
import { createSecretResolver } from "../secrets/secret-resolver.js";
import { classifyProviderError } from "./classify-provider-error.js";
import type { CallOptions, CatalogEntry, CreateHostOptions, Host } from "./host-types.js";
import { streamFromProvider } from "./host-stream.js";
import { findCatalogEntry, findCatalogEntryById, unknownModelError } from "./resolve-catalog-entry.js";
import { explainSkippedProvider } from "./explain-skipped-provider.js";
import { runPreflights } from "./run-preflights.js";

const systemClock: Clock = { now: () => Date.now() };

/**
 * Build a host: load the plugins the config names (plus `options.plugins`), register their
 * providers and validate every provider entry, all before anything runs. Throws a `config` error
 * naming the field, plugin or secret at fault.
 */
export async function createHost(options: CreateHostOptions): Promise<Host> {
  const { config, path, dir } = normalizeConfig(options.config, options.cwd ?? process.cwd());
  const env = options.env ?? process.env;
  const clock = options.clock ?? systemClock;
  const mask = createSecretMask(env);
  const logger = createHostLogger(
    options.logger ?? createJsonLineLogger({ level: parseLogLevel(env[LOG_LEVEL_ENV_VAR]), clock }),
    mask,
  );
  const secrets = createSecretResolver({ env, baseDir: dir, allowInline: config.secrets.allowInline, mask });

  const loadedPlugins: Plugin[] = await Promise.all(config.plugins.map((specifier) => loadPluginModule(specifier, dir)));
  const providers = registerProviders([...(options.plugins ?? []), ...loadedPlugins], logger);
  const providerConfigs = validateProviderConfigs(providers, config.models.providers, path, { allowInline: config.secrets.allowInline, mask });
  const providerLoggers = new Map<string, Logger>([...providers.keys()].map((id) => [id, withLogFields(logger, { provider: id })]));

  const baseContext = (provider: Provider, signal?: AbortSignal): ProviderContext => ({
    config: providerConfigs.get(provider.id),
    mode: config.models.mode,
    env,
    ...(options.transport !== undefined && { transport: options.transport }),
    clock,
    logger: providerLoggers.get(provider.id) ?? logger,
    resolveSecret: secrets.resolve,
    ...(signal !== undefined && { signal }),
  });

  const authCache = createRuntimeAuthCache({
    clock,
    ...(options.authRefreshMarginMs !== undefined && { refreshMarginMs: options.authRefreshMarginMs }),
    async prepare(providerId, target) {
      const provider = requireProvider(providers, providerId);
      try {
        return await provider.prepareRuntimeAuth({ ...baseContext(provider), ...target });
      } catch (error) {
        throw classifyProviderError(provider, error);
      }
    },
  });

  const contextWithAuth = (provider: Provider, signal?: AbortSignal): CatalogContext => ({
    ...baseContext(provider, signal),
    getAuth: (target: AuthTarget = {}) => authCache.get(provider.id, target),
    invalidateAuth: (target: AuthTarget = {}) => authCache.invalidate(provider.id, target),
  });

  // Concurrent callers share one catalog run per provider.
  const runningCatalogs = new Map<string, Promise<CatalogOutcome>>();
  const catalogOf = (provider: Provider): Promise<CatalogOutcome> => {
    const running = runningCatalogs.get(provider.id);
    if (running !== undefined) return running;
    const run = runProviderCatalog(provider, { timeoutMs: config.catalogTimeoutMs, contextFor: contextWithAuth, logger }).finally(() =>
      runningCatalogs.delete(provider.id),
    );
    runningCatalogs.set(provider.id, run);
    return run;
  };

  // Concurrent calls to the same skipped provider share one explanation (one preflight).
  const runningExplanations = new Map<string, Promise<BedrockKitError>>();
  const explainSkip = async (ref: string, provider: Provider, reason: string): Promise<BedrockKitError> => {
    let run = runningExplanations.get(provider.id);
    if (run === undefined) {
      run = explainSkippedProvider(provider, reason, {
        prepareAuth: () => authCache.get(provider.id, {}),
        preflight: async () => (await runPreflights([provider], { timeoutMs: config.catalogTimeoutMs, contextFor: contextWithAuth }))[0]!,
      }).finally(() => runningExplanations.delete(provider.id));
      runningExplanations.set(provider.id, run);
    }
    const error = await run;
    return error.with({ message: `Model "${ref}" is not available: ${error.message}` });
  };

  // The provider's reading of a short id (`claude-opus-4.7`), with any `@region` suffix carried over.
  const aliasesOf = async (provider: Provider, id: string): Promise<string[]> => {
    const at = id.lastIndexOf("@");
    const [bare, suffix] = at > 0 ? [id.slice(0, at), id.slice(at)] : [id, ""];
    try {
      const aliases = await provider.resolveModelId!(bare);
      return aliases.filter((alias) => alias !== bare).map((alias) => alias + suffix);
    } catch (error) {
      logger.debug(`${provider.id} could not resolve model id ${id}`, { reason: classifyProviderError(provider, error).message });
      return [];
    }
  };

  const resolveModel = async (ref: string): Promise<CatalogEntry> => {
    const parsed = parseModelRef(ref);
    if (parsed === undefined) {
      const all = toCatalogEntries(await Promise.all([...providers.values()].map(catalogOf)), logger);
      throw unknownModelError(ref, all).with({ message: `Model ref "${ref}" is not of the form provider/id.` });
    }
    const provider = requireProvider(providers, parsed.provider);
    const outcome = await catalogOf(provider);
    if (outcome.status === "skipped") throw await explainSkip(ref, provider, outcome.reason);
    const entries = toCatalogEntries([outcome], logger);
    // The provider is asked for aliases only when the id as written matches nothing.
    const exact = findCatalogEntryById(parsed.id, entries);
    if (exact !== undefined || provider.resolveModelId === undefined) return exact ?? findCatalogEntry(ref, entries);
    return findCatalogEntry(ref, entries, await aliasesOf(provider, parsed.id));
  };

  async function* streamModel(ref: string, request: ChatRequest, callOptions: CallOptions): AsyncGenerator<StreamEvent, void, undefined> {
    const model = await resolveModel(ref);
    const provider = requireProvider(providers, model.provider);
    if (callOptions.signal?.aborted === true) {
      throw new BedrockKitError({ code: "aborted", message: "The call was aborted before it started.", hint: "Nothing to do; the caller cancelled it.", provider: provider.id });
    }
    yield* streamFromProvider(provider, model, request, contextWithAuth(provider, callOptions.signal));
  }

  const host: Host = {
    providers,
    async listModels(listOptions = {}) {
      const selected = listOptions.provider === undefined ? [...providers.values()] : [requireProvider(providers, listOptions.provider)];
      return toCatalogEntries(await Promise.all(selected.map(catalogOf)), logger);
    },
    resolveModel,
    stream: (ref, request, callOptions = {}) => streamModel(ref, request, callOptions),
    complete: (ref, request, callOptions = {}) => collectCompletion(streamModel(ref, request, callOptions)),
    async getRuntimeAuth(providerId, target = {}) {
      requireProvider(providers, providerId);
      return authCache.get(providerId, target);
    },
    doctor: () => runPreflights([...providers.values()], { timeoutMs: config.catalogTimeoutMs, contextFor: contextWithAuth }),
    redact: (text) => redactSecrets(mask.maskText(text)),
    async close() {
      authCache.clear();
      runningCatalogs.clear();
    },
  };
  return host;
}

function normalizeConfig(source: CreateHostOptions["config"], cwd: string): { config: HostConfig; path: string | undefined; dir: string } {
  if (isLoadedConfig(source)) return { config: validateHostConfig(source.config, source.path ?? "config"), path: source.path, dir: source.dir };
  return { config: validateHostConfig(source, "config"), path: undefined, dir: cwd };
}

function isLoadedConfig(source: CreateHostOptions["config"]): source is LoadedConfig {
  return typeof source === "object" && source !== null && "config" in source && "dir" in source;
}

function requireProvider(providers: ReadonlyMap<string, Provider>, id: string): Provider {
  const provider = providers.get(id);
  if (provider !== undefined) return provider;
  const suggestions = findCloseMatches(id, providers.keys());
  throw configError(
    `Unknown provider "${id}" (loaded: ${providers.size > 0 ? [...providers.keys()].join(", ") : "none"}).`,
    suggestions.length > 0 ? `Did you mean ${suggestions.join(" or ")}?` : "Add the plugin that provides it to `plugins` in the config file.",
  );
}
