import type { BedrockKitError } from "@bedrock-kit/plugin-host";
import { classifyBeforeLoad, createImplementationLoader, deferStream } from "@bedrock-kit/plugin-host/lazy-provider";
import { loadMantleConfigSchema } from "./load-mantle-config-schema.js";
import { MANTLE_ENV_VARS, MANTLE_PROVIDER_ID, MANTLE_PROVIDER_LABEL } from "./mantle-provider-id.js";
import type { MantleProvider } from "./mantle-provider.js";

const PACKAGE_NAME = "@bedrock-kit/plugin-bedrock-mantle";

/**
 * What the plugin registers: the Mantle provider's contract and its async helpers, without
 * `describeModel` (synchronous, so it cannot wait for the implementation; use `createMantleProvider`
 * from `@bedrock-kit/plugin-bedrock-mantle/provider` for it).
 */
export type LazyMantleProvider = Omit<MantleProvider, "describeModel" | "resolveModelId"> & {
  /** As the implementation's, once it has loaded. */
  resolveModelId(id: string): Promise<string[]>;
};

/** Options of {@link createLazyMantleProvider}. */
export interface LazyMantleProviderOptions {
  /** Loads the real provider (default: `createMantleProvider()` from `./mantle-provider.js`, imported on first use). */
  loadProvider?: () => Promise<MantleProvider>;
}

async function loadDefaultProvider(): Promise<MantleProvider> {
  const { createMantleProvider } = await import("./mantle-provider.js");
  return createMantleProvider();
}

/**
 * The `amazon-bedrock-mantle` provider with its implementation loaded on first use
 * (docs/adr/0910-lazy-plugin-entry.md). Id, label, env vars and config schema are here at once;
 * each method loads the real provider (once per instance: its caches live in that instance) and
 * hands over to it. Once loaded, `stream` returns the real stream itself.
 */
export function createLazyMantleProvider(options: LazyMantleProviderOptions = {}): LazyMantleProvider {
  const loadProvider = options.loadProvider ?? loadDefaultProvider;
  const implementation = createImplementationLoader(loadProvider, MANTLE_PROVIDER_ID, PACKAGE_NAME);
  const load = (): Promise<MantleProvider> => implementation.load();

  return {
    id: MANTLE_PROVIDER_ID,
    label: MANTLE_PROVIDER_LABEL,
    envVars: MANTLE_ENV_VARS,
    // A getter: zod loads when the host first validates config (docs/adr/0900), the implementation not even then.
    get configSchema() {
      return loadMantleConfigSchema();
    },
    catalog: async (context) => (await load()).catalog(context),
    prepareRuntimeAuth: async (context) => (await load()).prepareRuntimeAuth(context),
    stream: (model, request, context) =>
      implementation.loaded !== undefined
        ? implementation.loaded.stream(model, request, context)
        : deferStream(async () => (await load()).stream(model, request, context)),
    classifyError: (error): BedrockKitError => (implementation.loaded !== undefined ? implementation.loaded.classifyError(error) : classifyBeforeLoad(error, MANTLE_PROVIDER_ID)),
    preflight: async (context) => (await load()).preflight(context),
    complete: async (model, request, context) => (await load()).complete(model, request, context),
    countTokens: async (model, request, context) => (await load()).countTokens(model, request, context),
    resolveModelId: async (id) => (await load()).resolveModelId(id),
  };
}
