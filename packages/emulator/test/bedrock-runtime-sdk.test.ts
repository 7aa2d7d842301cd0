import {
  BedrockRuntimeClient,
  ConverseCommand,
  type ConverseStreamOutput,
  ConverseStreamCommand,
  type Message,
  ThrottlingException,
  ValidationException,
} from "@aws-sdk/client-bedrock-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../src/index.js";
import { mintShortTermToken } from "./helpers.js";

let emulator: RunningEmulator;
let sigv4Client: BedrockRuntimeClient;
let bearerClient: BedrockRuntimeClient;

beforeAll(async () => {
  emulator = await startEmulator({ credentials: [{ accessKeyId: "AKIAEMULATORTEST0001", secretAccessKey: "emulator-test-secret-0001" }] });
  sigv4Client = new BedrockRuntimeClient({
    region: "us-east-1",
    endpoint: emulator.runtimeUrl,
    credentials: { accessKeyId: emulator.accessKeyId, secretAccessKey: emulator.secretAccessKey },
    maxAttempts: 1,
  });
  bearerClient = new BedrockRuntimeClient({
    region: "us-east-1",
    endpoint: emulator.runtimeUrl,
    token: { token: emulator.apiKey },
    authSchemePreference: ["httpBearerAuth"],
    maxAttempts: 1,
  });
});
afterAll(async () => {
  sigv4Client.destroy();
  bearerClient.destroy();
  await emulator.close();
});

const userSays = (text: string): Message[] => [{ role: "user", content: [{ text }] }];

async function collect(stream: AsyncIterable<ConverseStreamOutput> | undefined): Promise<ConverseStreamOutput[]> {
  const events: ConverseStreamOutput[] = [];
  for await (const event of stream ?? []) events.push(event);
  return events;
}

