import { claudeModelTraits, type ModelCost, type ModelInput } from "@bedrock-kit/plugin-host";
import type { MantleModelCompat } from "./mantle-model-compat.js";

/**
 * What the plugin knows about Mantle models, by family pattern rather than pinned rows, so that a
 * new version of a known family gets sensible limits instead of magic defaults (peers set 32k / 4k
 * and cost 0 on every discovered model: OpenClaw #73328). Prices are USD per million tokens for
 * in-region on-demand use, from AWS model cards and pricing as mirrored by models.dev; where none
 * could be sourced, `cost` stays undefined (unknown, never free).
 */
export interface MantleModelKnowledge {
  /** Display name. */
  name: string;
  /** Context window in tokens. */
  contextWindow: number;
  /** Maximum output tokens per call. */
  maxTokens: number;
  /** Input modalities. */
  input: ModelInput[];
  /** Produces reasoning and accepts a reasoning level. */
  reasoning: boolean;
  /** Prices per million tokens; undefined when unknown. */
  cost?: ModelCost;
  /** What the adapters need beyond the contract. */
  compat: MantleModelCompat;
  /** True when the limits are conservative guesses (unknown id, or a family whose limits could not be sourced). */
  defaultsAssumed: boolean;
}

interface KnowledgeRow {
  /** Matched against the lower-cased wire id; first match wins. */
  match: RegExp;
  name?: string;
  contextWindow: number;
  maxTokens: number;
  input: ModelInput[];
  reasoning: boolean;
  cost?: ModelCost;
  compat?: MantleModelCompat;
  /** Limits are estimates for the family, not sourced for this id. */
  limitsAssumed?: boolean;
}

const TEXT: ModelInput[] = ["text"];
const TEXT_IMAGE: ModelInput[] = ["text", "image"];

function price(input: number, output: number, cacheRead = 0, cacheWrite = 0): ModelCost {
  return { input, output, cacheRead, cacheWrite };
}

/** GPT-5.x on `/openai/v1`: reasoning models that reject sampling knobs; Chat (5.6+) wants `max_completion_tokens`. */
const GPT_5_COMPAT: MantleModelCompat = {
  maxTokensField: "max_completion_tokens",
  rejectsTemperature: true,
  rejectsTopP: true,
  acceptsReasoningEffort: true,
  reasoningSummary: true,
  // GPT-5.4 and later take none|low|medium|high|xhigh (5.6 also max): pass xhigh through.
  reasoningEffortValues: { xhigh: "xhigh" },
};

/** Kimi K3 and GLM 5.x take reasoning_effort low|high|max only. */
const LOW_HIGH_MAX_EFFORT: MantleModelCompat = {
  acceptsReasoningEffort: true,
  reasoningEffortValues: { minimal: "low", low: "low", medium: "high", high: "high", xhigh: "max" },
};

/** Families whose chat surface has not been seen to accept `reasoning_effort`: do not send it. */
const NO_EFFORT: MantleModelCompat = { acceptsReasoningEffort: false };

