import { BENCH_BEARER_TOKEN, BENCH_MAX_TOKENS, BENCH_PROMPT, type PeerSession } from "./peer-definition.js";

/** `@anthropic-ai/sdk` `messages.create({ stream: true })` (raw events), as a host uses it on Mantle's `/anthropic`. */
export async function createAnthropicSdkSession(baseUrl: string): Promise<PeerSession> {
  const { default: Anthropic } = await import("@anthropic-ai/sdk");
  const client = new Anthropic({ authToken: BENCH_BEARER_TOKEN, apiKey: null, baseURL: `${baseUrl}/anthropic`, maxRetries: 0 });
  return {
    async stream(modelId, onText) {
      const stream = await client.messages.create({
        model: modelId,
        max_tokens: BENCH_MAX_TOKENS,
        messages: [{ role: "user", content: BENCH_PROMPT }],
        stream: true,
      });
      let stopped = false;
      for await (const event of stream) {
        if (event.type === "content_block_delta") {
          if (event.delta.type === "text_delta") onText(event.delta.text);
        } else if (event.type === "message_stop") {
          stopped = true;
        }
      }
      if (!stopped) throw new Error("no message_stop event");
    },
  };
}
