/**
 * The wire API a model is called with. Each value names one request/stream format:
 * - `openai-completions`: OpenAI Chat Completions (`POST …/chat/completions`).
 * - `openai-responses`: OpenAI Responses (`POST …/responses`).
 * - `anthropic-messages`: Anthropic Messages (`POST …/messages`).
 * - `bedrock-converse-stream`: Bedrock Converse / ConverseStream (`POST /model/{id}/converse-stream`).
 */
export type ModelApi =
  | "openai-completions"
  | "openai-responses"
  | "anthropic-messages"
  | "bedrock-converse-stream";

/** Every {@link ModelApi} value, for validation and help text. */
export const MODEL_APIS: readonly ModelApi[] = [
  "openai-completions",
  "openai-responses",
  "anthropic-messages",
  "bedrock-converse-stream",
];

/** An input modality a model accepts. */
export type ModelInput = "text" | "image";

/** Where a catalog entry came from. */
export type ModelSource =
  /** Listed by the provider's discovery endpoint. */
  | "discovered"
  /** Written by the user in `models.providers[id].models`. */
  | "config"
  /** From the plugin's built-in curated catalog or model-knowledge table. */
  | "catalog";

/** Prices in US dollars per million tokens. */
export interface ModelCost {
  /** USD per million uncached input tokens. */
  input: number;
  /** USD per million output tokens (reasoning tokens included). */
  output: number;
  /** USD per million input tokens read from the prompt cache. */
  cacheRead: number;
  /** USD per million input tokens written to the prompt cache. */
  cacheWrite: number;
}

/**
 * One model as a host sees it: what to call, where, and what it can do. Hosts that have their
 * own transports use `api`, `baseUrl` and `wireId` directly; others call the provider's `stream()`.
 */
export interface ModelDefinition {
  /** The id the user writes after `provider/` in a model ref (e.g. `claude-opus-4.7`). */
  id: string;
  /** The id sent upstream (e.g. `anthropic.claude-opus-4-7`); equals `id` when no mapping applies. */
  wireId: string;
  /** Human-readable name. */
  name: string;
  /** The wire API this model really lives on. */
  api: ModelApi;
  /** Base URL of that API for this model, without the operation path (e.g. `https://bedrock-mantle.us-east-1.api.aws/openai/v1`). */
  baseUrl: string;
  /** Whether the model produces reasoning (thinking) output and accepts a reasoning level. */
  reasoning: boolean;
  /** Input modalities accepted. */
  input: ModelInput[];
  /** Prices per million tokens; `undefined` means unknown (never reported as zero). */
  cost?: ModelCost;
  /** Context window in tokens. */
  contextWindow: number;
  /** Maximum output tokens per call. */
  maxTokens: number;
  /** AWS region the model is called in; unset means the provider's region. */
  region?: string;
  /** Where this entry came from. */
  source: ModelSource;
  /**
   * True when `contextWindow`/`maxTokens` are conservative defaults for an id the plugin does
   * not know, so a host can warn instead of trusting them.
   */
  defaultsAssumed?: boolean;
  /** Plugin-specific knowledge the plugin's own adapters use (sampling limits, cache support…). Opaque to hosts. */
  compat?: Readonly<Record<string, unknown>>;
}

/**
 * A model entry as a user writes it in config: everything but `id` is optional and overrides the
 * plugin's knowledge field by field.
 */
export interface ConfiguredModel extends Partial<Omit<ModelDefinition, "id" | "source" | "cost">> {
  /** The id the user writes after `provider/`. */
  id: string;
  /**
   * Prices that override the known ones field by field (`{ cacheWrite: 3.75 }` changes only that);
   * a model left without an input or output price reports its cost as unknown.
   */
  cost?: Partial<ModelCost>;
}