const KNOWLEDGE_ROWS: readonly KnowledgeRow[] = [
  // ---- Anthropic Claude (Messages on /anthropic/v1); thinking style and temperature from claudeCompat() ----
  { match: /^anthropic\.claude-opus-5/, contextWindow: 1_000_000, maxTokens: 128_000, input: TEXT_IMAGE, reasoning: true, cost: price(5, 25, 0.5, 6.25) },
  { match: /^anthropic\.claude-sonnet-5/, contextWindow: 1_000_000, maxTokens: 128_000, input: TEXT_IMAGE, reasoning: true, cost: price(2, 10, 0.2, 2.5), compat: { structuredOutput: false } },
  { match: /^anthropic\.claude-opus-4-8/, contextWindow: 1_000_000, maxTokens: 128_000, input: TEXT_IMAGE, reasoning: true, cost: price(5, 25, 0.5, 6.25) },
  { match: /^anthropic\.claude-opus-4-7/, contextWindow: 1_000_000, maxTokens: 128_000, input: TEXT_IMAGE, reasoning: true, cost: price(5, 25, 0.5, 6.25) },
  { match: /^anthropic\.claude-opus-4-6/, contextWindow: 200_000, maxTokens: 128_000, input: TEXT_IMAGE, reasoning: true, cost: price(5, 25, 0.5, 6.25) },
  { match: /^anthropic\.claude-sonnet-4-6/, contextWindow: 1_000_000, maxTokens: 64_000, input: TEXT_IMAGE, reasoning: true, cost: price(3, 15, 0.3, 3.75) },
  { match: /^anthropic\.claude-opus-4-5/, contextWindow: 200_000, maxTokens: 64_000, input: TEXT_IMAGE, reasoning: true, cost: price(5, 25, 0.5, 6.25) },
  { match: /^anthropic\.claude-sonnet-4-5/, contextWindow: 200_000, maxTokens: 64_000, input: TEXT_IMAGE, reasoning: true, cost: price(3, 15, 0.3, 3.75) },
  { match: /^anthropic\.claude-haiku-4-5/, contextWindow: 200_000, maxTokens: 64_000, input: TEXT_IMAGE, reasoning: true, cost: price(1, 5, 0.1, 1.25) },
  { match: /^anthropic\.claude-/, contextWindow: 200_000, maxTokens: 64_000, input: TEXT_IMAGE, reasoning: true, limitsAssumed: true },

  // ---- OpenAI GPT-5.x (Responses on /openai/v1) ----
  { match: /^openai\.gpt-5\.6-sol/, name: "GPT-5.6 Sol", contextWindow: 1_050_000, maxTokens: 128_000, input: TEXT_IMAGE, reasoning: true, cost: price(4.4, 22, 0.44, 5.5), compat: GPT_5_COMPAT },
  { match: /^openai\.gpt-5\.6-terra/, name: "GPT-5.6 Terra", contextWindow: 1_050_000, maxTokens: 128_000, input: TEXT_IMAGE, reasoning: true, cost: price(2.2, 13.2, 0.22, 2.75), compat: GPT_5_COMPAT },
  { match: /^openai\.gpt-5\.6-luna/, name: "GPT-5.6 Luna", contextWindow: 1_050_000, maxTokens: 128_000, input: TEXT_IMAGE, reasoning: true, cost: price(0.22, 1.32, 0.022, 0.275), compat: GPT_5_COMPAT },
  { match: /^openai\.gpt-5\.5/, name: "GPT-5.5", contextWindow: 272_000, maxTokens: 128_000, input: TEXT_IMAGE, reasoning: true, cost: price(5.5, 33, 0.55), compat: GPT_5_COMPAT },
  { match: /^openai\.gpt-5\.4/, name: "GPT-5.4", contextWindow: 272_000, maxTokens: 128_000, input: TEXT_IMAGE, reasoning: true, cost: price(2.75, 16.5, 0.275), compat: GPT_5_COMPAT },
  { match: /^openai\.gpt-(?:5|6)/, contextWindow: 272_000, maxTokens: 128_000, input: TEXT_IMAGE, reasoning: true, compat: GPT_5_COMPAT, limitsAssumed: true },

  // ---- OpenAI gpt-oss (Chat and Responses on /v1) ----
  { match: /^openai\.gpt-oss-safeguard/, contextWindow: 128_000, maxTokens: 128_000, input: TEXT, reasoning: true, compat: { acceptsReasoningEffort: true } },
  { match: /^openai\.gpt-oss-120b/, name: "gpt-oss-120b", contextWindow: 128_000, maxTokens: 128_000, input: TEXT, reasoning: true, cost: price(0.15, 0.6), compat: { acceptsReasoningEffort: true } },
  { match: /^openai\.gpt-oss-20b/, name: "gpt-oss-20b", contextWindow: 128_000, maxTokens: 128_000, input: TEXT, reasoning: true, cost: price(0.07, 0.3), compat: { acceptsReasoningEffort: true } },

  // ---- Google Gemma ----
  { match: /^google\.gemma-4/, contextWindow: 128_000, maxTokens: 8_192, input: TEXT_IMAGE, reasoning: false, compat: NO_EFFORT, limitsAssumed: true },
  { match: /^google\.gemma-3-27b/, name: "Gemma 3 27B IT", contextWindow: 128_000, maxTokens: 8_192, input: TEXT_IMAGE, reasoning: false, cost: price(0.12, 0.19), compat: NO_EFFORT },
  { match: /^google\.gemma-3/, contextWindow: 128_000, maxTokens: 8_192, input: TEXT_IMAGE, reasoning: false, compat: NO_EFFORT },

  // ---- xAI Grok (/openai/v1) ----
  { match: /^xai\.grok/, contextWindow: 256_000, maxTokens: 32_768, input: TEXT_IMAGE, reasoning: true, compat: { acceptsReasoningEffort: true, reasoningSummary: true }, limitsAssumed: true },

  // ---- Qwen ----
  { match: /^qwen\.qwen3-coder-480b/, name: "Qwen3 Coder 480B A35B", contextWindow: 131_072, maxTokens: 65_536, input: TEXT, reasoning: false, cost: price(0.22, 1.8), compat: NO_EFFORT },
  { match: /^qwen\.qwen3-32b/, name: "Qwen3 32B", contextWindow: 16_384, maxTokens: 16_384, input: TEXT, reasoning: true, cost: price(0.075, 0.3), compat: NO_EFFORT },
  { match: /^qwen\.qwen3-vl/, contextWindow: 131_072, maxTokens: 16_384, input: TEXT_IMAGE, reasoning: false, compat: NO_EFFORT, limitsAssumed: true },
  { match: /^qwen\./, contextWindow: 131_072, maxTokens: 16_384, input: TEXT, reasoning: false, compat: NO_EFFORT, limitsAssumed: true },

  // ---- Moonshot Kimi ----
  { match: /^moonshotai?\.kimi-k2-thinking/, name: "Kimi K2 Thinking", contextWindow: 262_144, maxTokens: 16_000, input: TEXT, reasoning: true, cost: price(0.6, 2.5), compat: NO_EFFORT },
  { match: /^moonshotai?\.kimi-k3/, name: "Kimi K3", contextWindow: 262_144, maxTokens: 32_768, input: TEXT_IMAGE, reasoning: true, compat: LOW_HIGH_MAX_EFFORT, limitsAssumed: true },
  { match: /^moonshotai?\.kimi/, contextWindow: 262_144, maxTokens: 16_000, input: TEXT, reasoning: false, compat: NO_EFFORT, limitsAssumed: true },

  // ---- Z.ai GLM ----
  { match: /^zai\.glm-4\.7/, name: "GLM-4.7", contextWindow: 204_800, maxTokens: 131_072, input: TEXT, reasoning: true, cost: price(0.3, 1.1), compat: NO_EFFORT },
  { match: /^zai\.glm-5/, contextWindow: 200_000, maxTokens: 128_000, input: TEXT, reasoning: true, compat: LOW_HIGH_MAX_EFFORT, limitsAssumed: true },
  { match: /^zai\.glm/, contextWindow: 200_000, maxTokens: 128_000, input: TEXT, reasoning: true, compat: NO_EFFORT, limitsAssumed: true },

  // ---- DeepSeek ----
  { match: /^deepseek\.v3\.2/, name: "DeepSeek-V3.2", contextWindow: 163_840, maxTokens: 81_920, input: TEXT, reasoning: true, cost: price(0.31, 0.925), compat: NO_EFFORT },
  { match: /^deepseek\.r1/, name: "DeepSeek-R1", contextWindow: 128_000, maxTokens: 32_768, input: TEXT, reasoning: true, compat: NO_EFFORT, limitsAssumed: true },
  { match: /^deepseek\./, contextWindow: 128_000, maxTokens: 32_768, input: TEXT, reasoning: false, compat: NO_EFFORT, limitsAssumed: true },

  // ---- Mistral ----
  { match: /^mistral\.mistral-large-3/, name: "Mistral Large 3", contextWindow: 256_000, maxTokens: 8_192, input: TEXT_IMAGE, reasoning: false, cost: price(0.25, 0.75), compat: NO_EFFORT },
  { match: /^mistral\.magistral/, contextWindow: 128_000, maxTokens: 40_000, input: TEXT, reasoning: true, compat: NO_EFFORT, limitsAssumed: true },
  { match: /^mistral\./, contextWindow: 128_000, maxTokens: 8_192, input: TEXT, reasoning: false, compat: NO_EFFORT, limitsAssumed: true },

  // ---- MiniMax ----
  { match: /^minimax\.minimax-m2\.5/, name: "MiniMax M2.5", contextWindow: 196_608, maxTokens: 98_304, input: TEXT, reasoning: true, cost: price(0.15, 0.6), compat: { ...NO_EFFORT, structuredOutput: false } },
  { match: /^minimax\./, contextWindow: 196_608, maxTokens: 98_304, input: TEXT, reasoning: true, compat: { ...NO_EFFORT, structuredOutput: false }, limitsAssumed: true },

  // ---- NVIDIA Nemotron ----
  { match: /^nvidia\.nemotron-nano-12b/, name: "Nemotron Nano 12B v2 VL", contextWindow: 128_000, maxTokens: 4_096, input: TEXT_IMAGE, reasoning: false, compat: NO_EFFORT },
  { match: /^nvidia\./, contextWindow: 128_000, maxTokens: 4_096, input: TEXT, reasoning: false, compat: NO_EFFORT, limitsAssumed: true },

  // ---- Meta Llama ----
  { match: /^meta\.llama/, contextWindow: 128_000, maxTokens: 8_192, input: TEXT, reasoning: false, compat: NO_EFFORT, limitsAssumed: true },
];

