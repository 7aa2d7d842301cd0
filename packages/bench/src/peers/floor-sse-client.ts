import http from "node:http";
import type { WireFormat } from "../bench-scenario.js";
import { createSseEventSplitter, dataOfEvent } from "./sse-event-splitter.js";
import { BENCH_BEARER_TOKEN, BENCH_MAX_TOKENS, BENCH_PROMPT, type PeerSession } from "./peer-definition.js";

/**
 * The floor for the SSE formats: `node:http` with a keep-alive agent, UTF-8 decoding by the
 * stream's StringDecoder, the cursor-based splitter of `sse-event-splitter.ts`, and `JSON.parse` of
 * every `data:` line. Nothing a real client could skip: no validation, no event objects, no iterators.
 */
type SseFormat = Exclude<WireFormat, "converse-stream">;

const PATHS: Record<SseFormat, string> = {
  "openai-chat": "/v1/chat/completions",
  "openai-responses": "/v1/responses",
  "anthropic-messages": "/anthropic/v1/messages",
};

/** Returns the text of a parsed event, `undefined` when it carries none, `null` when it is terminal. */
type TextOf = (event: any) => string | undefined | null;

const TEXT_OF: Record<SseFormat, TextOf> = {
  "openai-chat": (event) => event.choices[0]?.delta?.content ?? undefined,
  "openai-responses": (event) =>
    event.type === "response.output_text.delta" ? event.delta : event.type === "response.completed" ? null : undefined,
  "anthropic-messages": (event) =>
    event.type === "content_block_delta" && event.delta.type === "text_delta"
      ? event.delta.text
      : event.type === "message_stop"
        ? null
        : undefined,
};

function requestBody(format: SseFormat, modelId: string): string {
  if (format === "openai-responses") return JSON.stringify({ model: modelId, input: BENCH_PROMPT, stream: true, store: false });
  return JSON.stringify({
    model: modelId,
    max_tokens: BENCH_MAX_TOKENS,
    messages: [{ role: "user", content: BENCH_PROMPT }],
    stream: true,
  });
}

/** Creates the floor session for one SSE format. */
export function createFloorSseSession(baseUrl: string, format: SseFormat): PeerSession {
  const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity, scheduling: "lifo" });
  const url = new URL(PATHS[format], baseUrl);
  const textOf = TEXT_OF[format];
  return {
    stream(modelId, onText) {
      const body = requestBody(format, modelId);
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
              accept: "text/event-stream",
            },
          },
          (response) => {
            if (response.statusCode !== 200) {
              response.resume();
              reject(new Error(`HTTP ${response.statusCode}`));
              return;
            }
            response.setEncoding("utf8");
            let finished = false;
            let failed: unknown;
            const split = createSseEventSplitter((text, start, end) => {
              const data = dataOfEvent(text, start, end);
              if (data === undefined) return;
              if (data === "[DONE]") {
                finished = true;
                return;
              }
              const delta = textOf(JSON.parse(data));
              if (delta === null) finished = true;
              else if (delta !== undefined) onText(delta);
            });
            response.on("data", (chunk: string) => {
              if (failed !== undefined) return;
              try {
                split(chunk);
              } catch (error) {
                failed = error;
                response.destroy();
              }
            });
            response.on("end", () => {
              if (failed !== undefined) reject(failed);
              else if (!finished) reject(new Error("stream ended without its terminal event"));
              else resolve();
            });
            response.on("error", (error) => reject(failed ?? error));
            // After `end` this is a no-op; before it, the stream was cut.
            response.on("close", () => reject(failed ?? new Error("connection closed before the end of the stream")));
          },
        );
        request.on("error", reject);
        request.end(body);
      });
    },
  };
}
