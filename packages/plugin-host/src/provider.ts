import type { z } from "zod";
import type { ChatRequest } from "./chat-request.js";
import type { BedrockKitError, ErrorCode } from "./errors.js";
import type { ModelDefinition, ModelCost } from "./model-definition.js";
import type { CatalogContext, RuntimeAuth, RuntimeAuthContext, StreamContext } from "./runtime-context.js";
import type { StreamEvent } from "./stream-events.js";

/** A provider's models. */
export interface ProviderCatalog {
  /** The merged list: discovered, curated and configured. */
  models: ModelDefinition[];
}

/** One line of a health report. */
export interface PreflightCheck {
  /** What was checked (`credentials`, `region`, `endpoint`, `models`…). */
  name: string;
  /** Outcome. */
  status: "ok" | "warn" | "fail" | "skip";
  /** What was found, never a secret (e.g. `env:AWS_BEARER_TOKEN_BEDROCK`, `us-east-1`, `42 models`). */
  detail: string;
  /** What to do, when not ok. */
  hint?: string;
  /** The region the check is about, when the provider serves several (unset: the provider as a whole). */
  region?: string;
  /** The classified error behind a failing check, so a host can raise it with the right code (`auth`, `unavailable`…). */
  code?: ErrorCode;
}

/** One region's facts in a report, for providers that serve several regions. */
export interface PreflightRegionReport {
  /** The region. */
  region: string;
  /** The endpoint base URL called in this region. */
  endpoint?: string;
  /** The credential source that won for this region, named as config names it (and the assumed role, if any). */
  credentialSource?: string;
  /** Number of catalog models whose calls go to this region. */
  modelCount?: number;
  /** Prices in force per model id in this region, where known. */
  prices?: Record<string, ModelCost | undefined>;
}

/** The outcome of `preflight`, for `doctor`. */
export interface PreflightReport {
  /** Provider id. */
  provider: string;
  /** The credential source that won, named as config names it (never the secret). */
  credentialSource?: string;
  /** The region(s) used. */
  regions: string[];
  /** Endpoint base URL(s) probed. */
  endpoints: string[];
  /** Number of models the catalog would list. */
  modelCount?: number;
  /** Prices in force per model id, where known. */
  prices?: Record<string, ModelCost | undefined>;
  /** The individual checks, every region's included (each tagged with its `region`). */
  checks: PreflightCheck[];
  /** Per-region facts, one entry per region the provider serves (primary first); absent for single-region plugins. */
  regionReports?: PreflightRegionReport[];
}

/** A non-streaming answer, for hosts that need one; built from the same events. */
export interface CompletionResult {
  /** Answer text. */
  text: string;
  /** Reasoning text, if any. */
  reasoning: string;
  /** Tool calls, in order. */
  toolCalls: Array<{ id: string; name: string; arguments: unknown }>;
  /** The terminal finish event. */
  finish: Extract<StreamEvent, { type: "finish" }>;
}

/**
 * A model provider. Plugins register these; the host orchestrates them.
 * `Config` is the type of the provider's entry in `models.providers[id]`.
 */
export interface Provider<Config = unknown> {
  /** Stable id, the key in `models.providers` and the first part of model refs (`amazon-bedrock-mantle`). */
  id: string;
  /** Human-readable name. */
  label: string;
  /** Environment variables the provider reads, for host UIs and `doctor`. */
  envVars: readonly string[];
  /** Zod schema of the provider's config entry; the host validates the entry with it before anything runs. */
  configSchema: z.ZodType<Config>;
  /**
   * The provider's models, or `null` to be skipped silently (no credential, unsupported region,
   * endpoint down, empty list). Must not throw for those; the host bounds it by a timeout.
   */
  catalog(context: CatalogContext<Config>): Promise<ProviderCatalog | null>;
  /**
   * What a request needs to authenticate. The host caches it until shortly before `expiresAt`
   * and refreshes single-flight. Every request path (discovery included) goes through it.
   */
  prepareRuntimeAuth(context: RuntimeAuthContext<Config>): Promise<RuntimeAuth>;
  /**
   * Streams one call. Rejects before the first byte with a `BedrockKitError`; after it, yields
   * one `error` event and ends. Honours `context.signal`.
   */
  stream(model: ModelDefinition, request: ChatRequest, context: StreamContext<Config>): AsyncIterable<StreamEvent>;
  /** Maps any failure to a classified error with a stable code and a hint. */
  classifyError(error: unknown): BedrockKitError;
  /** Health report for `doctor`: credential source, region, endpoint reachability, model count. */
  preflight(context: CatalogContext<Config>): Promise<PreflightReport>;
  /**
   * The catalog ids or wire ids a user-written id may stand for, best first (`claude-opus-4.7` ->
   * `anthropic.claude-opus-4-7`), so short refs work without configuring an alias. The host asks
   * only when a ref's id matches no catalog entry. Optional: without it, refs must name a catalog
   * id or wire id.
   */
  resolveModelId?(id: string): string[] | Promise<string[]>;
}
