import { createHash } from "node:crypto";
import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createNodeHttpTransport, type AwsCredentialProvider } from "@bedrock-kit/aws-auth";
import type { ChatRequest, StreamEvent } from "@bedrock-kit/plugin-host";
import { createMantleProvider } from "../src/mantle-provider.js";
import { createTestContext, FAKE_API_KEY, FAKE_CREDENTIALS, readFixture, type TestContextOptions } from "./helpers/mantle-test-context.js";

/**
 * End to end with the real adapters and transport; nock stands in for Mantle. Route fallback, auth
 * refresh and retries are tested for stream() and complete() alike in complete-mantle-wire.test.ts.
 */
const ROOT = "https://bedrock-mantle.us-east-1.api.aws";
const REQUEST: ChatRequest = { messages: [{ role: "user", content: "Say hello in French" }], maxTokens: 256 };
const SSE = { "content-type": "text/event-stream", "x-amzn-requestid": "req-sse" };
const fakeCredentials: AwsCredentialProvider = () => Promise.resolve({ ...FAKE_CREDENTIALS });

function setup(options: TestContextOptions = {}) {
  const provider = createMantleProvider({ credentialProviderFactory: () => fakeCredentials, transport: createNodeHttpTransport() });
  const context = createTestContext(provider, { env: { AWS_BEARER_TOKEN_BEDROCK: FAKE_API_KEY }, ...options });
  return { provider, context };
}

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const result: StreamEvent[] = [];
  for await (const event of events) result.push(event);
  return result;
}

function text(events: StreamEvent[]): string {
  return events.map((event) => (event.type === "text-delta" ? event.text : "")).join("");
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("stream over the wire", () => {
  it("routes GPT-5.x to Responses on /openai/v1 without a fallback", async () => {
    nock(ROOT).post("/openai/v1/responses").reply(200, readFixture("sse/responses/plain-text.sse.txt"), SSE);
    const { provider, context } = setup();
    const events = await collect(provider.stream(provider.describeModel("gpt-5.5", context), REQUEST, context));
    expect(text(events).length).toBeGreaterThan(0);
    expect(events.at(-1)).toMatchObject({ type: "finish", metadata: { api: "openai-responses", surfaceFallback: false } });
  });

  it("calls Claude with a minted token when only AWS credentials exist, with the workspace header", async () => {
    let headers: Record<string, unknown> = {};
    nock(ROOT)
      .post("/anthropic/v1/messages")
      .reply(function reply() {
        headers = this.req.headers;
        return [200, readFixture("sse/anthropic-messages/plain-text.sse.txt"), SSE];
      });
    const { provider, context } = setup({ env: {}, config: { projectId: "proj_abc123" } });
    const events = await collect(provider.stream(provider.describeModel("claude-opus-4.7", context), REQUEST, context));
    expect(events.at(-1)).toMatchObject({ type: "finish" });
    const authorization = String(headers.authorization);
    expect(authorization.startsWith("Bearer bedrock-api-key-")).toBe(true);
    const presigned = Buffer.from(authorization.slice("Bearer bedrock-api-key-".length), "base64").toString("utf8");
    expect(presigned).toMatch(/^bedrock\.amazonaws\.com\/\?Action=CallWithBearerToken&.*&Version=1$/);
    expect(headers["anthropic-workspace"]).toBe("proj_abc123");
    expect(headers["openai-project"]).toBeUndefined();
  });

  it("signs the exact body with SigV4 (service bedrock-mantle) and sends the project header", async () => {
    let received: { headers: Record<string, unknown>; body: string } | undefined;
    nock(ROOT)
      .post("/v1/chat/completions")
      .reply(function reply(_uri, body) {
        received = { headers: this.req.headers, body: typeof body === "string" ? body : JSON.stringify(body) };
        return [200, readFixture("sse/chat-completions/plain-text.sse.txt"), SSE];
      });
    const { provider, context } = setup({ env: {}, config: { auth: "aws-sigv4", projectId: "default" } });
    const events = await collect(provider.stream(provider.describeModel("qwen3-32b", context), REQUEST, context));
    expect(events.at(-1)).toMatchObject({ type: "finish" });
    expect(String(received?.headers.authorization)).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE\/\d{8}\/us-east-1\/bedrock-mantle\/aws4_request/);
    expect(received?.headers["x-amz-content-sha256"]).toBe(createHash("sha256").update(received?.body ?? "").digest("hex"));
    expect(received?.headers["openai-project"]).toBe("default");
  });

  it("counts Claude tokens on /anthropic/v1/messages/count_tokens", async () => {
    nock(ROOT).post("/anthropic/v1/messages/count_tokens").reply(200, { input_tokens: 42 });
    const { provider, context } = setup();
    await expect(provider.countTokens(provider.describeModel("claude-sonnet-4.6", context), REQUEST, context)).resolves.toBe(42);
    await expect(provider.countTokens(provider.describeModel("qwen3-32b", context), REQUEST, context)).rejects.toMatchObject({ code: "invalid-request" });
  });
});
