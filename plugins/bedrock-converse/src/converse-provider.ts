import type {
  ChatRequest,
  CompletionResult,
  ModelDefinition,
  Provider,
  StreamContext,
  StreamEvent,
} from "@bedrock-kit/plugin-host";
import { createAwsEndpointMemo } from "./aws-endpoint-memo.js";
import { CONVERSE_PROVIDER_ID, classifyConverseError } from "./classify-converse-error.js";
import { buildConverseCatalog } from "./converse-catalog.js";
import { completeWithRecovery } from "./converse-call.js";
import type { ConverseConfig } from "./converse-config-schema.js";
import { loadConverseConfigSchema } from "./load-converse-config-schema.js";
import { converseProviderPreflight } from "./converse-preflight.js";
import { CONVERSE_ENV_VARS, CONVERSE_PROVIDER_LABEL } from "./converse-provider-id.js";
import { resolveConverseModelId } from "./resolve-converse-model-id.js";
import { prepareConverseRuntimeAuth, type CredentialProviderFactory, type RoleSessions, type SignerIdentities } from "./converse-runtime-auth.js";
import { streamWithRecovery, type StreamConverse } from "./converse-stream.js";
import { createDiscoveryCache } from "./discovery-cache.js";
import type { ConverseCallInput } from "./wire/converse-wire.js";

/** The wire functions the provider drives (the real ones live in `./wire`). */
export interface ConverseWireFunctions {
  /** Streams one call as contract events; rejects before the first byte. */
  streamConverse(input: ConverseCallInput): AsyncIterable<StreamEvent>;
  /** One non-streaming call (`/converse`), as a completion. */
  completeConverse(input: ConverseCallInput): Promise<CompletionResult>;
}

/** Options of {@link createConverseProvider}; everything is for tests and embedding hosts. */
export interface ConverseProviderOptions {
  /** Builds the AWS credential chain for the `aws-sigv4` source; default: the lazy Node default chain. Called only when that source is reached. */
  credentialProviderFactory?: CredentialProviderFactory;
  /** Wire functions; default: the plugin's own, loaded on the first call. */
  wire?: ConverseWireFunctions;
}

/** The Converse provider: the contract's members plus a non-streaming `complete`. */
export interface ConverseProvider extends Provider<ConverseConfig> {
  /** One call through `/converse` (or a drained stream where the wire code decides), with cost and metadata. */
  complete(model: ModelDefinition, request: ChatRequest, context: StreamContext<ConverseConfig>): Promise<CompletionResult>;
  /** The catalog ids a user-written id stands for (`claude-sonnet-4.6` -> `anthropic.claude-sonnet-4-6`). */
  resolveModelId(id: string): string[];
}

/** Environment variables the provider reads. */
export { CONVERSE_ENV_VARS };

/** Create the `amazon-bedrock` provider (native Converse / ConverseStream). */
export function createConverseProvider(options: ConverseProviderOptions = {}): ConverseProvider {
  const identities: SignerIdentities = new WeakMap();
  const discoveryCache = createDiscoveryCache<ModelDefinition[]>();
  let wirePromise: Promise<ConverseWireFunctions> | undefined;
  // The wire code (decoder, request builder) stays off the import path of catalog-only hosts.
  const loadWire = (): Promise<ConverseWireFunctions> => {
    if (options.wire !== undefined) return Promise.resolve(options.wire);
    wirePromise ??= import("./wire/index.js");
    return wirePromise;
  };
  // Resolved once: later calls start without an await or a closure of their own.
  let streamConverse: StreamConverse | undefined =
    options.wire === undefined ? undefined : (input) => options.wire!.streamConverse(input);
  const loadStreamConverse = async (): Promise<StreamConverse> => {
    if (streamConverse !== undefined) return streamConverse;
    const wire = await loadWire();
    return (streamConverse = (input) => wire.streamConverse(input));
  };
  const roleSessions: RoleSessions = new Map();
  // Each call's signing region comes from its model's base URL: parsed once per URL, not per call.
  const streamOptions = { parseEndpoint: createAwsEndpointMemo() };
  const authDependencies = { identities, roleSessions, ...(options.credentialProviderFactory !== undefined && { credentialProviderFactory: options.credentialProviderFactory }) };

  const provider: ConverseProvider = {
    id: CONVERSE_PROVIDER_ID,
    label: CONVERSE_PROVIDER_LABEL,
    envVars: CONVERSE_ENV_VARS,
    // A getter: zod loads when the host first validates config, not when the plugin is imported.
    get configSchema() {
      return loadConverseConfigSchema();
    },
    catalog: (context) => buildConverseCatalog(context, { discoveryCache, identities }),
    prepareRuntimeAuth: (context) => prepareConverseRuntimeAuth(context, authDependencies),
    stream: (model, request, context) => streamWithRecovery(model, request, context, () => streamConverse ?? loadStreamConverse(), streamOptions),
    async complete(model, request, context) {
      const wire = await loadWire();
      return completeWithRecovery(model, request, context, (input) => wire.completeConverse(input), streamOptions.parseEndpoint);
    },
    classifyError: classifyConverseError,
    preflight: (context) => converseProviderPreflight(context, provider.catalog),
    resolveModelId: resolveConverseModelId,
  };
  return provider;
}