/** Limits for ids no row knows: conservative, and flagged so a host can warn. */
export const UNKNOWN_MODEL_DEFAULTS = { contextWindow: 32_768, maxTokens: 4_096 } as const;

/** Id fragments that mark a reasoning model even when the table does not know it (peers use the same list). */
const REASONING_ID_MARKERS: readonly string[] = [
  "thinking",
  "reasoner",
  "reasoning",
  "deepseek.r",
  "gpt-oss-120b",
  "gpt-oss-safeguard-120b",
];

/** Whether an id names a reasoning model by its spelling alone. */
export function inferReasoningFromId(wireId: string): boolean {
  const lower = wireId.toLowerCase();
  return REASONING_ID_MARKERS.some((marker) => lower.includes(marker));
}

/** What the plugin knows about a wire id; unknown ids get conservative defaults with `defaultsAssumed: true`. */
export function lookupMantleModelKnowledge(wireId: string): MantleModelKnowledge {
  const lower = wireId.toLowerCase();
  const row = KNOWLEDGE_ROWS.find((candidate) => candidate.match.test(lower));
  const reasoningById = inferReasoningFromId(lower);
  const claude = lower.startsWith("anthropic.claude-") ? claudeCompat(lower) : {};
  if (row === undefined) {
    return {
      name: displayNameFromWireId(wireId),
      contextWindow: UNKNOWN_MODEL_DEFAULTS.contextWindow,
      maxTokens: UNKNOWN_MODEL_DEFAULTS.maxTokens,
      input: TEXT,
      reasoning: reasoningById,
      compat: { ...claude },
      defaultsAssumed: true,
    };
  }
  const knowledge: MantleModelKnowledge = {
    name: row.name ?? displayNameFromWireId(wireId),
    contextWindow: row.contextWindow,
    maxTokens: row.maxTokens,
    input: row.input,
    reasoning: row.reasoning || reasoningById,
    compat: { ...claude, ...row.compat },
    defaultsAssumed: row.limitsAssumed === true,
  };
  if (row.cost !== undefined) knowledge.cost = row.cost;
  return knowledge;
}

