import type {
  ChatRequest,
  Clock,
  CompletionResult,
  Env,
  Logger,
  ModelDefinition,
  Plugin,
  PreflightReport,
  Provider,
  RuntimeAuth,
  StreamEvent,
  Transport,
} from "@bedrock-kit/plugin-host";
import type { HostConfig, HostConfigInput } from "../config/host-config-schema.js";
import type { LoadedConfig } from "../config/load-config-file.js";

/** One model in the host's catalog: the provider's definition plus its ref. */
export interface CatalogEntry extends ModelDefinition {
  /** `provider/id`, what users write to pick this model. */
  ref: string;
  /** The provider id. */
  provider: string;
}

/** What {@link createHost} takes. */
export interface CreateHostOptions {
  /** The config: as loaded by `loadConfigFile` (relative paths resolve from its folder), or a config object. */
  config: HostConfig | HostConfigInput | LoadedConfig;
  /** Environment variables; default `process.env`. */
  env?: Env;
  /** Logger; default JSON lines on stderr at `$BEDROCK_KIT_LOG` (default `warn`). Always wrapped in redaction. */
  logger?: Logger;
  /** HTTP transport handed to every provider; default: each plugin's own. */
  transport?: Transport;
  /** Time source; default `Date.now`. */
  clock?: Clock;
  /** Plugins already imported (tests, embedding); registered before those named in `config.plugins`. */
  plugins?: Plugin[];
  /** Folder for relative paths when `config` is a plain object; default `process.cwd()`. */
  cwd?: string;
  /** Refresh runtime auth this long before it expires; default 5 minutes. */
  authRefreshMarginMs?: number;
}

/** Options of one call. */
export interface CallOptions {
  /** Cancels the call. */
  signal?: AbortSignal;
}

/** The reference host: loaded plugins and their providers, behind one catalog and one call path. */
export interface Host {
  /** Registered providers by id, in load order. */
  providers: ReadonlyMap<string, Provider>;
  /** Every provider's catalog, run concurrently; a provider that returns null, fails or times out is left out. */
  listModels(options?: { provider?: string }): Promise<CatalogEntry[]>;
  /** Find a model by `provider/id` (the user-written id first, then the wire id); a `config` error with close matches when unknown. */
  resolveModel(ref: string): Promise<CatalogEntry>;
  /** Stream one call; rejects before the first event, ends with one `finish` or `error` event after it. */
  stream(ref: string, request: ChatRequest, options?: CallOptions): AsyncIterable<StreamEvent>;
  /** One call, collected into a plain answer. */
  complete(ref: string, request: ChatRequest, options?: CallOptions): Promise<CompletionResult>;
  /** Runtime auth for a provider through the host's cache (for hosts with their own transports). */
  getRuntimeAuth(providerId: string, target?: { model?: ModelDefinition; region?: string }): Promise<RuntimeAuth>;
  /** Every provider's health report; a provider that fails or times out gets a report with a failing check. */
  doctor(): Promise<PreflightReport[]>;
  /** Mask every secret this host has seen (resolved references, secret-named env vars) and every secret-shaped string. */
  redact(text: string): string;
  /** Drop cached auth and in-flight catalog bookkeeping; call when done with the host. */
  close(): Promise<void>;
}
