import http from "node:http";
import { BENCH_AWS_CREDENTIALS, BENCH_MAX_TOKENS, BENCH_PROMPT, BENCH_REGION, type PeerSession } from "./peer-definition.js";

/**
 * `@aws-sdk/client-bedrock-runtime` `ConverseStreamCommand`, SigV4 with static credentials, on a
 * `NodeHttpHandler` with a keep-alive agent without a socket cap (its default cap is 50, which
 * would queue the 100- and 1,000-stream phases).
 */
export async function createAwsSdkConverseSession(baseUrl: string): Promise<PeerSession> {
  const [{ BedrockRuntimeClient, ConverseStreamCommand }, { NodeHttpHandler }] = await Promise.all([
    import("@aws-sdk/client-bedrock-runtime"),
    import("@smithy/node-http-handler"),
  ]);
  const client = new BedrockRuntimeClient({
    region: BENCH_REGION,
    endpoint: baseUrl,
    credentials: BENCH_AWS_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: new NodeHttpHandler({
      httpAgent: new http.Agent({ keepAlive: true, maxSockets: Infinity, scheduling: "lifo" }),
    }),
  });
  return {
    async stream(modelId, onText) {
      const output = await client.send(
        new ConverseStreamCommand({
          modelId,
          messages: [{ role: "user", content: [{ text: BENCH_PROMPT }] }],
          inferenceConfig: { maxTokens: BENCH_MAX_TOKENS },
        }),
      );
      if (output.stream === undefined) throw new Error("no stream in the ConverseStream output");
      let sawMetadata = false;
      for await (const event of output.stream) {
        const text = event.contentBlockDelta?.delta?.text;
        if (text !== undefined) onText(text);
        else if (event.metadata !== undefined) sawMetadata = true;
      }
      if (!sawMetadata) throw new Error("no metadata event");
    },
  };
}
