import { BENCH_BEARER_TOKEN, BENCH_MAX_TOKENS, BENCH_PROMPT, BENCH_REGION, type PeerSession } from "./peer-definition.js";

/** The slice of the AI SDK's LanguageModelV3 the bench uses (the packages do not re-export the type). */
interface StreamingModel {
  doStream(options: {
    prompt: Array<{ role: "user"; content: Array<{ type: "text"; text: string }> }>;
    maxOutputTokens?: number;
  }): PromiseLike<{ stream: ReadableStream<{ type: string; delta?: string; error?: unknown }> }>;
}

async function streamModel(model: StreamingModel, onText: (text: string) => void): Promise<void> {
  const { stream } = await model.doStream({
    prompt: [{ role: "user", content: [{ type: "text", text: BENCH_PROMPT }] }],
    maxOutputTokens: BENCH_MAX_TOKENS,
  });
  const reader = stream.getReader();
  let finished = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    if (value.type === "text-delta") onText(value.delta!);
    else if (value.type === "finish") finished = true;
    else if (value.type === "error") throw value.error instanceof Error ? value.error : new Error(String(value.error));
  }
  if (!finished) throw new Error("no finish part");
}

/** `@ai-sdk/amazon-bedrock` Converse, `model.doStream()` (provider level, no `streamText`), bearer auth. */
export async function createAiSdkConverseSession(baseUrl: string): Promise<PeerSession> {
  const { createAmazonBedrock } = await import("@ai-sdk/amazon-bedrock");
  const provider = createAmazonBedrock({ region: BENCH_REGION, baseURL: baseUrl, apiKey: BENCH_BEARER_TOKEN });
  return { stream: (modelId, onText) => streamModel(provider(modelId) as unknown as StreamingModel, onText) };
}

/** `@ai-sdk/amazon-bedrock/mantle` Chat Completions, `model.doStream()`, bearer auth. */
export async function createAiSdkMantleChatSession(baseUrl: string): Promise<PeerSession> {
  const { createBedrockMantle } = await import("@ai-sdk/amazon-bedrock/mantle");
  const provider = createBedrockMantle({ region: BENCH_REGION, baseURL: `${baseUrl}/v1`, apiKey: BENCH_BEARER_TOKEN });
  return { stream: (modelId, onText) => streamModel(provider.chat(modelId) as unknown as StreamingModel, onText) };
}

/** `@ai-sdk/amazon-bedrock/mantle` Responses, `model.doStream()`, bearer auth. */
export async function createAiSdkMantleResponsesSession(baseUrl: string): Promise<PeerSession> {
  const { createBedrockMantle } = await import("@ai-sdk/amazon-bedrock/mantle");
  const provider = createBedrockMantle({ region: BENCH_REGION, baseURL: `${baseUrl}/v1`, apiKey: BENCH_BEARER_TOKEN });
  return { stream: (modelId, onText) => streamModel(provider.responses(modelId) as unknown as StreamingModel, onText) };
}
