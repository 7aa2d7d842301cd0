/**
 * What every Claude generation on Bedrock shares, whichever API it is called on, derived from the
 * model id alone so a Claude released after our tables were written is still called correctly:
 * one rule for both plugins (peer weak spot: the same quirk table kept twice, and drifting).
 */
export interface ClaudeModelTraits {
  /** `opus`, `sonnet`, `haiku`, or a newer tier name. */
  tier: string;
  /** Major version (`4` in `claude-opus-4-7`). */
  major: number;
  /** Minor version (`7` in `claude-opus-4-7`; 0 when absent, or when the next part is a date). */
  minor: number;
  /**
   * How extended thinking is requested: `adaptive` (`thinking: {type: "adaptive"}` + effort) from
   * Claude 4.6 on, which reject `type: "enabled"`; `enabled` (`budget_tokens`) before.
   */
  thinking: "adaptive" | "enabled";
  /** Sampling is pinned (Opus 4.7 and later, and 5-generation tiers we do not know yet): `temperature` and `top_p` are rejected. */
  pinnedSampling: boolean;
  /** The effort scale includes `xhigh` (Opus 4.7 and later, the 5 generation). */
  xhighEffort: boolean;
}

/** The Claude id inside a wire id, profile id or ARN: `…anthropic.claude-opus-4-7…`. */
const CLAUDE_ID = /(?:^|[./])anthropic\.claude-([a-z]+)-(\d+)(?:-(\d+))?/;

/**
 * Traits of a Claude model from any form of its id (`anthropic.claude-opus-4-7`,
 * `us.anthropic.claude-sonnet-4-5-20250929-v1:0`, an inference-profile ARN), or undefined when the
 * id names no Claude model this rule understands (e.g. `claude-3-5-sonnet`, where the version comes first).
 */
export function claudeModelTraits(modelId: string): ClaudeModelTraits | undefined {
  const match = CLAUDE_ID.exec(modelId.toLowerCase());
  if (match === null) return undefined;
  const tier = match[1]!;
  const major = Number(match[2]);
  // `claude-sonnet-4-20250514`: a date, not a minor version.
  const minor = match[3] !== undefined && match[3].length <= 2 ? Number(match[3]) : 0;
  const atLeast = (wantMajor: number, wantMinor: number) => major > wantMajor || (major === wantMajor && minor >= wantMinor);
  const knownTier = tier === "opus" || tier === "sonnet" || tier === "haiku";
  return {
    tier,
    major,
    minor,
    thinking: atLeast(4, 6) ? "adaptive" : "enabled",
    // Known to reject sampling: Opus 4.7, 4.8 and 5 (wire facts §2); a tier we have never seen is assumed newest-style.
    pinnedSampling: (tier === "opus" && atLeast(4, 7)) || (!knownTier && atLeast(5, 0)),
    xhighEffort: (tier === "opus" && atLeast(4, 7)) || atLeast(5, 0),
  };
}
