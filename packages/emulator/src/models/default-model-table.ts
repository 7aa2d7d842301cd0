import type { EmulatedModel, MantlePlacement, WrongSurfaceReply } from "../emulator-types.js";

/**
 * The default model table: a realistic slice of Bedrock, placed on the surfaces each model lives on
 * (facts §1.3, §3.7, §5). Ids, surfaces and quirks are what makes routing mistakes fail here as they
 * fail on AWS; limits are plausible values, not a price list.
 */

const BERM: MantlePlacement["onWrongSurface"] = { "chat-completions": "berm-not-enabled", responses: "berm-not-enabled" };
const INVALID_TOKEN: MantlePlacement["onWrongSurface"] = {
  "chat-completions": "invalid-security-token",
  responses: "invalid-security-token",
};
// GPT-5.x on `/v1`: chat → "isn't supported on this route", responses → "does not support the '/v1/responses' API".
const GPT5_ON_V1: Partial<Record<"chat-completions" | "responses", WrongSurfaceReply>> = {
  "chat-completions": "route-not-supported",
  responses: "api-not-supported",
};

const TEXT: EmulatedModel["inputModalities"] = ["TEXT"];
const TEXT_IMAGE: EmulatedModel["inputModalities"] = ["TEXT", "IMAGE"];

function claude(
  name: string,
  mantleId: string,
  runtimeId: string,
  extra: Partial<EmulatedModel>,
  profileGeos: NonNullable<NonNullable<EmulatedModel["runtime"]>["profileGeos"]>,
): EmulatedModel {
  return {
    name,
    providerName: "Anthropic",
    contextWindow: 200_000,
    maxOutputTokens: 64_000,
    inputModalities: TEXT_IMAGE,
    outputModalities: ["TEXT"],
    reasoning: "on-request",
    mantle: { id: mantleId, surface: "anthropic", apis: ["messages"], ownedBy: "anthropic" },
    runtime: { id: runtimeId, inferenceTypes: ["INFERENCE_PROFILE"], profileGeos },
    ...extra,
  };
}

function mantleChatOnly(name: string, providerName: string, id: string, ownedBy: string, extra: Partial<EmulatedModel> = {}): EmulatedModel {
  return {
    name,
    providerName,
    contextWindow: 128_000,
    maxOutputTokens: 16_384,
    inputModalities: TEXT,
    outputModalities: ["TEXT"],
    mantle: { id, surface: "v1", apis: ["chat-completions"], ownedBy },
    ...extra,
  };
}