/**
 * Claude quirks by version, from the rule both plugins share (`claudeModelTraits`): Opus 4.7 and
 * later reject `temperature`; Claude 4.6 and later take adaptive thinking with
 * `output_config.effort` (Mantle rejects `thinking.type: "enabled"` for them: LiteLLM #35670).
 */
function claudeCompat(lowerWireId: string): MantleModelCompat {
  const traits = claudeModelTraits(lowerWireId);
  if (traits === undefined) return {};
  const compat: MantleModelCompat = { thinkingStyle: traits.thinking };
  if (traits.pinnedSampling) compat.rejectsTemperature = true;
  // Opus 4.7+ and the 5 generation take effort low|medium|high|xhigh|max; older adaptive models stop at max.
  if (traits.xhighEffort) compat.reasoningEffortValues = { xhigh: "xhigh" };
  return compat;
}

const UPPERCASE_WORDS: ReadonlySet<string> = new Set(["gpt", "oss", "glm", "vl", "it", "r1", "v3", "ai"]);

/** A readable name from a wire id: `anthropic.claude-opus-4-7` -> `Claude Opus 4.7`, `qwen.qwen3-32b` -> `Qwen3 32B`. */
export function displayNameFromWireId(wireId: string): string {
  const dot = wireId.indexOf(".");
  let rest = dot > 0 ? wireId.slice(dot + 1) : wireId;
  if (rest.startsWith("claude-")) rest = rest.replace(/-(\d+)-(\d{1,2})(?=$|-)/, "-$1.$2");
  return rest
    .split("-")
    .filter((word) => word.length > 0)
    .map((word) => {
      if (UPPERCASE_WORDS.has(word)) return word.toUpperCase();
      if (/^\d+(?:\.\d+)?[bkm]$/.test(word)) return word.toUpperCase();
      return word.charAt(0).toUpperCase() + word.slice(1);
    })
    .join(" ");
}
