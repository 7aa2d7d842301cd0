import type { ReasoningLevel } from "@bedrock-kit/plugin-host";

/**
 * What the Converse wire code needs to know about a model beyond the contract's fields. The
 * provider's curated catalog fills it in (`ModelDefinition.compat`); the wire code reads it with
 * {@link readConverseCompat}.
 */
export interface ConverseModelCompat {
  /** How reasoning is requested in `additionalModelRequestFields`. Default `none`. */
  reasoningStyle?:
    | "anthropic-thinking" // thinking: {type: "enabled", budget_tokens}
    | "anthropic-adaptive" // thinking: {type: "adaptive"} + output_config.effort
    | "openai-effort" // reasoning_effort: "low"|"medium"|"high"
    | "nova" // reasoningConfig: {type: "enabled", maxReasoningEffort}
    | "none";
  /** The model rejects `temperature` (Opus 4.7 and later); dropped before sending. */
  rejectsTemperature?: boolean;
  /** The model rejects `topP` (pinned sampling); dropped before sending. */
  rejectsTopP?: boolean;
  /**
   * The model accepts `temperature` or `topP` but not both in one call (Claude 4.5 and 4.6: "temperature
   * and top_p cannot both be specified"); when a request sets both, `topP` is dropped before sending.
   */
  exclusiveSampling?: boolean;
  /** The model supports `cachePoint` blocks (prompt caching). */
  promptCache?: boolean;
  /** The model rejects tools on ConverseStream (Llama 4): call `/converse` and replay as events. */
  toolsRequireNonStreaming?: boolean;
  /** Reasoning blocks may be replayed only with a signature (Anthropic); others never get reasoning replayed. */
  replaySignedReasoning?: boolean;
  /**
   * Native structured output: the wire code sends Converse's `outputConfig.textFormat` (json_schema).
   * Without it, structured output goes through a forced synthetic `json` tool.
   */
  structuredOutput?: boolean;
  /** The model accepts tool definitions at all. Default true. */
  tools?: boolean;
  /**
   * `promptCache` models that take no `cachePoint` in `toolConfig.tools` (Amazon Nova caches only
   * system and messages). Default false: a cache point follows the tools too.
   */
  promptCacheSkipsTools?: boolean;
  /**
   * Per-level override of the effort string sent for `anthropic-adaptive` (`output_config.effort`),
   * `openai-effort` (`reasoning_effort`) and `nova` (`maxReasoningEffort`), for models whose scale
   * differs from the default (e.g. `{ xhigh: "xhigh" }` where `xhigh` exists).
   */
  reasoningEffortByLevel?: Partial<Record<ReasoningLevel, string>>;
}

/** Read a model's Converse compat with defaults applied. */
export function readConverseCompat(compat: Readonly<Record<string, unknown>> | undefined): ConverseModelCompat {
  return (compat ?? {}) as ConverseModelCompat;
}
