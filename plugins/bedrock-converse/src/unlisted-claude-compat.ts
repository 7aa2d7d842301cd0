import { claudeModelTraits } from "@bedrock-kit/plugin-host";
import type { ConverseModelCompat } from "./converse-model-compat.js";

/** Limits assumed for a Claude model the curated catalog does not list (flagged `defaultsAssumed`). */
export const UNLISTED_CLAUDE_LIMITS = { contextWindow: 200_000, maxTokens: 64_000 } as const;

/**
 * Converse compat for a Claude model the curated catalog does not list (a new release, a profile
 * id we have not seen), from the id alone, so it is called the way its generation requires: the
 * right thinking request, no `temperature`/`topP` where sampling is pinned (OpenClaw #73663), and
 * images accepted (OpenClaw #71921). Structured output goes through the synthetic tool, which
 * every Claude accepts. Undefined for ids that name no Claude model.
 */
export function unlistedClaudeCompat(modelId: string): ConverseModelCompat | undefined {
  const traits = claudeModelTraits(modelId);
  if (traits === undefined) return undefined;
  const compat: ConverseModelCompat = {
    promptCache: true,
    replaySignedReasoning: true,
    reasoningStyle: traits.thinking === "adaptive" ? "anthropic-adaptive" : "anthropic-thinking",
  };
  if (traits.pinnedSampling) {
    compat.rejectsTemperature = true;
    compat.rejectsTopP = true;
  } else if (traits.major > 4 || (traits.major === 4 && traits.minor >= 5)) {
    // Claude 4.5 and later take temperature or top_p, not both.
    compat.exclusiveSampling = true;
  }
  if (traits.xhighEffort) compat.reasoningEffortByLevel = { xhigh: "xhigh" };
  return compat;
}
