import type { ReasoningLevel } from "./chat-request.js";

/**
 * Output tokens for the answer itself when a request sets none. Never the model's cap: Bedrock
 * (Converse and Mantle alike) admits a call by reserving input tokens + max tokens against the
 * tokens-per-minute quota, so a cap-sized default throttles long before the quota is really used.
 * Shared so both plugins budget the same way (docs/adr/0402).
 */
export const DEFAULT_ANSWER_TOKENS = 4096;

/** Reasoning budget per level, in tokens (Anthropic's minimum `budget_tokens` is 1,024). */
export const THINKING_BUDGET_TOKENS: Readonly<Record<ReasoningLevel, number>> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16384,
  xhigh: 32768,
};

/** Anthropic's smallest accepted thinking budget. */
export const MINIMUM_THINKING_BUDGET = 1024;
