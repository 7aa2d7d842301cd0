import type { CompletionResult, StreamEvent } from "@bedrock-kit/plugin-host";
import type { ConverseWireFunctions } from "../../src/converse-provider.js";
import type { ConverseCallInput } from "../../src/wire/converse-wire.js";

/** The body the fake wire sends (what the real one builds is the wire engineer's; here only bytes matter). */
export const FAKE_BODY = JSON.stringify({ messages: [{ role: "user", content: [{ text: "Hello from the test" }] }], inferenceConfig: { maxTokens: 64 } });

/** What each call of the fake wire saw. */
export interface FakeWireCall {
  wireId: string;
  path: string;
}

/**
 * A stand-in for the wire engineer's functions that keeps their contract: send one request,
 * classify a non-OK answer with the provider's classifier and reject before the first event,
 * else emit start, a text delta and finish with usage.
 */
export function createFakeConverseWire(calls: FakeWireCall[] = [], usage = { input: 1000, output: 500, cacheRead: 0, cacheWrite: 0 }): ConverseWireFunctions {
  async function exchange(input: ConverseCallInput, operation: "converse" | "converse-stream") {
    const path = `/model/${encodeURIComponent(input.model.wireId)}/${operation}`;
    calls.push({ wireId: input.model.wireId, path });
    const response = await input.send({
      path,
      headers: { "content-type": "application/json", accept: operation === "converse" ? "application/json" : "application/vnd.amazon.eventstream" },
      body: FAKE_BODY,
    });
    if (response.status < 200 || response.status >= 300) {
      const bodyText = await response.text();
      throw input.classifyHttpError({ status: response.status, headers: response.headers, bodyText });
    }
    await response.text();
  }
  return {
    async *streamConverse(input): AsyncGenerator<StreamEvent> {
      yield { type: "start", model: input.model.wireId, api: "bedrock-converse-stream" };
      await exchange(input, "converse-stream");
      yield { type: "text-delta", index: 0, text: "Hello" };
      yield { type: "text-delta", index: 0, text: " there" };
      yield { type: "finish", reason: "stop", usage: { ...usage } };
    },
    async completeConverse(input): Promise<CompletionResult> {
      await exchange(input, "converse");
      return { text: "Hello there", reasoning: "", toolCalls: [], finish: { type: "finish", reason: "stop", usage: { ...usage } } };
    },
  };
}
