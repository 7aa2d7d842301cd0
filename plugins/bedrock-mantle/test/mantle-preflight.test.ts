import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createNodeHttpTransport } from "@bedrock-kit/aws-auth";
import { isPlugin, type PluginApi, type Provider } from "@bedrock-kit/plugin-host";
import plugin from "../src/index.js";
import { createMantleProvider } from "../src/mantle-provider.js";
import { createTestContext, FAKE_API_KEY, readFixture, type TestContextOptions } from "./helpers/mantle-test-context.js";

const ROOT = "https://bedrock-mantle.us-east-1.api.aws";

function setup(options: TestContextOptions = {}) {
  const provider = createMantleProvider({
    credentialProviderFactory: () => () => Promise.reject(new Error("Could not load credentials from any providers")),
    transport: createNodeHttpTransport(),
  });
  return { provider, context: createTestContext(provider, { env: { AWS_BEARER_TOKEN_BEDROCK: FAKE_API_KEY }, ...options }) };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("preflight", () => {
  it("reports the credential source (never the secret), region, endpoint and model count", async () => {
    nock(ROOT).get("/v1/models").times(2).reply(200, readFixture("models-list/all-surfaces.json"));
    const { provider, context } = setup();
    const report = await provider.preflight(context);
    expect(report).toMatchObject({
      provider: "amazon-bedrock-mantle",
      credentialSource: "env:AWS_BEARER_TOKEN_BEDROCK",
      regions: ["us-east-1"],
      endpoints: [ROOT],
      modelCount: 18,
    });
    expect(report.checks.map((check) => [check.name, check.status])).toEqual([
      ["region", "ok"],
      ["credentials", "ok"],
      ["endpoint", "ok"],
      ["models", "ok"],
    ]);
    expect(report.prices?.["anthropic.claude-opus-4-7"]?.input).toBe(5);
    expect(JSON.stringify(report)).not.toContain(FAKE_API_KEY);
  });

  it("says why an unsupported region is skipped", async () => {
    const { provider, context } = setup({ config: { region: "us-west-1" } });
    const report = await provider.preflight(context);
    expect(report.checks).toEqual([expect.objectContaining({ name: "region", status: "fail" })]);
    expect(report.checks[0]?.detail).toContain("us-west-1");
    expect(report.checks[0]?.hint).toContain("ap-southeast-2");
  });

  it("names what is missing when there is no credential", async () => {
    const { provider, context } = setup({ env: {} });
    const report = await provider.preflight(context);
    expect(report.checks.at(-1)).toMatchObject({ name: "credentials", status: "fail" });
    expect(report.checks.at(-1)?.hint).toContain("AWS_BEARER_TOKEN_BEDROCK");
  });

  it("names the missing IAM action when the endpoint refuses", async () => {
    nock(ROOT).get("/v1/models").times(2).reply(403, readFixture("errors/session-policy-denies-create-inference-403.json"));
    const { provider, context } = setup();
    const report = await provider.preflight(context);
    const endpoint = report.checks.find((check) => check.name === "endpoint");
    expect(endpoint?.status).toBe("fail");
    expect(endpoint?.hint).toContain("bedrock-mantle:CreateInference");
    expect(report.checks.find((check) => check.name === "models")?.status).toBe("warn");
  });
});

describe("preflight with several regions", () => {
  it("checks every region on its own, including a region only a configured model names", async () => {
    nock(ROOT).get("/v1/models").times(2).reply(200, readFixture("models-list/all-surfaces.json"));
    nock("https://bedrock-mantle.eu-west-1.api.aws").get("/v1/models").reply(200, { object: "list", data: [] });
    const { provider, context } = setup({
      config: {
        regions: ["us-east-1", "us-west-1"],
        models: [{ id: "openai.gpt-oss-120b", region: "eu-west-1" }],
      },
    });
    const report = await provider.preflight(context);
    expect(report.regions).toEqual(["us-east-1", "us-west-1", "eu-west-1"]);
    const statusOf = (region: string) => report.checks.filter((check) => check.region === region).map((check) => [check.name, check.status]);
    expect(statusOf("us-east-1")).toEqual([["region", "ok"], ["credentials", "ok"], ["endpoint", "ok"], ["models", "ok"]]);
    // us-west-1 has no Mantle: said once, with the regions that do, and nothing probed there.
    expect(statusOf("us-west-1")).toEqual([["region", "fail"]]);
    expect(report.checks.find((check) => check.region === "us-west-1")?.hint).toContain("us-east-1");
    expect(statusOf("eu-west-1")).toEqual([["region", "ok"], ["credentials", "ok"], ["endpoint", "ok"], ["models", "ok"]]);
    expect(report.endpoints).toEqual([ROOT, "https://bedrock-mantle.eu-west-1.api.aws"]);
    const eu = report.regionReports?.find((regionReport) => regionReport.region === "eu-west-1");
    expect(eu).toMatchObject({ credentialSource: "env:AWS_BEARER_TOKEN_BEDROCK", modelCount: 1 });
    // The configured entry overrides the discovered one of the same id, region included.
    expect(Object.keys(eu?.prices ?? {})).toEqual(["openai.gpt-oss-120b"]);
    expect(report.regionReports?.[0]?.prices).not.toHaveProperty("openai.gpt-oss-120b");
    expect(report.regionReports?.find((regionReport) => regionReport.region === "us-west-1")).toEqual({ region: "us-west-1", modelCount: 0, prices: {} });
    expect(report.modelCount).toBe(report.regionReports!.reduce((sum, regionReport) => sum + (regionReport.modelCount ?? 0), 0));
    expect(nock.isDone()).toBe(true);
  });
});

describe("plugin", () => {
  it("registers the amazon-bedrock-mantle provider", () => {
    const registered: Provider<unknown>[] = [];
    const api: PluginApi = { registerProvider: (provider) => void registered.push(provider as Provider<unknown>) };
    expect(isPlugin(plugin)).toBe(true);
    plugin.register(api);
    expect(registered.map((provider) => provider.id)).toEqual(["amazon-bedrock-mantle"]);
    expect(registered[0]?.envVars).toContain("AWS_BEARER_TOKEN_BEDROCK");
  });
});
