import { defaultEmulatedModels, startEmulator, type RunningEmulator } from "@bedrock-kit/emulator";
import type { Logger, StreamEvent } from "@bedrock-kit/plugin-host";
import conversePlugin from "@bedrock-kit/plugin-bedrock-converse";
import mantlePlugin from "@bedrock-kit/plugin-bedrock-mantle";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHost } from "../src/host/create-host.js";

// Issue 10 item 4 (docs/adr/1002-several-regions.md): one Mantle provider listing two regions.
// East lacks gemma-4 and west lacks gpt-oss-20b, so each has a model of its own; the rest are in both.

const SILENT: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const PROVIDER = "amazon-bedrock-mantle";
let east: RunningEmulator;
let west: RunningEmulator;

beforeAll(async () => {
  east = await startEmulator({
    region: "us-east-1",
    models: defaultEmulatedModels().filter((model) => model.mantle?.id !== "google.gemma-4-31b-it"),
  });
  west = await startEmulator({
    region: "us-west-2",
    credentials: [{ accessKeyId: east.accessKeyId, secretAccessKey: east.secretAccessKey }],
    models: defaultEmulatedModels().filter((model) => model.mantle?.id !== "openai.gpt-oss-20b"),
  });
});
afterAll(() => Promise.all([east.close(), west.close()]));

function hostFor(westUrl: string) {
  return createHost({
    config: {
      plugins: [],
      models: {
        providers: {
          [PROVIDER]: {
            regions: ["us-east-1", "us-west-2"],
            regionBaseUrls: { "us-east-1": east.mantleUrl, "us-west-2": westUrl },
            auth: "aws-sdk",
          },
        },
      },
    },
    plugins: [mantlePlugin, conversePlugin],
    env: { AWS_ACCESS_KEY_ID: east.accessKeyId, AWS_SECRET_ACCESS_KEY: east.secretAccessKey },
    logger: SILENT,
  });
}

async function finishOf(events: AsyncIterable<StreamEvent>) {
  let last: StreamEvent | undefined;
  for await (const event of events) last = event;
  if (last?.type !== "finish") throw new Error(`expected finish, got ${JSON.stringify(last)}`);
  return last;
}

const count = (emulator: RunningEmulator, route: string) => emulator.stats().requests[route] ?? 0;
const request = { messages: [{ role: "user" as const, content: "which region" }], maxTokens: 50 };

