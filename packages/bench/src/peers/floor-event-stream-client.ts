import http from "node:http";
import { createEventStreamFramer } from "./event-stream-framer.js";
import { BENCH_BEARER_TOKEN, BENCH_MAX_TOKENS, BENCH_PROMPT, type PeerSession } from "./peer-definition.js";

/**
 * The floor for ConverseStream: `node:http` keep-alive, bearer auth (the cheapest auth path), the
 * framer of `event-stream-framer.ts`, and `JSON.parse` of every payload.
 */
export function createFloorEventStreamSession(baseUrl: string): PeerSession {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, scheduling: "lifo" });
  const body = JSON.stringify({
    messages: [{ role: "user", content: [{ text: BENCH_PROMPT }] }],
    inferenceConfig: { maxTokens: BENCH_MAX_TOKENS },
  });
  return {
    stream(modelId, onText) {
      const url = new URL(`/model/${encodeURIComponent(modelId)}/converse-stream`, baseUrl);
      return new Promise<void>((resolve, reject) => {
        const request = http.request(
          url,
          {
            method: "POST",
            agent,
            headers: {
              "content-type": "application/json",
              "content-length": Buffer.byteLength(body),
              authorization: `Bearer ${BENCH_BEARER_TOKEN}`,
              accept: "application/vnd.amazon.eventstream",
            },
          },
          (response) => {
            if (response.statusCode !== 200) {
              response.resume();
              reject(new Error(`HTTP ${response.statusCode}`));
              return;
            }
            let finished = false;
            let failed: unknown;
            const framer = createEventStreamFramer((messageType, eventType, payload) => {
              if (messageType !== "event") throw new Error(`${messageType} frame ${eventType}: ${payload}`);
              const event = JSON.parse(payload);
              if (eventType === "contentBlockDelta") {
                const text = event.delta?.text;
                if (typeof text === "string") onText(text);
              } else if (eventType === "metadata") {
                finished = true;
              }
            });
            response.on("data", (chunk: Buffer) => {
              if (failed !== undefined) return;
              try {
                framer.push(chunk);
              } catch (error) {
                failed = error;
                response.destroy();
              }
            });
            response.on("end", () => {
              if (failed !== undefined) reject(failed);
              else if (!finished || framer.pendingBytes > 0) reject(new Error("stream ended mid-frame or before metadata"));
              else resolve();
            });
            response.on("error", (error) => reject(failed ?? error));
            response.on("close", () => reject(failed ?? new Error("connection closed before the end of the stream")));
          },
        );
        request.on("error", reject);
        request.end(body);
      });
    },
  };
}
