import type { ModelCost, ModelInput } from "@bedrock-kit/plugin-host";
import type { ConverseModelCompat } from "./converse-model-compat.js";

/**
 * The curated Converse catalog: the models a user expects, with what Bedrock does not report
 * (ListFoundationModels carries no token limits, prices or sampling quirks).
 *
 * Sources (checked 2026, public material; re-check when a model launches):
 * - Model ids. Verified as used against bedrock-runtime in public code and AWS model cards:
 *   `anthropic.claude-sonnet-4-6`, `anthropic.claude-opus-4-8`, `anthropic.claude-opus-4-7`,
 *   `anthropic.claude-opus-4-6-v1`, `anthropic.claude-sonnet-4-5-20250929-v1:0`,
 *   `anthropic.claude-haiku-4-5-20251001-v1:0` (with their `us.`/`eu.`/`jp.`/`au.`/`apac.`/`global.`
 *   profiles), `openai.gpt-oss-120b-1:0`, `openai.gpt-oss-20b-1:0`, `amazon.nova-2-lite-v1:0`,
 *   `meta.llama4-maverick-17b-instruct-v1:0`, `meta.llama4-scout-17b-instruct-v1:0`,
 *   `mistral.mistral-large-3-675b-instruct`, `mistral.devstral-2-123b`, `deepseek.v3.2`,
 *   `moonshotai.kimi-k2.5`, `zai.glm-5`, `minimax.minimax-m2.5`, `nvidia.nemotron-super-3-120b`.
 *   None is unverified; which ids need a profile (`invocation`) follows AWS's
 *   "INFERENCE_PROFILE only" listing for Claude 4.5+, Llama 4 and Nova 2 and is otherwise on-demand.
 * - Limits: AWS model cards (GLM 5: 200K/128K; Kimi K2.5: 262,143/16,000; gpt-oss: 128K, a live
 *   Converse check accepting maxTokens 128000), else the models.dev Bedrock entries.
 * - Prices (USD per million tokens, on-demand standard tier, us-east-1): AWS Price List via the
 *   models.dev Bedrock entries and a us-east-1 price-list audit (Claude: global-profile rates, geo
 *   profiles such as `us.` bill 1.1x, e.g. `us.` Haiku 4.5 1.10/5.50, `us.` Opus 4.8 5.50/27.50;
 *   cache reads 0.1x and writes 1.25x input). Open-weight models: standard-tier rates (flex and
 *   batch SKUs are half of these and are not used). Nova 2 Lite: 0.30/2.50, cache read 0.075, no
 *   cache-write charge. A price that could not be sourced is left undefined, never 0.
 */

/** One curated model, region-independent (the catalog builder derives the wire id per region). */
export interface CuratedConverseModel {
  /** The base model id, as ListFoundationModels names it. */
  id: string;
  /** Display name. */
  name: string;
  /** `inference-profile`: on-demand calls need a profile id (the base id is refused); `on-demand`: the base id works in-region. */
  invocation: "on-demand" | "inference-profile";
  /** A `global.` profile exists (used where the region has no geography profile). */
  globalProfile: boolean;
  /** Context window in tokens. */
  contextWindow: number;
  /** Maximum output tokens. */
  maxTokens: number;
  /** Input modalities. */
  input: ModelInput[];
  /** Produces reasoning output. */
  reasoning: boolean;
  /** Prices at the in-region or `global.` rate; undefined when unknown. */
  cost?: ModelCost;
  /** Multiplier on `cost` for geography-scoped profiles (`us.`, `eu.`…), where AWS bills them higher. */
  geoProfilePremium?: number;
  /** What the wire code needs to know. */
  compat: ConverseModelCompat;
}

/** The id of the default model (listed first). */
export const DEFAULT_CONVERSE_MODEL_ID = "anthropic.claude-sonnet-4-6";

const CLAUDE_COMPAT: ConverseModelCompat = {
  promptCache: true,
  replaySignedReasoning: true,
  structuredOutput: true,
};

/** Opus 4.7 and later pin sampling: temperature and top_p are rejected. */
const CLAUDE_PINNED_SAMPLING_COMPAT: ConverseModelCompat = {
  ...CLAUDE_COMPAT,
  reasoningStyle: "anthropic-adaptive",
  rejectsTemperature: true,
  rejectsTopP: true,
};

