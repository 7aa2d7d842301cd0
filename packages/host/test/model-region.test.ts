import { startEmulator, type RunningEmulator } from "@bedrock-kit/emulator";
import type { Logger, StreamEvent } from "@bedrock-kit/plugin-host";
import conversePlugin from "@bedrock-kit/plugin-bedrock-converse";
import mantlePlugin from "@bedrock-kit/plugin-bedrock-mantle";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHost } from "../src/host/create-host.js";

// Issue 10 (part of "several regions"): a configured model with its own `region` (and that region's
// `baseUrl`) is called there, with a token minted for that region; the provider's region serves the rest.

const SILENT: Logger = { debug() {}, info() {}, warn() {}, error() {} };
let east: RunningEmulator;
let west: RunningEmulator;

beforeAll(async () => {
  [east, west] = await Promise.all([startEmulator({ region: "us-east-1" }), startEmulator({ region: "us-west-2" })]);
});
afterAll(() => Promise.all([east.close(), west.close()]));

async function finishOf(events: AsyncIterable<StreamEvent>) {
  let last: StreamEvent | undefined;
  for await (const event of events) last = event;
  if (last?.type !== "finish") throw new Error(`expected finish, got ${JSON.stringify(last)}`);
  return last;
}

describe("a model entry's region", () => {
  it("Mantle: mints for the model's region and reports it in metadata; the provider region serves discovery", async () => {
    // Both emulators accept the same long-term keys only if given them: use east's keys on both.
    await west.close();
    west = await startEmulator({ region: "us-west-2", credentials: [{ accessKeyId: east.accessKeyId, secretAccessKey: east.secretAccessKey }] });
    const host = await createHost({
      config: {
        plugins: [],
        models: {
          providers: {
            "amazon-bedrock-mantle": {
              baseUrl: east.mantleUrl,
              region: "us-east-1",
              auth: "aws-sdk",
              models: [{ id: "gpt-oss-west", wireId: "openai.gpt-oss-20b", region: "us-west-2", baseUrl: `${west.mantleUrl}/v1` }],
            },
          },
        },
      },
      plugins: [mantlePlugin, conversePlugin],
      env: { AWS_ACCESS_KEY_ID: east.accessKeyId, AWS_SECRET_ACCESS_KEY: east.secretAccessKey },
      logger: SILENT,
    });
    const request = { messages: [{ role: "user" as const, content: "which region" }], maxTokens: 50 };
    const westBefore = west.stats().requests["mantle.chat"] ?? 0;
    const westFinish = await finishOf(host.stream("amazon-bedrock-mantle/gpt-oss-west", request));
    expect(westFinish.metadata?.region).toBe("us-west-2");
    expect((west.stats().requests["mantle.chat"] ?? 0) - westBefore).toBe(1);
    expect(west.stats().authKinds["short-term-token"]).toBeGreaterThan(0);

    const eastFinish = await finishOf(host.stream("amazon-bedrock-mantle/openai.gpt-oss-120b", request));
    expect(eastFinish.metadata?.region).toBe("us-east-1");
    const eastAuth = await host.getRuntimeAuth("amazon-bedrock-mantle", { region: "us-east-1" });
    const westAuth = await host.getRuntimeAuth("amazon-bedrock-mantle", { region: "us-west-2" });
    expect(eastAuth.headers.authorization).not.toBe(westAuth.headers.authorization);
    await host.close();
  });
});
