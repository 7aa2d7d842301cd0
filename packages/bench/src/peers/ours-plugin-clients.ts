import type {
  ChatRequest,
  Env,
  ModelApi,
  ModelDefinition,
  Provider,
  ProviderContext,
  RuntimeAuth,
  SecretRef,
  StreamContext,
  Transport,
} from "@bedrock-kit/plugin-host";
import {
  BENCH_AWS_CREDENTIALS,
  BENCH_BEARER_TOKEN,
  BENCH_MAX_TOKENS,
  BENCH_PROMPT,
  BENCH_REGION,
  PeerUnavailableError,
  type PeerSession,
} from "./peer-definition.js";

/**
 * Our plugins, driven exactly as a host drives them: import the package by name, take the default
 * export (a plugin), let it register its provider, validate the config with the provider's schema,
 * prepare runtime auth once (a host caches it), then call `provider.stream()` with the real
 * `node:http` transport from `@bedrock-kit/aws-auth`.
 */

/** Which of our plugins, and how it authenticates. */
export type OursVariant =
  | { plugin: "mantle"; api: Exclude<ModelApi, "bedrock-converse-stream"> }
  | { plugin: "converse"; auth: "bearer" | "sigv4" };

const PACKAGES = {
  mantle: "@bedrock-kit/plugin-bedrock-mantle",
  converse: "@bedrock-kit/plugin-bedrock-converse",
} as const;

function describe(error: unknown): string {
  return error instanceof Error ? error.message.split("\n")[0]! : String(error);
}

async function importOrGap(specifier: string): Promise<Record<string, unknown>> {
  try {
    return (await import(specifier)) as Record<string, unknown>;
  } catch (error) {
    throw new PeerUnavailableError(`${specifier} does not load (not built yet?): ${describe(error)}`);
  }
}

/** Loads a plugin package and returns the provider its default export registers. */
async function loadProvider(specifier: string): Promise<Provider> {
  const module = await importOrGap(specifier);
  const plugin = module.default as { register?: (api: { registerProvider(provider: Provider): void }) => void } | undefined;
  if (typeof plugin?.register !== "function") throw new PeerUnavailableError(`${specifier} has no default-exported plugin yet`);
  const providers: Provider[] = [];
  plugin.register({ registerProvider: (provider) => providers.push(provider as Provider) });
  if (providers.length !== 1) throw new PeerUnavailableError(`${specifier} registered ${providers.length} providers, expected 1`);
  return providers[0]!;
}

async function loadTransport(): Promise<Transport> {
  const auth = await importOrGap("@bedrock-kit/aws-auth");
  const create = auth.createNodeHttpTransport as ((options?: object) => Transport) | undefined;
  if (typeof create !== "function") throw new PeerUnavailableError("@bedrock-kit/aws-auth exports no createNodeHttpTransport");
  return create({ keepAlive: true });
}

const silentLogger = { debug() {}, info() {}, warn() {}, error() {} };

function resolveSecretFrom(env: Env) {
  return async (ref: SecretRef): Promise<string | undefined> => {
    if (typeof ref === "object") return ref.source === "env" ? env[ref.id] : undefined;
    if (ref.startsWith("env:")) return env[ref.slice(4).trim()];
    if (ref.startsWith("file:")) return undefined;
    return ref;
  };
}

function variantSetup(variant: OursVariant, baseUrl: string): { env: Env; rawConfig: unknown; api: ModelApi; modelBaseUrl: string } {
  if (variant.plugin === "mantle") {
    return {
      env: { AWS_BEARER_TOKEN_BEDROCK: BENCH_BEARER_TOKEN },
      rawConfig: { region: BENCH_REGION, apiKey: "env:AWS_BEARER_TOKEN_BEDROCK", baseUrl, discovery: { enabled: false } },
      api: variant.api,
      modelBaseUrl: variant.api === "anthropic-messages" ? `${baseUrl}/anthropic/v1` : `${baseUrl}/v1`,
    };
  }
  const env: Env =
    variant.auth === "bearer"
      ? { AWS_BEARER_TOKEN_BEDROCK: BENCH_BEARER_TOKEN }
      : { AWS_ACCESS_KEY_ID: BENCH_AWS_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: BENCH_AWS_CREDENTIALS.secretAccessKey };
  return {
    env,
    rawConfig: {
      region: BENCH_REGION,
      baseUrl,
      auth: { credentials: variant.auth === "bearer" ? ["env:AWS_BEARER_TOKEN_BEDROCK"] : ["aws-sigv4"] },
      discovery: { enabled: false },
    },
    api: "bedrock-converse-stream",
    modelBaseUrl: baseUrl,
  };
}

/** Creates a session on one of our providers. */
export async function createOursSession(variant: OursVariant, baseUrl: string): Promise<PeerSession> {
  const [provider, transport] = await Promise.all([loadProvider(PACKAGES[variant.plugin]), loadTransport()]);
  const setup = variantSetup(variant, baseUrl);
  const parsed = provider.configSchema.safeParse(setup.rawConfig);
  if (!parsed.success) throw new Error(`bench config rejected by ${provider.id}: ${parsed.error.message}`);
  const base: ProviderContext = {
    config: parsed.data,
    mode: "merge",
    env: setup.env,
    transport,
    clock: { now: () => Date.now() },
    logger: silentLogger,
    resolveSecret: resolveSecretFrom(setup.env),
  };
  const models = new Map<string, ModelDefinition>();
  const modelFor = (modelId: string): ModelDefinition => {
    let model = models.get(modelId);
    if (model === undefined) {
      model = {
        id: modelId,
        wireId: modelId,
        name: modelId,
        api: setup.api,
        baseUrl: setup.modelBaseUrl,
        reasoning: false,
        input: ["text"],
        contextWindow: 200_000,
        maxTokens: 8_192,
        region: BENCH_REGION,
        source: "config",
      };
      models.set(modelId, model);
    }
    return model;
  };
  // A host prepares auth once and serves it from its cache until it nears expiry.
  const auth: RuntimeAuth = await provider.prepareRuntimeAuth({ ...base, model: modelFor("bench.burst.5"), region: BENCH_REGION });
  // Make sure the variant measures the auth it claims to (a signer for SigV4, a bearer header otherwise).
  const signs = typeof auth.sign === "function";
  const wantsSigning = variant.plugin === "converse" && variant.auth === "sigv4";
  if (signs !== wantsSigning || (!wantsSigning && !auth.headers.authorization?.startsWith("Bearer "))) {
    throw new Error(`${provider.id} prepared ${signs ? "a SigV4 signer" : "no signer"} (source ${auth.source}) for the ${wantsSigning ? "SigV4" : "bearer"} variant`);
  }
  const context: StreamContext = { ...base, getAuth: async () => auth, invalidateAuth: () => {} };
  const request: ChatRequest = { messages: [{ role: "user", content: BENCH_PROMPT }], maxTokens: BENCH_MAX_TOKENS };
  return {
    async stream(modelId, onText) {
      let finished = false;
      for await (const event of provider.stream(modelFor(modelId), request, context)) {
        if (event.type === "text-delta") onText(event.text);
        else if (event.type === "finish") finished = true;
        else if (event.type === "error") throw event.error;
      }
      if (!finished) throw new Error("stream ended without a finish event");
    },
  };
}
