import type { BedrockKitError } from "@bedrock-kit/plugin-host";
import { classifyBeforeLoad, deferStream, implementationLoadError } from "@bedrock-kit/plugin-host/lazy-provider";
import type { ConverseProvider } from "./converse-provider.js";
import { loadConverseConfigSchema } from "./load-converse-config-schema.js";

// The implementation's identity, repeated so that reading it loads nothing (converse-provider.ts and
// classify-converse-error.ts, where it lives, pull in the call path). A test keeps the copies equal.
const CONVERSE_PROVIDER_ID = "amazon-bedrock";
const CONVERSE_PROVIDER_LABEL = "Amazon Bedrock (Converse)";
const CONVERSE_ENV_VARS: readonly string[] = [
  "AWS_BEARER_TOKEN_BEDROCK",
  "BEDROCK_API_KEY",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_PROFILE",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
];

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
  let implementation: ConverseProvider | undefined;
  let loading: Promise<ConverseProvider> | undefined;
  const load = (): Promise<ConverseProvider> => {
    if (implementation !== undefined) return Promise.resolve(implementation);
    loading ??= loadProvider().then(
      (loaded) => (implementation = loaded),
      (error: unknown) => {
        // Forget the failure so a later call tries again (the install may have been repaired).
        loading = undefined;
        throw implementationLoadError(error, CONVERSE_PROVIDER_ID, PACKAGE_NAME);
      },
    );
    return loading;
  };

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
      implementation !== undefined
        ? implementation.stream(model, request, context)
        : deferStream(async () => (await load()).stream(model, request, context)),
    classifyError: (error): BedrockKitError => (implementation !== undefined ? implementation.classifyError(error) : classifyBeforeLoad(error, CONVERSE_PROVIDER_ID)),
    preflight: async (context) => (await load()).preflight(context),
    complete: async (model, request, context) => (await load()).complete(model, request, context),
    resolveModelId: async (id) => (await load()).resolveModelId(id),
  };
}
