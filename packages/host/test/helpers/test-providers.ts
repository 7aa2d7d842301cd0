import {
  BedrockKitError,
  definePlugin,
  mergeModelDefinitions,
  type CatalogContext,
  type Clock,
  type LogFields,
  type Logger,
  type ModelDefinition,
  type Plugin,
  type Provider,
  type ProviderCatalog,
  type RuntimeAuth,
  type RuntimeAuthContext,
  type StreamContext,
  type StreamEvent,
} from "@bedrock-kit/plugin-host";
import { configuredModelSchema, secretRefSchema } from "@bedrock-kit/plugin-host/config-schemas";
import { z } from "zod";

/** The config schema every test provider uses: a region, a key reference and configured models. */
export const testProviderConfigSchema = z
  .object({
    region: z.string().min(1).default("test-region-1"),
    apiKey: secretRefSchema.optional(),
    models: z.array(configuredModelSchema).default([]),
  })
  .strict();

/** A test provider's validated config. */
export type TestProviderConfig = z.output<typeof testProviderConfigSchema>;

/** A model definition with test defaults. */
export function testModel(id: string, overrides: Partial<ModelDefinition> = {}): ModelDefinition {
  return {
    id,
    wireId: `test.${id}-v1`,
    name: id,
    api: "openai-completions",
    baseUrl: "http://127.0.0.1:9/v1",
    reasoning: false,
    input: ["text"],
    contextWindow: 100_000,
    maxTokens: 4_096,
    source: "discovered",
    ...overrides,
  };
}

/** What a test provider does; every hook has a sensible default. */
export interface TestProviderOptions {
  id?: string;
  /** The "discovered" models, merged with configured ones through mergeModelDefinitions. */
  discovered?: ModelDefinition[];
  catalog?: (context: CatalogContext<TestProviderConfig>) => Promise<ProviderCatalog | null>;
  prepareRuntimeAuth?: (context: RuntimeAuthContext<TestProviderConfig>) => Promise<RuntimeAuth>;
  stream?: (model: ModelDefinition, context: StreamContext<TestProviderConfig>) => AsyncIterable<StreamEvent>;
  preflight?: Provider<TestProviderConfig>["preflight"];
}

/** A provider built from options, with call counters. */
export interface TestProvider extends Provider<TestProviderConfig> {
  calls: { catalog: number; prepareRuntimeAuth: number; stream: number };
  lastCatalogContext?: CatalogContext<TestProviderConfig>;
  lastStreamContext?: StreamContext<TestProviderConfig>;
}

/** The default catalog: discovered models merged with `config.models` in the configured mode. */
export async function mergingCatalog(context: CatalogContext<TestProviderConfig>, discovered: ModelDefinition[]): Promise<ProviderCatalog> {
  const complete = (entry: { id: string }): ModelDefinition => testModel(entry.id, { source: "config" });
  return { models: mergeModelDefinitions(discovered, context.config.models, context.mode, complete) };
}

export function createTestProvider(options: TestProviderOptions = {}): TestProvider {
  const id = options.id ?? "test-provider";
  const discovered = options.discovered ?? [testModel("alpha"), testModel("beta", { reasoning: true })];
  const provider: TestProvider = {
    id,
    label: `Test provider ${id}`,
    envVars: ["TEST_PROVIDER_KEY"],
    configSchema: testProviderConfigSchema,
    calls: { catalog: 0, prepareRuntimeAuth: 0, stream: 0 },
    async catalog(context) {
      provider.calls.catalog += 1;
      provider.lastCatalogContext = context;
      return options.catalog ? options.catalog(context) : mergingCatalog(context, discovered);
    },
    async prepareRuntimeAuth(context) {
      provider.calls.prepareRuntimeAuth += 1;
      if (options.prepareRuntimeAuth) return options.prepareRuntimeAuth(context);
      return { headers: { authorization: "Bearer test" }, source: "test", region: context.region ?? context.config.region };
    },
    stream(model, _request, context) {
      provider.calls.stream += 1;
      provider.lastStreamContext = context;
      if (options.stream) return options.stream(model, context);
      return echoStream(model);
    },
    classifyError(error) {
      return BedrockKitError.isInstance(error)
        ? error
        : new BedrockKitError({ code: "unavailable", message: error instanceof Error ? error.message : String(error), hint: "Retry.", provider: id });
    },
    async preflight(context) {
      if (options.preflight) return options.preflight(context);
      return { provider: id, regions: [context.config.region], endpoints: [], checks: [{ name: "credentials", status: "ok", detail: "test" }] };
    },
  };
  return provider;
}

/** A well-formed stream: start, two text deltas, finish. */
export async function* echoStream(model: ModelDefinition): AsyncGenerator<StreamEvent> {
  yield { type: "start", model: model.wireId, api: model.api };
  yield { type: "text-delta", index: 0, text: "hello " };
  yield { type: "text-delta", index: 0, text: "world" };
  yield { type: "finish", reason: "stop", usage: { input: 1, output: 2, cacheRead: 0, cacheWrite: 0 } };
}

/** A plugin registering `providers`, declared through definePlugin. */
export function pluginOf(id: string, ...providers: Provider<any>[]): Plugin {
  return definePlugin({
    id,
    name: `Test plugin ${id}`,
    register(api) {
      for (const provider of providers) api.registerProvider(provider);
    },
  });
}

/** One recorded log call. */
export interface LogRecord {
  level: "debug" | "info" | "warn" | "error";
  message: string;
  fields?: LogFields;
}

/** A logger that keeps every line. */
export function createRecordingLogger(): Logger & { records: LogRecord[] } {
  const records: LogRecord[] = [];
  const record = (level: LogRecord["level"]) => (message: string, fields?: LogFields) => void records.push({ level, message, fields });
  return { records, debug: record("debug"), info: record("info"), warn: record("warn"), error: record("error") };
}

/** A clock that moves only when told. */
export function createFakeClock(start = 1_700_000_000_000): Clock & { advance(ms: number): void; set(ms: number): void } {
  let now = start;
  return {
    now: () => now,
    advance(ms) {
      now += ms;
    },
    set(ms) {
      now = ms;
    },
  };
}