function claudeCost(input: number, output: number): ModelCost {
  return { input, output, cacheRead: input / 10, cacheWrite: input * 1.25 };
}

function plainCost(input: number, output: number): ModelCost {
  return { input, output, cacheRead: 0, cacheWrite: 0 };
}

/** The curated models, default first. */
export const CURATED_CONVERSE_MODELS: readonly CuratedConverseModel[] = [
  {
    id: "anthropic.claude-sonnet-4-6",
    name: "Claude Sonnet 4.6",
    invocation: "inference-profile",
    globalProfile: true,
    contextWindow: 1_000_000,
    maxTokens: 64_000,
    input: ["text", "image"],
    reasoning: true,
    cost: claudeCost(3, 15),
    geoProfilePremium: 1.1,
    compat: { ...CLAUDE_COMPAT, reasoningStyle: "anthropic-adaptive", exclusiveSampling: true },
  },
  {
    id: "anthropic.claude-opus-4-8",
    name: "Claude Opus 4.8",
    invocation: "inference-profile",
    globalProfile: true,
    contextWindow: 1_000_000,
    maxTokens: 128_000,
    input: ["text", "image"],
    reasoning: true,
    cost: claudeCost(5, 25),
    geoProfilePremium: 1.1,
    compat: CLAUDE_PINNED_SAMPLING_COMPAT,
  },
  {
    id: "anthropic.claude-opus-4-7",
    name: "Claude Opus 4.7",
    invocation: "inference-profile",
    globalProfile: true,
    contextWindow: 1_000_000,
    maxTokens: 128_000,
    input: ["text", "image"],
    reasoning: true,
    cost: claudeCost(5, 25),
    geoProfilePremium: 1.1,
    compat: CLAUDE_PINNED_SAMPLING_COMPAT,
  },
  {
    id: "anthropic.claude-opus-4-6-v1",
    name: "Claude Opus 4.6",
    invocation: "inference-profile",
    globalProfile: true,
    contextWindow: 1_000_000,
    maxTokens: 128_000,
    input: ["text", "image"],
    reasoning: true,
    cost: claudeCost(5, 25),
    geoProfilePremium: 1.1,
    compat: { ...CLAUDE_COMPAT, reasoningStyle: "anthropic-adaptive", exclusiveSampling: true },
  },
  {
    id: "anthropic.claude-sonnet-4-5-20250929-v1:0",
    name: "Claude Sonnet 4.5",
    invocation: "inference-profile",
    globalProfile: true,
    contextWindow: 200_000,
    maxTokens: 64_000,
    input: ["text", "image"],
    reasoning: true,
    cost: claudeCost(3, 15),
    geoProfilePremium: 1.1,
    compat: { ...CLAUDE_COMPAT, reasoningStyle: "anthropic-thinking", exclusiveSampling: true },
  },
  {
    id: "anthropic.claude-haiku-4-5-20251001-v1:0",
    name: "Claude Haiku 4.5",
    invocation: "inference-profile",
    globalProfile: true,
    contextWindow: 200_000,
    maxTokens: 64_000,
    input: ["text", "image"],
    reasoning: true,
    cost: claudeCost(1, 5),
    geoProfilePremium: 1.1,
    compat: { ...CLAUDE_COMPAT, reasoningStyle: "anthropic-thinking", exclusiveSampling: true },
  },
  {
    id: "openai.gpt-oss-120b-1:0",
    name: "gpt-oss-120b",
    invocation: "on-demand",
    globalProfile: false,
    contextWindow: 128_000,
    maxTokens: 128_000,
    input: ["text"],
    reasoning: true,
    cost: plainCost(0.15, 0.6),
    compat: { reasoningStyle: "openai-effort", structuredOutput: true },
  },
  {
    id: "openai.gpt-oss-20b-1:0",
    name: "gpt-oss-20b",
    invocation: "on-demand",
    globalProfile: false,
    contextWindow: 128_000,
    maxTokens: 128_000,
    input: ["text"],
    reasoning: true,
    cost: plainCost(0.07, 0.3),
    compat: { reasoningStyle: "openai-effort", structuredOutput: true },
  },
  {
    id: "amazon.nova-2-lite-v1:0",
    name: "Amazon Nova 2 Lite",
    invocation: "inference-profile",
    globalProfile: true,
    contextWindow: 1_000_000,
    maxTokens: 65_536,
    input: ["text", "image"],
    reasoning: true,
    cost: { input: 0.3, output: 2.5, cacheRead: 0.075, cacheWrite: 0 },
    geoProfilePremium: 1.1,
    compat: { reasoningStyle: "nova", promptCache: true },
  },
  {
    id: "meta.llama4-maverick-17b-instruct-v1:0",
    name: "Llama 4 Maverick 17B Instruct",
    invocation: "inference-profile",
    globalProfile: false,
    contextWindow: 1_000_000,
    maxTokens: 16_384,
    input: ["text", "image"],
    reasoning: false,
    cost: plainCost(0.24, 0.97),
    compat: { toolsRequireNonStreaming: true },
  },
  {
    id: "meta.llama4-scout-17b-instruct-v1:0",
    name: "Llama 4 Scout 17B Instruct",
    invocation: "inference-profile",
    globalProfile: false,
    contextWindow: 3_500_000,
    maxTokens: 16_384,
    input: ["text", "image"],
    reasoning: false,
    cost: plainCost(0.17, 0.66),
    compat: { toolsRequireNonStreaming: true },
  },
  {
    id: "mistral.mistral-large-3-675b-instruct",
    name: "Mistral Large 3",
    invocation: "on-demand",
    globalProfile: false,
    contextWindow: 262_144,
    maxTokens: 8_192,
    input: ["text", "image"],
    reasoning: false,
    cost: plainCost(0.5, 1.5),
    compat: { structuredOutput: true },
  },
  {
    id: "mistral.devstral-2-123b",
    name: "Devstral 2 123B",
    invocation: "on-demand",
    globalProfile: false,
    contextWindow: 262_144,
    maxTokens: 8_192,
    input: ["text"],
    reasoning: false,
    cost: plainCost(0.4, 2),
    compat: {},
  },
  {
    id: "deepseek.v3.2",
    name: "DeepSeek V3.2",
    invocation: "on-demand",
    globalProfile: false,
    contextWindow: 163_840,
    maxTokens: 81_920,
    input: ["text"],
    reasoning: true,
    cost: plainCost(0.62, 1.85),
    compat: {},
  },
  {
    id: "moonshotai.kimi-k2.5",
    name: "Kimi K2.5",
    invocation: "on-demand",
    globalProfile: false,
    contextWindow: 262_143,
    maxTokens: 16_000,
    input: ["text", "image"],
    reasoning: true,
    cost: plainCost(0.6, 3),
    compat: {},
  },
  {
    id: "zai.glm-5",
    name: "GLM 5",
    invocation: "on-demand",
    globalProfile: false,
    contextWindow: 200_000,
    maxTokens: 128_000,
    input: ["text"],
    reasoning: true,
    cost: plainCost(1, 3.2),
    compat: { structuredOutput: true },
  },
  {
    id: "minimax.minimax-m2.5",
    name: "MiniMax M2.5",
    invocation: "on-demand",
    globalProfile: false,
    contextWindow: 196_608,
    maxTokens: 98_304,
    input: ["text"],
    reasoning: true,
    cost: plainCost(0.3, 1.2),
    compat: {},
  },
  {
    id: "nvidia.nemotron-super-3-120b",
    name: "NVIDIA Nemotron 3 Super 120B A12B",
    invocation: "on-demand",
    globalProfile: false,
    contextWindow: 262_144,
    maxTokens: 131_072,
    input: ["text"],
    reasoning: true,
    cost: plainCost(0.15, 0.65),
    compat: {},
  },
];

const CURATED_BY_ID: ReadonlyMap<string, CuratedConverseModel> = new Map(
  CURATED_CONVERSE_MODELS.map((model) => [model.id, model]),
);

/** The curated knowledge for a base model id, if any. */
export function findCuratedModel(baseModelId: string): CuratedConverseModel | undefined {
  return CURATED_BY_ID.get(baseModelId);
}
