import { startEmulator, type RunningEmulator } from "@bedrock-kit/emulator";
import type { StreamEvent } from "@bedrock-kit/plugin-host";
import conversePlugin from "@bedrock-kit/plugin-bedrock-converse";
import mantlePlugin from "@bedrock-kit/plugin-bedrock-mantle";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHost } from "../src/host/create-host.js";
import { createRecordingLogger } from "./helpers/test-providers.js";

// Issue 10: cost from configured prices, CallMetadata on finish and error, one debug line per call.

const KEY_VAR = "ACCOUNTING_KEY";
const PRICES = { input: 1.5, output: 7, cacheRead: 0.25, cacheWrite: 2 };
const REQUEST = { messages: [{ role: "user" as const, content: "count these words please" }], maxTokens: 100 };
const PROVIDERS = [
  { name: "mantle", provider: "amazon-bedrock-mantle", id: "openai.gpt-oss-120b", route: "mantle.chat", api: "openai-completions" },
  { name: "converse", provider: "amazon-bedrock", id: "anthropic.claude-sonnet-4-6", route: "runtime.converse-stream", api: "bedrock-converse-stream" },
] as const;
const METADATA_FIELDS = ["requestId", "provider", "api", "wireId", "region", "attempts", "surfaceFallback", "latencyMs", "timeToFirstTokenMs"];

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ region: "us-west-2" });
});
afterAll(() => emulator.close());
beforeEach(() => emulator.setFaults({}));

function hostWith(models: Record<string, unknown[]> = {}) {
  const logger = createRecordingLogger();
  const host = createHost({
    config: {
      plugins: [],
      models: {
        providers: {
          "amazon-bedrock-mantle": { baseUrl: emulator.mantleUrl, region: emulator.region, apiKey: `env:${KEY_VAR}`, models: models.mantle ?? [] },
          "amazon-bedrock": {
            baseUrl: emulator.runtimeUrl,
            region: emulator.region,
            auth: { credentials: [`env:${KEY_VAR}`] },
            models: models.converse ?? [],
          },
        },
      },
    },
    plugins: [mantlePlugin, conversePlugin],
    env: { [KEY_VAR]: emulator.apiKey },
    logger,
  });
  return host.then((created) => ({ host: created, logger }));
}

async function collect(events: AsyncIterable<StreamEvent>): Promise<StreamEvent[]> {
  const collected: StreamEvent[] = [];
  for await (const event of events) collected.push(event);
  return collected;
}

describe.each(PROVIDERS)("$name: cost and call metadata", ({ name, provider, id, route, api }) => {
  it("a configured price replaces the catalog's and changes usage.cost exactly; models list shows it", async () => {
    const { host } = await hostWith({ [name]: [{ id, cost: PRICES }] });
    const listed = (await host.listModels({ provider })).find((model) => model.id === id);
    expect(listed?.cost).toEqual(PRICES);
    const events = await collect(host.stream(`${provider}/${id}`, REQUEST));
    const finish = events.at(-1);
    if (finish?.type !== "finish") throw new Error(`expected finish, got ${JSON.stringify(finish)}`);
    const { input, output, cacheRead, cacheWrite } = finish.usage;
    expect(input + output).toBeGreaterThan(0);
    const expected = (input * PRICES.input + output * PRICES.output + cacheRead * PRICES.cacheRead + cacheWrite * PRICES.cacheWrite) / 1_000_000;
    expect(finish.usage.cost).toBeCloseTo(expected, 12);
    await host.close();
  });

  it("finish carries every CallMetadata field, and the host logs one redacted debug line for the call", async () => {
    const { host, logger } = await hostWith();
    const events = await collect(host.stream(`${provider}/${id}`, REQUEST));
    const finish = events.at(-1);
    if (finish?.type !== "finish") throw new Error("expected finish");
    expect(Object.keys(finish.metadata ?? {})).toEqual(expect.arrayContaining(METADATA_FIELDS));
    expect(finish.metadata).toMatchObject({ provider, api, region: emulator.region, attempts: 1, surfaceFallback: false });
    expect(finish.metadata?.requestId).toMatch(/\S/);

    const lines = logger.records.filter((record) => record.level === "debug" && record.message === "call finished");
    expect(lines).toHaveLength(1);
    expect(lines[0]?.fields).toMatchObject({
      outcome: "ok",
      provider,
      api,
      wireId: finish.metadata?.wireId,
      region: emulator.region,
      requestId: finish.metadata?.requestId,
      attempts: 1,
      latencyMs: finish.metadata?.latencyMs,
      timeToFirstTokenMs: finish.metadata?.timeToFirstTokenMs,
      usage: { input: finish.usage.input, output: finish.usage.output, cacheRead: finish.usage.cacheRead, cacheWrite: finish.usage.cacheWrite },
    });
    if (finish.usage.cost !== undefined) expect(lines[0]?.fields?.cost).toBe(finish.usage.cost);
    expect(JSON.stringify(logger.records)).not.toContain(emulator.apiKey);
    await host.close();
  });

  it("an error after the first event carries every CallMetadata field (timeToFirstTokenMs once text came), and is logged once", async () => {
    emulator.setFaults({ [route]: { errorAfterEvents: 3 } });
    const { host, logger } = await hostWith();
    const events = await collect(host.stream(`${provider}/${id}`, REQUEST));
    const last = events.at(-1);
    if (last?.type !== "error") throw new Error(`expected error, got ${JSON.stringify(last)}`);
    const metadata = (last.metadata ?? last.error.metadata) as Record<string, unknown> | undefined;
    const sawText = events.some((event) => event.type === "text-delta");
    const required = sawText ? METADATA_FIELDS : METADATA_FIELDS.filter((field) => field !== "timeToFirstTokenMs");
    expect(Object.keys(metadata ?? {})).toEqual(expect.arrayContaining(required));
    expect(metadata).toMatchObject({ provider, api, region: emulator.region });
    const lines = logger.records.filter((record) => record.level === "debug" && record.message === "call failed");
    expect(lines).toHaveLength(1);
    expect(lines[0]?.fields).toMatchObject({ outcome: last.error.code, provider, requestId: metadata?.requestId });
    await host.close();
  });
});