describe("@aws-sdk/client-bedrock-runtime against the runtime (unchanged client, HTTP/2 default handler)", () => {
  it("ConverseStream with SigV4: text deltas, messageStop, metadata usage", async () => {
    const response = await sigv4Client.send(new ConverseStreamCommand({ modelId: "us.anthropic.claude-sonnet-4-6", messages: userSays("hello from sigv4") }));
    expect(response.$metadata.requestId).toBeTruthy();
    const events = await collect(response.stream);
    const text = events.map((event) => event.contentBlockDelta?.delta?.text ?? "").join("");
    expect(text).toBe("hello from sigv4");
    expect(events[0]?.messageStart?.role).toBe("assistant");
    expect(events.find((event) => event.messageStop)?.messageStop?.stopReason).toBe("end_turn");
    expect(events.at(-1)?.metadata?.usage).toMatchObject({ inputTokens: 3, outputTokens: 3, totalTokens: 6 });
    expect(emulator.stats().authKinds.sigv4).toBeGreaterThan(0);
  });

  it("ConverseStream with a bearer token: reasoning with a signature, then a tool call", async () => {
    const response = await bearerClient.send(
      new ConverseStreamCommand({
        modelId: "global.anthropic.claude-sonnet-4-6",
        messages: userSays("weather in Rome"),
        toolConfig: {
          tools: [{ toolSpec: { name: "get_weather", inputSchema: { json: { type: "object", properties: { city: { type: "string" } } } } } }],
        },
        additionalModelRequestFields: { thinking: { type: "enabled", budget_tokens: 1024 } },
      }),
    );
    const events = await collect(response.stream);
    const reasoning = events.map((event) => event.contentBlockDelta?.delta?.reasoningContent?.text ?? "").join("");
    const signature = events.find((event) => event.contentBlockDelta?.delta?.reasoningContent?.signature)?.contentBlockDelta?.delta?.reasoningContent?.signature;
    const start = events.find((event) => event.contentBlockStart)?.contentBlockStart;
    const input = events.map((event) => event.contentBlockDelta?.delta?.toolUse?.input ?? "").join("");
    expect(reasoning).toContain("get_weather");
    expect(signature?.length).toBeGreaterThan(100);
    expect(start?.start?.toolUse?.name).toBe("get_weather");
    expect(JSON.parse(input)).toEqual({ city: "weather in Rome" });
    expect(events.find((event) => event.messageStop)?.messageStop?.stopReason).toBe("tool_use");
    expect(emulator.stats().authKinds["api-key"]).toBeGreaterThan(0);
  });

  it("Converse (non-streaming) with SigV4 and with a bearer token", async () => {
    const viaSigV4 = await sigv4Client.send(new ConverseCommand({ modelId: "amazon.nova-pro-v1:0", messages: userSays("plain answer"), inferenceConfig: { maxTokens: 1 } }));
    expect(viaSigV4.output?.message?.content?.[0]?.text).toBe("plain ");
    expect(viaSigV4.stopReason).toBe("max_tokens");
    const viaBearer = await bearerClient.send(new ConverseCommand({ modelId: "us.amazon.nova-pro-v1:0", messages: userSays("bearer answer") }));
    expect(viaBearer.output?.message?.content?.[0]?.text).toBe("bearer answer");
    expect(viaBearer.usage).toMatchObject({ inputTokens: 2, outputTokens: 2 });
  });

  it("accepts a minted short-term token through the SDK's bearer scheme", async () => {
    const token = await mintShortTermToken({ accessKeyId: emulator.accessKeyId, secretAccessKey: emulator.secretAccessKey }, "us-east-1");
    const client = new BedrockRuntimeClient({ region: "us-east-1", endpoint: emulator.runtimeUrl, token: { token }, authSchemePreference: ["httpBearerAuth"], maxAttempts: 1 });
    try {
      const response = await client.send(new ConverseCommand({ modelId: "us.anthropic.claude-haiku-4-5-20251001-v1:0", messages: userSays("minted") }));
      expect(response.output?.message?.content?.[0]?.text).toBe("minted");
      expect(emulator.stats().authKinds["short-term-token"]).toBeGreaterThan(0);
    } finally {
      client.destroy();
    }
  });

  it("rejects a base id that needs an inference profile with Bedrock's on-demand message", async () => {
    const attempt = sigv4Client.send(new ConverseCommand({ modelId: "anthropic.claude-sonnet-4-6", messages: userSays("x") }));
    await expect(attempt).rejects.toBeInstanceOf(ValidationException);
    await expect(attempt).rejects.toMatchObject({
      message: "Invocation of model ID anthropic.claude-sonnet-4-6 with on-demand throughput isn’t supported. Retry your request with the ID or ARN of an inference profile that contains this model.",
      $metadata: { httpStatusCode: 400 },
    });
  });

  it("rejects unknown ids and profiles of another geography as an invalid model identifier", async () => {
    for (const modelId of ["anthropic.claude-nonexistent", "eu.anthropic.claude-sonnet-4-6"]) {
      await expect(sigv4Client.send(new ConverseCommand({ modelId, messages: userSays("x") }))).rejects.toMatchObject({
        name: "ValidationException",
        message: "The provided model identifier is invalid.",
      });
    }
  });

  it("rejects tools on Llama 4 ConverseStream but serves them on Converse", async () => {
    const toolConfig = { tools: [{ toolSpec: { name: "t", inputSchema: { json: { type: "object", properties: { q: { type: "string" } } } } } }] };
    const modelId = "us.meta.llama4-maverick-17b-instruct-v1:0";
    await expect(sigv4Client.send(new ConverseStreamCommand({ modelId, messages: userSays("x"), toolConfig }))).rejects.toMatchObject({
      name: "ValidationException",
      message: "This model doesn't support tool use in streaming mode.",
    });
    const nonStreaming = await sigv4Client.send(new ConverseCommand({ modelId, messages: userSays("x"), toolConfig }));
    expect(nonStreaming.stopReason).toBe("tool_use");
  });

  it("rejects Opus 4.7 temperature and an over-limit maxTokens with Bedrock's wording", async () => {
    await expect(
      sigv4Client.send(new ConverseCommand({ modelId: "us.anthropic.claude-opus-4-7", messages: userSays("x"), inferenceConfig: { temperature: 0.2 } })),
    ).rejects.toMatchObject({ name: "ValidationException", message: "The model returned the following errors: `temperature` is deprecated for this model." });
    await expect(
      sigv4Client.send(new ConverseCommand({ modelId: "amazon.nova-lite-v1:0", messages: userSays("x"), inferenceConfig: { maxTokens: 20_000 } })),
    ).rejects.toMatchObject({
      name: "ValidationException",
      message: "The maximum tokens you requested exceeds the model limit of 10000. Try again with a maximum tokens value that is lower than 10000.",
    });
  });

  it("checks conversation shape: first message from the user, no empty content", async () => {
    await expect(
      sigv4Client.send(new ConverseCommand({ modelId: "amazon.nova-lite-v1:0", messages: [{ role: "assistant", content: [{ text: "hi" }] }] })),
    ).rejects.toMatchObject({ message: expect.stringContaining("A conversation must start with a user message") });
    await expect(
      sigv4Client.send(
        new ConverseCommand({
          modelId: "amazon.nova-lite-v1:0",
          messages: [
            { role: "user", content: [{ text: "hi" }] },
            { role: "assistant", content: [] },
            { role: "user", content: [{ text: "again" }] },
          ],
        }),
      ),
    ).rejects.toMatchObject({ message: expect.stringContaining("The content field in the Message object at messages.1 is empty") });
  });

  it("answers a toolResult by echoing it", async () => {
    const response = await sigv4Client.send(
      new ConverseCommand({
        modelId: "openai.gpt-oss-120b-1:0",
        toolConfig: { tools: [{ toolSpec: { name: "lookup", inputSchema: { json: { type: "object" } } } }] },
        messages: [
          { role: "user", content: [{ text: "look it up" }] },
          { role: "assistant", content: [{ toolUse: { toolUseId: "tooluse_1", name: "lookup", input: {} } }] },
          { role: "user", content: [{ toolResult: { toolUseId: "tooluse_1", content: [{ text: "42 results" }] } }] },
        ],
      }),
    );
    const blocks = response.output?.message?.content ?? [];
    // gpt-oss always reasons, and its reasoning carries no signature.
    expect(blocks[0]?.reasoningContent?.reasoningText?.signature).toBeUndefined();
    expect(blocks.at(-1)?.text).toBe("42 results");
  });

  it("maps a throttling fault to the SDK's ThrottlingException", async () => {
    emulator.setFaults({ "runtime.converse": { throttleEveryNth: 1 } });
    try {
      await expect(sigv4Client.send(new ConverseCommand({ modelId: "amazon.nova-lite-v1:0", messages: userSays("x") }))).rejects.toBeInstanceOf(ThrottlingException);
    } finally {
      emulator.setFaults({});
    }
  });

  it("surfaces a reset and a corrupt frame over HTTP/2 as stream errors, not a clean end", async () => {
    for (const faults of [{ resetAfterEvents: 2 }, { corruptFrameAt: 2 }]) {
      emulator.setFaults({ "runtime.converse-stream": faults });
      try {
        const response = await sigv4Client.send(new ConverseStreamCommand({ modelId: "amazon.nova-lite-v1:0", messages: userSays("a b c d") }));
        await expect(collect(response.stream)).rejects.toThrow();
      } finally {
        emulator.setFaults({});
      }
    }
  });

  it("delivers a mid-stream exception frame as the SDK's modeled exception", async () => {
    emulator.setFaults({ "runtime.converse-stream": { errorAfterEvents: 2 } });
    try {
      const response = await sigv4Client.send(new ConverseStreamCommand({ modelId: "amazon.nova-lite-v1:0", messages: userSays("a b c d") }));
      await expect(collect(response.stream)).rejects.toMatchObject({ name: "ModelStreamErrorException" });
    } finally {
      emulator.setFaults({});
    }
  });
});