describe("a Mantle provider with several regions", () => {
  it("lists both regions' models, suffixing only the ids a later region repeats", async () => {
    const host = await hostFor(west.mantleUrl);
    const models = await host.listModels({ provider: PROVIDER });
    const byRef = new Map(models.map((model) => [model.ref, model]));
    expect(byRef.get(`${PROVIDER}/openai.gpt-oss-20b`)?.region).toBe("us-east-1");
    expect(byRef.get(`${PROVIDER}/google.gemma-4-31b-it`)?.region).toBe("us-west-2");
    expect(byRef.has(`${PROVIDER}/google.gemma-4-31b-it@us-west-2`)).toBe(false);
    const primary = byRef.get(`${PROVIDER}/openai.gpt-oss-120b`);
    const copy = byRef.get(`${PROVIDER}/openai.gpt-oss-120b@us-west-2`);
    expect(primary?.region).toBe("us-east-1");
    expect(primary?.baseUrl.startsWith(east.mantleUrl)).toBe(true);
    expect(copy).toMatchObject({ wireId: "openai.gpt-oss-120b", region: "us-west-2" });
    expect(copy?.baseUrl.startsWith(west.mantleUrl)).toBe(true);
    expect(new Set(models.map((model) => model.ref)).size).toBe(models.length);
    await host.close();
  });

  it("calls each model in its own region, with a token minted for that region", async () => {
    const host = await hostFor(west.mantleUrl);
    const before = { east: count(east, "mantle.chat"), west: count(west, "mantle.chat") };
    const westFinish = await finishOf(host.stream(`${PROVIDER}/openai.gpt-oss-120b@us-west-2`, request));
    expect(westFinish.metadata?.region).toBe("us-west-2");
    const eastFinish = await finishOf(host.stream(`${PROVIDER}/openai.gpt-oss-120b`, request));
    expect(eastFinish.metadata?.region).toBe("us-east-1");
    expect(count(west, "mantle.chat") - before.west).toBe(1);
    expect(count(east, "mantle.chat") - before.east).toBe(1);
    const eastAuth = await host.getRuntimeAuth(PROVIDER, { region: "us-east-1" });
    const westAuth = await host.getRuntimeAuth(PROVIDER, { region: "us-west-2" });
    expect(eastAuth.region).toBe("us-east-1");
    expect(westAuth.region).toBe("us-west-2");
    expect(eastAuth.headers.authorization).not.toBe(westAuth.headers.authorization);
    await host.close();
  });

  it("still lists one region when the other is down", async () => {
    const down = await startEmulator({ region: "us-west-2" });
    const downUrl = down.mantleUrl;
    await down.close();
    const host = await hostFor(downUrl);
    const refs = (await host.listModels({ provider: PROVIDER })).map((model) => model.ref);
    expect(refs).toContain(`${PROVIDER}/openai.gpt-oss-20b`);
    expect(refs).toContain(`${PROVIDER}/openai.gpt-oss-120b`);
    expect(refs.some((ref) => ref.endsWith("@us-west-2"))).toBe(false);
    expect(refs).not.toContain(`${PROVIDER}/google.gemma-4-31b-it`);
    await host.close();
  });

  it("keeps a previousResponseId chain in the region that stored the response", async () => {
    const host = await hostFor(west.mantleUrl);
    const before = { east: count(east, "mantle.responses"), west: count(west, "mantle.responses") };
    const first = await finishOf(host.stream(`${PROVIDER}/openai.gpt-5.5@us-west-2`, { ...request, store: true }));
    const responseId = first.metadata?.responseId;
    expect(responseId).toBeTypeOf("string");
    // The east entry of the same model: the continuation must still go west, where the response lives.
    const second = await finishOf(host.stream(`${PROVIDER}/openai.gpt-5.5`, { ...request, previousResponseId: responseId! }));
    expect(second.metadata?.region).toBe("us-west-2");
    expect(count(west, "mantle.responses") - before.west).toBe(2);
    expect(count(east, "mantle.responses") - before.east).toBe(0);
    await host.close();
  });
});

describe("a Converse provider with several regions", () => {
  it("places the curated catalog in each region, suffixes the repeats, and calls each in its region", async () => {
    const host = await createHost({
      config: {
        plugins: [],
        models: {
          providers: {
            "amazon-bedrock": {
              regions: ["us-east-1", "us-west-2"],
              regionBaseUrls: { "us-east-1": east.runtimeUrl, "us-west-2": west.runtimeUrl },
              auth: { credentials: ["aws-sigv4"] },
            },
          },
        },
      },
      plugins: [mantlePlugin, conversePlugin],
      env: { AWS_ACCESS_KEY_ID: east.accessKeyId, AWS_SECRET_ACCESS_KEY: east.secretAccessKey },
      logger: SILENT,
    });
    const models = await host.listModels({ provider: "amazon-bedrock" });
    const bare = models.find((model) => model.id === "openai.gpt-oss-120b-1:0");
    const copy = models.find((model) => model.id === "openai.gpt-oss-120b-1:0@us-west-2");
    expect(bare).toMatchObject({ region: "us-east-1" });
    expect(copy).toMatchObject({ region: "us-west-2", wireId: bare?.wireId });
    expect(new Set(models.map((model) => model.ref)).size).toBe(models.length);
    const before = { east: count(east, "runtime.converse-stream"), west: count(west, "runtime.converse-stream") };
    const finish = await finishOf(host.stream("amazon-bedrock/openai.gpt-oss-120b-1:0@us-west-2", request));
    expect(finish.metadata?.region).toBe("us-west-2");
    expect(count(west, "runtime.converse-stream") - before.west).toBe(1);
    expect(count(east, "runtime.converse-stream") - before.east).toBe(0);
    await host.close();
  });
});

