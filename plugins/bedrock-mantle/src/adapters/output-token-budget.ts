import { DEFAULT_ANSWER_TOKENS, MINIMUM_THINKING_BUDGET, THINKING_BUDGET_TOKENS, type ChatRequest, type ModelDefinition, type ReasoningLevel } from "@bedrock-kit/plugin-host";
import type { MantleModelCompat } from "../mantle-model-compat.js";
import { invalidRequestError } from "./adapter-errors.js";

// The budgets are shared by both plugins; they live in the contract.
export { DEFAULT_ANSWER_TOKENS, THINKING_BUDGET_TOKENS };

/** Reasoning effort OpenAI-family reasoning models use when the request names none. */
const OPENAI_DEFAULT_EFFORT: ReasoningLevel = "medium";

const OPENAI_EFFORT: Readonly<Record<ReasoningLevel, string>> = {
  minimal: "low",
  low: "low",
  medium: "medium",
  high: "high",
  xhigh: "high",
};

const ANTHROPIC_EFFORT: Readonly<Record<ReasoningLevel, string>> = {
  minimal: "low",
  low: "low",
  medium: "medium",
  high: "high",
  xhigh: "max",
};

/** The level to send, or undefined when the model does not reason or the request asks for nothing. */
export function requestedReasoningLevel(model: ModelDefinition, request: ChatRequest): ReasoningLevel | undefined {
  return model.reasoning ? request.reasoning : undefined;
}

/** The wire effort for a level, honouring the model's compat overrides. */
export function reasoningEffortValue(level: ReasoningLevel, family: "openai" | "anthropic", compat: MantleModelCompat): string {
  return compat.reasoningEffortValues?.[level] ?? (family === "openai" ? OPENAI_EFFORT : ANTHROPIC_EFFORT)[level];
}

function capped(model: ModelDefinition, tokens: number): number {
  return model.maxTokens > 0 ? Math.min(model.maxTokens, tokens) : tokens;
}

/**
 * `max_tokens` / `max_completion_tokens` / `max_output_tokens` for the OpenAI APIs. Their reasoning
 * tokens count against it, so the default for a reasoning model adds the level's budget (models
 * reason at medium effort when asked nothing).
 */
export function openAiMaxOutputTokens(model: ModelDefinition, request: ChatRequest): number {
  if (request.maxTokens !== undefined) return request.maxTokens;
  const reasoning = model.reasoning ? THINKING_BUDGET_TOKENS[request.reasoning ?? OPENAI_DEFAULT_EFFORT] : 0;
  return capped(model, DEFAULT_ANSWER_TOKENS + reasoning);
}

/** Anthropic `max_tokens` and, with `enabled` thinking, the `budget_tokens` that fits under it. */
export interface AnthropicTokenPlan {
  /** `max_tokens`. */
  maxTokens: number;
  /** `thinking.budget_tokens` (enabled style only). */
  budgetTokens?: number;
}

/**
 * Anthropic counts thinking inside `max_tokens` and requires `budget_tokens < max_tokens`, so the
 * budget is added on top of the answer's share and `max_tokens` is raised to fit, up to the cap;
 * at the cap the budget shrinks so the answer keeps at least a little room.
 */
export function anthropicTokenPlan(model: ModelDefinition, request: ChatRequest, thinking: "enabled" | "adaptive" | undefined): AnthropicTokenPlan {
  const answerTokens = request.maxTokens ?? capped(model, DEFAULT_ANSWER_TOKENS);
  if (thinking === undefined) return { maxTokens: answerTokens };
  const level = request.reasoning ?? "medium";
  const wanted = THINKING_BUDGET_TOKENS[level];
  const maxTokens = capped(model, answerTokens + wanted);
  if (thinking === "adaptive") return { maxTokens };
  const answerFloor = Math.min(answerTokens, MINIMUM_THINKING_BUDGET);
  const budgetTokens = Math.min(wanted, maxTokens - answerFloor);
  if (budgetTokens < MINIMUM_THINKING_BUDGET) {
    throw invalidRequestError(
      `maxTokens ${maxTokens} leaves no room for a thinking budget of at least ${MINIMUM_THINKING_BUDGET} tokens on ${model.wireId}.`,
      `Raise maxTokens above ${MINIMUM_THINKING_BUDGET * 2}, or omit the reasoning level.`,
    );
  }
  return { maxTokens, budgetTokens };
}