/** A fresh copy of the default model table (callers may extend or edit it). */
export function defaultEmulatedModels(): EmulatedModel[] {
  return [
    claude("Claude Opus 4.7", "anthropic.claude-opus-4-7", "anthropic.claude-opus-4-7", {
      contextWindow: 1_000_000,
      maxOutputTokens: 128_000,
      thinkingTypes: ["adaptive"],
      rejectsTemperature: true,
    }, ["us", "eu", "global"]),
    claude("Claude Sonnet 4.6", "anthropic.claude-sonnet-4-6", "anthropic.claude-sonnet-4-6", {
      contextWindow: 1_000_000,
      maxOutputTokens: 128_000,
      thinkingTypes: ["enabled", "adaptive"],
    }, ["us", "eu", "apac", "jp", "au", "global"]),
    claude("Claude Haiku 4.5", "anthropic.claude-haiku-4-5", "anthropic.claude-haiku-4-5-20251001-v1:0", {
      thinkingTypes: ["enabled"],
    }, ["us", "eu", "apac", "jp", "au", "global"]),
    {
      name: "Claude 3.5 Sonnet",
      providerName: "Anthropic",
      contextWindow: 200_000,
      maxOutputTokens: 8_192,
      inputModalities: TEXT_IMAGE,
      outputModalities: ["TEXT"],
      runtime: {
        id: "anthropic.claude-3-5-sonnet-20240620-v1:0",
        inferenceTypes: ["ON_DEMAND"],
        profileGeos: ["us"],
        lifecycle: "LEGACY",
      },
    },
    {
      name: "gpt-oss-120b",
      providerName: "OpenAI",
      contextWindow: 128_000,
      maxOutputTokens: 32_768,
      inputModalities: TEXT,
      outputModalities: ["TEXT"],
      reasoning: "always",
      mantle: {
        id: "openai.gpt-oss-120b",
        surface: "v1",
        apis: ["chat-completions", "responses"],
        ownedBy: "openai",
        onWrongSurface: INVALID_TOKEN,
        reasoningStyle: "text",
      },
      runtime: { id: "openai.gpt-oss-120b-1:0", inferenceTypes: ["ON_DEMAND"] },
    },
    {
      name: "gpt-oss-20b",
      providerName: "OpenAI",
      contextWindow: 128_000,
      maxOutputTokens: 32_768,
      inputModalities: TEXT,
      outputModalities: ["TEXT"],
      reasoning: "always",
      mantle: {
        id: "openai.gpt-oss-20b",
        surface: "v1",
        apis: ["chat-completions", "responses"],
        ownedBy: "openai",
        onWrongSurface: INVALID_TOKEN,
        reasoningStyle: "text",
      },
      runtime: { id: "openai.gpt-oss-20b-1:0", inferenceTypes: ["ON_DEMAND"] },
    },
    mantleChatOnly("gpt-oss-safeguard-20b", "OpenAI", "openai.gpt-oss-safeguard-20b", "openai", { reasoning: "always" }),
    ...["openai.gpt-5.4", "openai.gpt-5.5"].map(
      (id): EmulatedModel => ({
        name: id === "openai.gpt-5.4" ? "GPT-5.4" : "GPT-5.5",
        providerName: "OpenAI",
        contextWindow: 400_000,
        maxOutputTokens: 128_000,
        inputModalities: TEXT_IMAGE,
        outputModalities: ["TEXT"],
        reasoning: "on-request",
        mantle: { id, surface: "openai-v1", apis: ["responses"], ownedBy: "openai", onWrongSurface: GPT5_ON_V1, reasoningStyle: "summary" },
      }),
    ),
    {
      name: "GPT-5.6 Sol",
      providerName: "OpenAI",
      contextWindow: 400_000,
      maxOutputTokens: 128_000,
      inputModalities: TEXT_IMAGE,
      outputModalities: ["TEXT"],
      reasoning: "on-request",
      mantle: {
        id: "openai.gpt-5.6-sol",
        surface: "openai-v1",
        apis: ["responses", "chat-completions"],
        ownedBy: "openai",
        onWrongSurface: GPT5_ON_V1,
        chatRejectsMaxTokens: true,
        reasoningStyle: "summary",
      },
      runtime: { id: "openai.gpt-5.6-sol", inferenceTypes: ["INFERENCE_PROFILE"], profileGeos: ["us", "global"] },
    },
    {
      name: "GPT-5.6 Luna",
      providerName: "OpenAI",
      contextWindow: 400_000,
      maxOutputTokens: 128_000,
      inputModalities: TEXT_IMAGE,
      outputModalities: ["TEXT"],
      reasoning: "on-request",
      mantle: {
        id: "openai.gpt-5.6-luna",
        surface: "openai-v1",
        apis: ["responses", "chat-completions"],
        ownedBy: "openai",
        onWrongSurface: GPT5_ON_V1,
        chatRejectsMaxTokens: true,
        reasoningStyle: "summary",
      },
    },
    {
      name: "Gemma 4 31B IT",
      providerName: "Google",
      contextWindow: 256_000,
      maxOutputTokens: 32_768,
      inputModalities: TEXT_IMAGE,
      outputModalities: ["TEXT"],
      mantle: { id: "google.gemma-4-31b-it", surface: "openai-v1", apis: ["chat-completions", "responses"], ownedBy: "google", onWrongSurface: BERM },
    },
    {
      name: "Grok 4.3",
      providerName: "xAI",
      contextWindow: 256_000,
      maxOutputTokens: 64_000,
      inputModalities: TEXT_IMAGE,
      outputModalities: ["TEXT"],
      reasoning: "on-request",
      mantle: {
        id: "xai.grok-4.3",
        surface: "openai-v1",
        apis: ["chat-completions", "responses"],
        ownedBy: "xai",
        onWrongSurface: BERM,
        reasoningStyle: "summary",
      },
    },
    mantleChatOnly("Gemma 3 27B IT", "Google", "google.gemma-3-27b-it", "google", {
      inputModalities: TEXT_IMAGE,
      runtime: { id: "google.gemma-3-27b-it", inferenceTypes: ["ON_DEMAND"] },
    }),
    mantleChatOnly("Qwen3 235B A22B 2507", "Qwen", "qwen.qwen3-235b-a22b-2507", "qwen", {
      runtime: { id: "qwen.qwen3-235b-a22b-2507-v1:0", inferenceTypes: ["ON_DEMAND"] },
    }),
    mantleChatOnly("Mistral Large 3", "Mistral AI", "mistral.mistral-large-3-675b-instruct", "mistral"),
    mantleChatOnly("DeepSeek V3.1", "DeepSeek", "deepseek.v3.1", "deepseek", {
      reasoning: "on-request",
      runtime: { id: "deepseek.v3-v1:0", inferenceTypes: ["ON_DEMAND"] },
    }),
    mantleChatOnly("Kimi K2 Thinking", "Moonshot AI", "moonshotai.kimi-k2-thinking", "moonshotai", { reasoning: "always" }),
    mantleChatOnly("GLM 4.6", "Z.AI", "zai.glm-4.6", "zai"),
    mantleChatOnly("MiniMax M2", "MiniMax", "minimax.minimax-m2", "minimax", { reasoning: "always" }),
    mantleChatOnly("Nemotron Nano 12B v2", "NVIDIA", "nvidia.nemotron-nano-12b-v2", "nvidia"),
    {
      name: "Llama 4 Maverick 17B Instruct",
      providerName: "Meta",
      contextWindow: 1_000_000,
      maxOutputTokens: 8_192,
      inputModalities: TEXT_IMAGE,
      outputModalities: ["TEXT"],
      runtime: {
        id: "meta.llama4-maverick-17b-instruct-v1:0",
        inferenceTypes: ["INFERENCE_PROFILE"],
        profileGeos: ["us"],
        streamingToolUse: false,
      },
    },
    {
      name: "DeepSeek-R1",
      providerName: "DeepSeek",
      contextWindow: 128_000,
      maxOutputTokens: 32_768,
      inputModalities: TEXT,
      outputModalities: ["TEXT"],
      reasoning: "always",
      runtime: { id: "deepseek.r1-v1:0", inferenceTypes: ["INFERENCE_PROFILE"], profileGeos: ["us"] },
    },
    ...[
      ["Nova Pro", "amazon.nova-pro-v1:0"],
      ["Nova Lite", "amazon.nova-lite-v1:0"],
    ].map(
      ([name, id]): EmulatedModel => ({
        name: name as string,
        providerName: "Amazon",
        contextWindow: 300_000,
        maxOutputTokens: 10_000,
        inputModalities: TEXT_IMAGE,
        outputModalities: ["TEXT"],
        runtime: { id: id as string, inferenceTypes: ["ON_DEMAND"], profileGeos: ["us", "eu", "apac"] },
      }),
    ),
    {
      name: "Titan Text Embeddings V2",
      providerName: "Amazon",
      contextWindow: 8_192,
      maxOutputTokens: 0,
      inputModalities: TEXT,
      outputModalities: ["EMBEDDING"],
      runtime: { id: "amazon.titan-embed-text-v2:0", inferenceTypes: ["ON_DEMAND"], streaming: false },
    },
    {
      name: "Stable Image Core 1.0",
      providerName: "Stability AI",
      contextWindow: 0,
      maxOutputTokens: 0,
      inputModalities: TEXT,
      outputModalities: ["IMAGE"],
      runtime: { id: "stability.stable-image-core-v1:1", inferenceTypes: ["ON_DEMAND"], streaming: false },
    },
  ];
}
