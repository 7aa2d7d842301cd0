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
  /** The model supports `cachePoint` blocks (prompt caching). */
  promptCache?: boolean;
  /** The model rejects tools on ConverseStream (Llama 4): call `/converse` and replay as events. */
  toolsRequireNonStreaming?: boolean;
  /** Reasoning blocks may be replayed only with a signature (Anthropic); others never get reasoning replayed. */
  replaySignedReasoning?: boolean;
  /** Native structured output via `outputConfig`/`output_config.format` is supported. */
  structuredOutput?: boolean;
  /** The model accepts tool definitions at all. Default true. */
  tools?: boolean;
}

/** Read a model's Converse compat with defaults applied. */
export function readConverseCompat(compat: Readonly<Record<string, unknown>> | undefined): ConverseModelCompat {
  return (compat ?? {}) as ConverseModelCompat;
}
