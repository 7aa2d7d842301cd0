import type { BedrockKitError } from "@bedrock-kit/plugin-host";
import { classifyBeforeLoad, createImplementationLoader, deferStream } from "@bedrock-kit/plugin-host/lazy-provider";
import type { ConverseProvider } from "./converse-provider.js";
import { CONVERSE_ENV_VARS, CONVERSE_PROVIDER_ID, CONVERSE_PROVIDER_LABEL } from "./converse-provider-id.js";
import { loadConverseConfigSchema } from "./load-converse-config-schema.js";

const PACKAGE_NAME = "@bedrock-kit/plugin-bedrock-converse";

/** Options of {@link createLazyConverseProvider}. */
export interface LazyConverseProviderOptions {
  /** Loads the real provider (default: `createConverseProvider()` from `./converse-provider.js`, imported on first use). */
  loadProvider?: () => Promise<ConverseProvider>;
}

async function loadDefaultProvider(): Promise<ConverseProvider> {
  const { createConverseProvider } = await import("./converse-provider.js");
  return createConverseProvider();
}

/** What the plugin registers: the Converse provider, with `resolveModelId` waiting for the implementation. */
export type LazyConverseProvider = Omit<ConverseProvider, "resolveModelId"> & {
  /** As the implementation's, once it has loaded. */
  resolveModelId(id: string): Promise<string[]>;
};

/**
 * The `amazon-bedrock` provider with its implementation loaded on first use
 * (docs/adr/0910-lazy-plugin-entry.md). Id, label, env vars and config schema are here at once;
 * each method loads the real provider (once per instance: its caches live in that instance) and
 * hands over to it. Once loaded, `stream` returns the real stream itself.
 */
export function createLazyConverseProvider(options: LazyConverseProviderOptions = {}): LazyConverseProvider {
  const loadProvider = options.loadProvider ?? loadDefaultProvider;
  const implementation = createImplementationLoader(loadProvider, CONVERSE_PROVIDER_ID, PACKAGE_NAME);
  const load = (): Promise<ConverseProvider> => implementation.load();

  return {
    id: CONVERSE_PROVIDER_ID,
    label: CONVERSE_PROVIDER_LABEL,
    envVars: CONVERSE_ENV_VARS,
    // A getter: zod loads when the host first validates config (docs/adr/0900), the implementation not even then.
    get configSchema() {
      return loadConverseConfigSchema();
    },
    catalog: async (context) => (await load()).catalog(context),
    prepareRuntimeAuth: async (context) => (await load()).prepareRuntimeAuth(context),
    stream: (model, request, context) =>
      implementation.loaded !== undefined
        ? implementation.loaded.stream(model, request, context)
        : deferStream(async () => (await load()).stream(model, request, context)),
    classifyError: (error): BedrockKitError => (implementation.loaded !== undefined ? implementation.loaded.classifyError(error) : classifyBeforeLoad(error, CONVERSE_PROVIDER_ID)),
    preflight: async (context) => (await load()).preflight(context),
    complete: async (model, request, context) => (await load()).complete(model, request, context),
    resolveModelId: async (id) => (await load()).resolveModelId(id),
  };
}
