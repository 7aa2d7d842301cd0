import { DEFAULT_ANSWER_TOKENS, MINIMUM_THINKING_BUDGET, THINKING_BUDGET_TOKENS, BedrockKitError, type ChatRequest, type ModelDefinition, type ReasoningLevel } from "@bedrock-kit/plugin-host";
import type { ConverseModelCompat } from "../converse-model-compat.js";
import { invalidRequest } from "./converse-request-errors.js";

// The budgets are shared by both plugins; they live in the contract.
export { DEFAULT_ANSWER_TOKENS, THINKING_BUDGET_TOKENS };

/** `output_config.effort` per level for `anthropic-adaptive` models (every adaptive model takes `max`; only the newest take `xhigh`). */
const ANTHROPIC_EFFORT: Readonly<Record<ReasoningLevel, string>> = {
  minimal: "low",
  low: "low",
  medium: "medium",
  high: "high",
  xhigh: "max",
};

/** `reasoning_effort` (OpenAI models: gpt-oss takes only these three) and Nova's `maxReasoningEffort`. */
const THREE_STEP_EFFORT: Readonly<Record<ReasoningLevel, string>> = {
  minimal: "low",
  low: "low",
  medium: "medium",
  high: "high",
  xhigh: "high",
};

/** What reasoning and the output budget add to the request. */
export interface ReasoningFields {
  /** Fields for `additionalModelRequestFields` (empty when reasoning is off). */
  additionalFields: Record<string, unknown>;
  /** `inferenceConfig.maxTokens`, thinking included; undefined sends none. */
  maxTokens: number | undefined;
  /** Reasoning is on in a mode that forbids `temperature` and `topP`. */
  dropsSampling: boolean;
}

/**
 * The output budget and reasoning fields per `compat.reasoningStyle`. Reasoning tokens count
 * inside `maxTokens` on every family, so the budget of the level is added to the answer's share
 * (the request's `maxTokens`, else {@link DEFAULT_ANSWER_TOKENS}), up to the model's cap:
 * - `anthropic-thinking`: `thinking: {type: "enabled", budget_tokens}` with the budget below
 *   `maxTokens`; at the cap the budget shrinks so the answer keeps min(answer, 1,024) tokens, and
 *   a budget under 1,024 is refused. Sampling parameters dropped (the API rejects them).
 * - `anthropic-adaptive`: `thinking: {type: "adaptive"}` and `output_config.effort`; sampling dropped.
 * - `openai-effort`: `reasoning_effort`; these models reason at medium effort when asked nothing,
 *   so their default budget always includes a reasoning share.
 * - `nova`: `reasoningConfig: {type: "enabled", maxReasoningEffort}`; at `high`, Nova 2 takes no
 *   temperature/topP and no default `maxTokens` is sent.
 * A `maxTokens` above the model's known cap is refused (`context-overflow`) rather than sent to fail.
 */
export function buildConverseReasoningFields(
  model: ModelDefinition,
  compat: ConverseModelCompat,
  request: Pick<ChatRequest, "maxTokens" | "reasoning">,
): ReasoningFields {
  const asked = request.maxTokens;
  if (asked !== undefined) checkAskedMaxTokens(model, asked);
  const answerTokens = asked ?? capped(model, DEFAULT_ANSWER_TOKENS);
  const level = model.reasoning ? request.reasoning : undefined;
  const effortOverride = level === undefined ? undefined : compat.reasoningEffortByLevel?.[level];
  switch (level === undefined ? undefined : compat.reasoningStyle) {
    case "anthropic-thinking": {
      const wanted = THINKING_BUDGET_TOKENS[level!];
      const maxTokens = capped(model, answerTokens + wanted);
      const budget = Math.min(wanted, maxTokens - Math.min(answerTokens, MINIMUM_THINKING_BUDGET));
      if (budget < MINIMUM_THINKING_BUDGET) {
        throw invalidRequest(
          `maxTokens ${maxTokens} leaves no room for a thinking budget of at least ${MINIMUM_THINKING_BUDGET} tokens on ${model.wireId}.`,
          `Raise maxTokens above ${MINIMUM_THINKING_BUDGET * 2}, or omit the reasoning level.`,
        );
      }
      return { additionalFields: { thinking: { type: "enabled", budget_tokens: budget } }, maxTokens, dropsSampling: true };
    }
    case "anthropic-adaptive":
      return {
        additionalFields: { thinking: { type: "adaptive" }, output_config: { effort: effortOverride ?? ANTHROPIC_EFFORT[level!] } },
        maxTokens: capped(model, answerTokens + THINKING_BUDGET_TOKENS[level!]),
        dropsSampling: true,
      };
    case "openai-effort":
      return {
        additionalFields: { reasoning_effort: effortOverride ?? THREE_STEP_EFFORT[level!] },
        maxTokens: asked ?? capped(model, DEFAULT_ANSWER_TOKENS + THINKING_BUDGET_TOKENS[level!]),
        dropsSampling: false,
      };
    case "nova": {
      const effort = effortOverride ?? THREE_STEP_EFFORT[level!];
      const high = effort === "high";
      return {
        additionalFields: { reasoningConfig: { type: "enabled", maxReasoningEffort: effort } },
        maxTokens: asked ?? (high ? undefined : capped(model, DEFAULT_ANSWER_TOKENS + THINKING_BUDGET_TOKENS[level!])),
        dropsSampling: high,
      };
    }
    default: {
      // OpenAI reasoning models reason at medium effort even when the request names no level.
      const implicitReasoning = model.reasoning && compat.reasoningStyle === "openai-effort" && asked === undefined;
      const maxTokens = implicitReasoning ? capped(model, DEFAULT_ANSWER_TOKENS + THINKING_BUDGET_TOKENS.medium) : answerTokens;
      return { additionalFields: {}, maxTokens, dropsSampling: false };
    }
  }
}

function capped(model: ModelDefinition, tokens: number): number {
  return model.maxTokens > 0 ? Math.min(model.maxTokens, tokens) : tokens;
}

/**
 * Bedrock answers a `maxTokens` above the model's limit with a 400 ("exceeds the model limit"),
 * so it is refused here with the limit in the hint. A cap the catalog only guessed is not enforced.
 */
function checkAskedMaxTokens(model: ModelDefinition, maxTokens: number): void {
  if (!Number.isInteger(maxTokens) || maxTokens < 1) {
    throw invalidRequest(`maxTokens must be a positive integer (got ${maxTokens}).`, "Pass a whole number of output tokens, at least 1.");
  }
  if (model.defaultsAssumed === true || !(model.maxTokens > 0) || maxTokens <= model.maxTokens) return;
  throw new BedrockKitError({
    code: "context-overflow",
    message: `maxTokens ${maxTokens} exceeds the ${model.maxTokens}-token output limit of ${model.wireId}.`,
    hint: `Ask for at most ${model.maxTokens} output tokens, or override the model's maxTokens in config if the limit is wrong.`,
    retryable: false,
  });
}
