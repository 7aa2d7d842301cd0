/**
 * What the Mantle wire adapters need to know about a model beyond the contract's fields. The
 * provider's model-knowledge table fills it in (`ModelDefinition.compat`); adapters read it with
 * {@link readMantleCompat}, which supplies safe defaults for missing fields.
 */
export interface MantleModelCompat {
  /** Chat Completions: which field carries the output cap (GPT-5.6 rejects `max_tokens`). Default `max_tokens`. */
  maxTokensField?: "max_tokens" | "max_completion_tokens";
  /** The model rejects `temperature` (Opus 4.7 and later); the adapter drops it. */
  rejectsTemperature?: boolean;
  /** The model rejects `top_p`; the adapter drops it. */
  rejectsTopP?: boolean;
  /** Anthropic Messages: `enabled` (budget_tokens) or `adaptive` (+ `output_config.effort`) thinking. Default `enabled`. */
  thinkingStyle?: "enabled" | "adaptive";
  /** Chat Completions / Responses: the model accepts `reasoning_effort` / `reasoning.effort`. Default: the model's `reasoning` flag. */
  acceptsReasoningEffort?: boolean;
  /** Responses: send `reasoning.summary: "auto"` (only on `/openai/v1`). */
  reasoningSummary?: boolean;
  /** Structured output is supported on this model. Default true. */
  structuredOutput?: boolean;
  /**
   * The wire effort value per reasoning level, for models whose accepted values differ from the
   * adapters' conservative defaults (OpenAI: `minimal`→`low`, `xhigh`→`high`, since gpt-oss takes only
   * low/medium/high; Anthropic adaptive: `minimal`→`low`, `xhigh`→`max`). E.g. GPT-5.2+:
   * `{ minimal: "minimal", xhigh: "xhigh" }`; Opus 4.7: `{ xhigh: "xhigh" }`.
   */
  reasoningEffortValues?: Partial<Record<"minimal" | "low" | "medium" | "high" | "xhigh", string>>;
}

/** Read a model's Mantle compat with defaults applied. */
export function readMantleCompat(compat: Readonly<Record<string, unknown>> | undefined): MantleModelCompat {
  return (compat ?? {}) as MantleModelCompat;
}
