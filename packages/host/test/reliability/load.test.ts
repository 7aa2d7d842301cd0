import { monitorEventLoopDelay } from "node:perf_hooks";
import type { Plugin, Provider } from "@bedrock-kit/plugin-host";
import conversePlugin from "@bedrock-kit/plugin-bedrock-converse";
import mantlePlugin from "@bedrock-kit/plugin-bedrock-mantle";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createHost } from "../../src/host/create-host.js";
import { SILENT_LOGGER, run, startEmulator, type RunningEmulator } from "./reliability-harness.js";

const STREAMS = 1_000;

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

/** The plugin with every provider's `prepareRuntimeAuth` counted (each Mantle preparation mints one token). */
function countingAuth(plugin: Plugin, counts: Record<string, number>): Plugin {
  return {
    ...plugin,
    register(api) {
      plugin.register({
        registerProvider<Config>(provider: Provider<Config>) {
          const counted = Object.create(provider) as Provider<Config>;
          counted.prepareRuntimeAuth = (context) => {
            counts[provider.id] = (counts[provider.id] ?? 0) + 1;
            return provider.prepareRuntimeAuth(context);
          };
          api.registerProvider(counted);
        },
      });
    },
  };
}

it(`${STREAMS} concurrent streams through the host: all complete and correct, one discovery, one token mint`, async () => {
  const authPreparations: Record<string, number> = {};
  const host = await createHost({
    config: {
      models: {
        providers: {
          // No apiKey in the env: the provider mints a short-term token from the IAM credentials.
          "amazon-bedrock-mantle": { baseUrl: emulator.mantleUrl, auth: "aws-sdk", region: emulator.region },
        },
      },
    },
    plugins: [countingAuth(mantlePlugin, authPreparations), conversePlugin],
    env: { AWS_ACCESS_KEY_ID: emulator.accessKeyId, AWS_SECRET_ACCESS_KEY: emulator.secretAccessKey, AWS_REGION: emulator.region },
    logger: SILENT_LOGGER,
  });
  const ref = "amazon-bedrock-mantle/mistral.mistral-large-3-675b-instruct";
  const modelsBefore = emulator.stats().requests["mantle.models"] ?? 0;
  const heapBefore = process.memoryUsage().heapUsed;
  const delay = monitorEventLoopDelay({ resolution: 10 });
  delay.enable();
  const started = performance.now();

  const outcomes = await Promise.all(
    Array.from({ length: STREAMS }, (_, index) => run(host.stream(ref, { messages: [{ role: "user", content: `stream ${index} says hello` }], maxTokens: 64 }))),
  );

  const elapsedMs = performance.now() - started;
  delay.disable();
  const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
  const p99Ms = delay.percentile(99) / 1e6;
  const maxMs = delay.max / 1e6;

  const failures = outcomes.filter((outcome) => outcome.error !== undefined || outcome.finish === undefined);
  expect(failures.map((outcome) => outcome.error?.message)).toEqual([]);
  outcomes.forEach((outcome, index) => expect(outcome.text.trim()).toBe(`stream ${index} says hello`));
  expect((emulator.stats().requests["mantle.models"] ?? 0) - modelsBefore).toBe(1);
  expect(authPreparations["amazon-bedrock-mantle"]).toBe(1);
  // Every call carried the minted short-term token (no key was configured).
  expect(emulator.stats().authKinds["short-term-token"] ?? 0).toBeGreaterThanOrEqual(STREAMS);
  // Generous bounds: they prove "bounded", not a speed.
  expect(heapGrowthMb).toBeLessThan(512);
  expect(elapsedMs).toBeLessThan(20_000);
  console.log(
    `[reliability] load: ${STREAMS} streams in ${Math.round(elapsedMs)} ms, heap growth ${heapGrowthMb.toFixed(1)} MB, ` +
      `event-loop delay p99 ${p99Ms.toFixed(1)} ms (max ${maxMs.toFixed(1)} ms), auth preparations ${JSON.stringify(authPreparations)}, ` +
      `auth kinds ${JSON.stringify(emulator.stats().authKinds)}`,
  );
  await host.close();
}, 30_000);
