import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  parseSecretRef,
  type CatalogContext,
  type Env,
  type LogFields,
  type Logger,
  type ModelDefinition,
  type Provider,
  type RuntimeAuth,
  type SecretRef,
  type StreamContext,
  type Transport,
} from "@bedrock-kit/plugin-host";
import { mantleConfigSchema, type MantleConfig, type MantleConfigInput } from "../../src/mantle-config-schema.js";

/** The repository's fixtures folder for Mantle. */
export const MANTLE_FIXTURES = fileURLToPath(new URL("../../../../fixtures/mantle/", import.meta.url));

/** Read a fixture file as text. */
export function readFixture(relativePath: string): string {
  return readFileSync(MANTLE_FIXTURES + relativePath, "utf8");
}

/** A clock tests move by hand. */
export class FakeClock {
  constructor(public current = Date.UTC(2026, 6, 1, 12, 0, 0)) {}
  now(): number {
    return this.current;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/** A logger that keeps its lines. */
export class RecordingLogger implements Logger {
  readonly lines: Array<{ level: string; message: string; fields?: LogFields }> = [];
  debug(message: string, fields?: LogFields): void {
    this.lines.push({ level: "debug", message, ...(fields && { fields }) });
  }
  info(message: string, fields?: LogFields): void {
    this.lines.push({ level: "info", message, ...(fields && { fields }) });
  }
  warn(message: string, fields?: LogFields): void {
    this.lines.push({ level: "warn", message, ...(fields && { fields }) });
  }
  error(message: string, fields?: LogFields): void {
    this.lines.push({ level: "error", message, ...(fields && { fields }) });
  }
}

/** What {@link createTestContext} builds on. */
export interface TestContextOptions {
  config?: MantleConfigInput;
  env?: Env;
  mode?: "merge" | "replace";
  transport?: Transport;
  clock?: FakeClock;
  signal?: AbortSignal;
  files?: Record<string, string>;
}

/** A test context plus what it recorded. */
export interface TestContext extends StreamContext<MantleConfig>, CatalogContext<MantleConfig> {
  logger: RecordingLogger;
  clock: FakeClock;
  /** How many times `prepareRuntimeAuth` ran. */
  prepareCount: () => number;
  /** How many times `invalidateAuth` ran. */
  invalidations: () => number;
}

/**
 * A host-like context: validated config, an env-only secret resolver, and `getAuth` cached per region
 * (single-flight, refreshed at `expiresAt`) over the provider's own `prepareRuntimeAuth`, as the host does.
 */
export function createTestContext(provider: Provider<MantleConfig>, options: TestContextOptions = {}): TestContext {
  const config = mantleConfigSchema.parse(options.config ?? {});
  const env = options.env ?? {};
  const clock = options.clock ?? new FakeClock();
  const logger = new RecordingLogger();
  const cache = new Map<string, Promise<RuntimeAuth>>();
  let prepared = 0;
  let invalidated = 0;
  const resolveSecret = async (ref: SecretRef): Promise<string | undefined> => {
    const parsed = parseSecretRef(ref);
    const value = parsed.kind === "env" ? env[parsed.name] : parsed.kind === "file" ? options.files?.[parsed.path] : parsed.value;
    return value === undefined || value.trim() === "" ? undefined : value.trim();
  };
  const keyOf = (target: { model?: ModelDefinition; region?: string }) => target.model?.region ?? target.region ?? "";
  const context: TestContext = {
    config,
    mode: options.mode ?? "merge",
    env,
    clock,
    logger,
    resolveSecret,
    ...(options.transport !== undefined && { transport: options.transport }),
    ...(options.signal !== undefined && { signal: options.signal }),
    getAuth(target) {
      const key = keyOf(target);
      let pending = cache.get(key);
      if (pending === undefined) {
        prepared += 1;
        pending = provider.prepareRuntimeAuth({ ...context, ...target });
        pending.catch(() => cache.delete(key));
        cache.set(key, pending);
      }
      return pending.then((auth) => {
        if (auth.expiresAt !== undefined && auth.expiresAt <= clock.now()) {
          cache.delete(key);
          return context.getAuth(target);
        }
        return auth;
      });
    },
    invalidateAuth(target) {
      invalidated += 1;
      cache.delete(keyOf(target));
    },
    prepareCount: () => prepared,
    invalidations: () => invalidated,
  };
  return context;
}

/** Static fake AWS credentials (never real). */
export const FAKE_CREDENTIALS = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", // pragma: allowlist secret
} as const;

/** A fake Bedrock API key (never real). */
export const FAKE_API_KEY = "ABSKQmVkcm9ja0FQSUtleS1mYWtlLWZvci10ZXN0cw=="; // pragma: allowlist secret