describe("doctor with several regions (issue 10 item 5)", () => {
  const byRegion = <T extends { region?: string }>(items: readonly T[] | undefined, region: string) => (items ?? []).filter((item) => item.region === region);

  it("reports Mantle per region: credential source, reachability, model count and prices", async () => {
    const host = await hostFor(west.mantleUrl);
    const [report] = (await host.doctor()).filter((candidate) => candidate.provider === PROVIDER);
    expect(report?.regions).toEqual(["us-east-1", "us-west-2"]);
    expect(report?.endpoints).toEqual([east.mantleUrl.replace(/\/v1$/, ""), west.mantleUrl.replace(/\/v1$/, "")]);
    const [eastReport, westReport] = report!.regionReports!;
    for (const [regionReport, region] of [[eastReport, "us-east-1"], [westReport, "us-west-2"]] as const) {
      expect(regionReport?.region).toBe(region);
      expect(regionReport?.credentialSource).toBe("aws-sdk");
      expect(regionReport?.modelCount).toBeGreaterThan(0);
      const checks = byRegion(report!.checks, region).map((check) => [check.name, check.status]);
      expect(checks).toEqual([["region", "ok"], ["credentials", "ok"], ["endpoint", "ok"], ["models", "ok"]]);
    }
    // Each region counts the models called there; together they are the whole catalog.
    const models = await host.listModels({ provider: PROVIDER });
    expect(eastReport!.modelCount! + westReport!.modelCount!).toBe(models.length);
    expect(westReport?.modelCount).toBe(models.filter((model) => model.region === "us-west-2").length);
    expect(Object.keys(westReport!.prices!)).toContain("google.gemma-4-31b-it");
    expect(Object.keys(eastReport!.prices!)).not.toContain("google.gemma-4-31b-it");
    expect(westReport?.prices?.["openai.gpt-oss-120b@us-west-2"]).toEqual(eastReport?.prices?.["openai.gpt-oss-120b"]);
    await host.close();
  });

  it("fails only the region that is down, and says which", async () => {
    const down = await startEmulator({ region: "us-west-2" });
    const downUrl = down.mantleUrl;
    await down.close();
    const host = await hostFor(downUrl);
    const [report] = (await host.doctor()).filter((candidate) => candidate.provider === PROVIDER);
    const failing = report!.checks.filter((check) => check.status === "fail");
    expect(failing.map((check) => [check.name, check.region])).toEqual([["endpoint", "us-west-2"]]);
    expect(failing[0]?.hint).toBeTruthy();
    expect(byRegion(report!.checks, "us-east-1").every((check) => check.status === "ok")).toBe(true);
    expect(report!.regionReports?.[1]).toMatchObject({ region: "us-west-2", modelCount: 0 });
    expect(byRegion(report!.checks, "us-west-2").find((check) => check.name === "models")?.status).toBe("warn");
    await host.close();
  });

  it("reports Converse per region, each probed with a signature for its own region", async () => {
    const host = await createHost({
      config: {
        plugins: [],
        models: {
          providers: {
            "amazon-bedrock": {
              regions: ["us-east-1", "us-west-2"],
              regionBaseUrls: { "us-east-1": east.runtimeUrl, "us-west-2": west.runtimeUrl },
              regionControlPlaneUrls: { "us-east-1": east.controlPlaneUrl, "us-west-2": west.controlPlaneUrl },
              auth: { credentials: ["aws-sigv4"] },
            },
          },
        },
      },
      plugins: [mantlePlugin, conversePlugin],
      env: { AWS_ACCESS_KEY_ID: east.accessKeyId, AWS_SECRET_ACCESS_KEY: east.secretAccessKey },
      logger: SILENT,
    });
    const [report] = (await host.doctor()).filter((candidate) => candidate.provider === "amazon-bedrock");
    expect(report?.regions).toEqual(["us-east-1", "us-west-2"]);
    expect(report?.regionReports?.map((regionReport) => [regionReport.region, regionReport.credentialSource])).toEqual([
      ["us-east-1", "aws-sigv4"],
      ["us-west-2", "aws-sigv4"],
    ]);
    for (const region of ["us-east-1", "us-west-2"]) {
      expect(byRegion(report!.checks, region).map((check) => [check.name, check.status])).toEqual([
        ["region", "ok"],
        ["credentials", "ok"],
        ["endpoint", "ok"],
        ["models", "ok"],
      ]);
    }
    // Each region's probe is a signed ListInferenceProfiles on that region's own control plane.
    expect(report?.endpoints).toEqual([east.runtimeUrl, east.controlPlaneUrl, west.runtimeUrl, west.controlPlaneUrl]);
    const models = await host.listModels({ provider: "amazon-bedrock" });
    const total = report!.regionReports!.reduce((sum, regionReport) => sum + (regionReport.modelCount ?? 0), 0);
    expect(total).toBe(models.length);
    await host.close();
  });
});
