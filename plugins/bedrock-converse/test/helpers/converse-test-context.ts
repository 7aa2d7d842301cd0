import { createNodeHttpTransport } from "@bedrock-kit/aws-auth";
import {
  parseSecretRef,
  type CatalogContext,
  type Env,
  type LogFields,
  type Logger,
  type ModelDefinition,
  type RuntimeAuth,
  type SecretRef,
  type StreamContext,
  type Transport,
} from "@bedrock-kit/plugin-host";
import { converseConfigSchema, type ConverseConfig } from "../../src/converse-config-schema.js";
import type { ConverseProvider } from "../../src/converse-provider.js";

/** Fake credentials (not real; shaped like AWS's documentation examples). */
export const TEST_CREDENTIALS = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE", // pragma: allowlist secret
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", // pragma: allowlist secret
};

/** A log line as captured. */
export interface LogLine {
  level: "debug" | "info" | "warn" | "error";
  message: string;
  fields?: LogFields;
}

/** A logger that records lines. */
export function capturingLogger(lines: LogLine[]): Logger {
  const at = (level: LogLine["level"]) => (message: string, fields?: LogFields) => {
    lines.push(fields === undefined ? { level, message } : { level, message, fields });
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

/** The host's resolver, reduced to `env:` references. */
function envResolver(env: Env) {
  return async (ref: SecretRef) => {
    const parsed = parseSecretRef(ref);
    if (parsed.kind !== "env") throw new Error(`test resolver only knows env: refs (${ref.toString()})`);
    const value = env[parsed.name]?.trim();
    return value === "" ? undefined : value;
  };
}

/** Everything a test needs around one provider. */
export interface TestHarness {
  context: CatalogContext<ConverseConfig> & StreamContext<ConverseConfig>;
  logs: LogLine[];
  /** How often the provider's prepareRuntimeAuth ran (the host caches per region). */
  authPreparations: () => number;
  /** Advance the fake clock. */
  advance: (ms: number) => void;
}

/** A context wired like the host does: validated config, cached runtime auth, injected clock/logger/env. */
export function createTestHarness(
  provider: ConverseProvider,
  options: { config?: Record<string, unknown>; env?: Env; transport?: Transport; now?: number; mode?: "merge" | "replace" } = {},
): TestHarness {
  let now = options.now ?? Date.parse("2026-03-01T12:00:00Z");
  let preparations = 0;
  const logs: LogLine[] = [];
  const env = options.env ?? {};
  const config = converseConfigSchema.parse(options.config ?? {});
  const authCache = new Map<string, Promise<RuntimeAuth>>();
  const base = {
    config,
    mode: options.mode ?? ("merge" as const),
    env,
    transport: options.transport ?? createNodeHttpTransport({ keepAlive: false }),
    clock: { now: () => now },
    logger: capturingLogger(logs),
    resolveSecret: envResolver(env),
  };
  const keyOf = (target: { model?: ModelDefinition; region?: string }) => target.region ?? target.model?.region ?? "provider";
  const context = {
    ...base,
    getAuth(target: { model?: ModelDefinition; region?: string }) {
      const key = keyOf(target);
      let auth = authCache.get(key);
      if (auth === undefined) {
        preparations++;
        auth = provider.prepareRuntimeAuth({ ...base, ...(target.model !== undefined && { model: target.model }), ...(target.region !== undefined && { region: target.region }) });
        auth.catch(() => authCache.delete(key));
        authCache.set(key, auth);
      }
      return auth;
    },
    invalidateAuth(target: { model?: ModelDefinition; region?: string }) {
      authCache.delete(keyOf(target));
    },
  };
  return { context, logs, authPreparations: () => preparations, advance: (ms) => (now += ms) };
}
