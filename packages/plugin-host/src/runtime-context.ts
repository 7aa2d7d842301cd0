import type { ModelDefinition } from "./model-definition.js";
import type { SecretResolver } from "./secret-reference.js";
import type { Transport, TransportRequest } from "./transport.js";

/** A source of time, injected so tests can freeze or advance it. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

/** Structured fields attached to a log line. Values are redacted by the logger's owner. */
export type LogFields = Readonly<Record<string, unknown>>;

/** A leveled, structured logger. Plugins log through this only. */
export interface Logger {
  /** Diagnostic detail (skips, cache hits, per-call metadata). */
  debug(message: string, fields?: LogFields): void;
  /** Notable events. */
  info(message: string, fields?: LogFields): void;
  /** Something the user should look at. */
  warn(message: string, fields?: LogFields): void;
  /** A failure. */
  error(message: string, fields?: LogFields): void;
}

/** Environment variables, read-only. */
export type Env = Readonly<Record<string, string | undefined>>;

/** What every provider hook receives: its config and the host's injected services. */
export interface ProviderContext<Config = unknown> {
  /** The provider's validated entry from `models.providers[id]` (defaults applied). */
  config: Config;
  /** How configured models combine with discovered ones. */
  mode: "merge" | "replace";
  /** Environment variables. */
  env: Env;
  /** HTTP transport; the plugin's default (`node:http`) when the host passes none. */
  transport?: Transport;
  /** Time source. */
  clock: Clock;
  /** Logger. */
  logger: Logger;
  /** The host's secret resolver (`env:`, `file:` and object forms). */
  resolveSecret: SecretResolver;
  /** Cancels the hook. */
  signal?: AbortSignal;
}

/** A request about to be sent, as a signer sees it. */
export type SignableRequest = Pick<TransportRequest, "method" | "url" | "headers" | "body">;

/**
 * What requests need to authenticate: fixed headers (a bearer token) and/or a signer (SigV4)
 * that returns headers for the exact request bytes.
 */
export interface RuntimeAuth {
  /** Headers added to every request (e.g. `authorization: Bearer …`). */
  headers: Record<string, string>;
  /** Signs one request; returns the headers to add. Present for SigV4. */
  sign?: (request: SignableRequest) => Record<string, string>;
  /** When this auth stops working (ms since epoch); the host refreshes before it. Unset: never expires. */
  expiresAt?: number;
  /** Which credential source produced it, for `doctor` (never the secret). */
  source: string;
  /** The AWS region it is valid for, when region-scoped. */
  region?: string;
}

/** Context of `prepareRuntimeAuth`: for which model (and so which region) auth is needed. */
export interface RuntimeAuthContext<Config = unknown> extends ProviderContext<Config> {
  /** The model about to be called; unset for discovery and preflight. */
  model?: ModelDefinition;
  /** The region auth is needed for; unset means the provider's region. */
  region?: string;
}

/** Gets runtime auth through the host's cache (refreshed before expiry, single-flight). */
export interface RuntimeAuthAccess {
  /** Current auth for a model or region (discovery passes only a region). */
  getAuth(target: { model?: ModelDefinition; region?: string }): Promise<RuntimeAuth>;
  /** Drop cached auth after the upstream rejected it (401), so the next `getAuth` prepares anew. */
  invalidateAuth(target: { model?: ModelDefinition; region?: string }): void;
}

/** Context of `catalog` and `preflight`. */
export interface CatalogContext<Config = unknown> extends ProviderContext<Config>, RuntimeAuthAccess {}

/** Context of `stream`. */
export interface StreamContext<Config = unknown> extends ProviderContext<Config>, RuntimeAuthAccess {}
