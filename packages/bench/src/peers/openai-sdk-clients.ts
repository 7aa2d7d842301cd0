import { BENCH_BEARER_TOKEN, BENCH_MAX_TOKENS, BENCH_PROMPT, type PeerSession } from "./peer-definition.js";

/** The `openai` SDK (v6, global fetch) on Chat Completions, `chat.completions.create({ stream: true })`. */
export async function createOpenAIChatSession(baseUrl: string): Promise<PeerSession> {
  const { default: OpenAI } = await import("openai");
  const client = new OpenAI({ apiKey: BENCH_BEARER_TOKEN, baseURL: `${baseUrl}/v1`, maxRetries: 0 });
  return {
    async stream(modelId, onText) {
      const stream = await client.chat.completions.create({
        model: modelId,
        max_tokens: BENCH_MAX_TOKENS,
        messages: [{ role: "user", content: BENCH_PROMPT }],
        stream: true,
      });
      for await (const chunk of stream) {
        const text = chunk.choices[0]?.delta?.content;
        if (text) onText(text);
      }
    },
  };
}

/** The `openai` SDK on Responses, `responses.create({ stream: true })` (raw events, no accumulation). */
export async function createOpenAIResponsesSession(baseUrl: string): Promise<PeerSession> {
  const { default: OpenAI } = await import("openai");
  const client = new OpenAI({ apiKey: BENCH_BEARER_TOKEN, baseURL: `${baseUrl}/v1`, maxRetries: 0 });
  return {
    async stream(modelId, onText) {
      const stream = await client.responses.create({ model: modelId, input: BENCH_PROMPT, stream: true, store: false });
      let completed = false;
      for await (const event of stream) {
        if (event.type === "response.output_text.delta") onText(event.delta);
        else if (event.type === "response.completed") completed = true;
      }
      if (!completed) throw new Error("no response.completed event");
    },
  };
}
