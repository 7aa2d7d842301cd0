import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createConverseProvider } from "../src/converse-provider.js";
import { createTestHarness, TEST_CREDENTIALS } from "./helpers/converse-test-context.js";

const BEARER = "test-bearer-key-never-printed-0123456789"; // pragma: allowlist secret

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

describe("preflight()", () => {
  it("with a bearer key: names the source (never the key), probes the runtime host, counts models", async () => {
    const probe = nock("https://bedrock-runtime.us-west-2.amazonaws.com").get("/").reply(404, '{"message":"Not Found"}');
    const provider = createConverseProvider();
    const harness = createTestHarness(provider, { env: { AWS_BEARER_TOKEN_BEDROCK: BEARER, AWS_REGION: "us-west-2" } });
    const report = await provider.preflight(harness.context);
    expect(probe.isDone()).toBe(true);
    expect(report).toMatchObject({
      provider: "amazon-bedrock",
      credentialSource: "env:AWS_BEARER_TOKEN_BEDROCK",
      regions: ["us-west-2"],
      endpoints: ["https://bedrock-runtime.us-west-2.amazonaws.com"],
    });
    expect(report.modelCount).toBeGreaterThan(10);
    expect(report.prices?.["anthropic.claude-sonnet-4-6"]).toMatchObject({ input: 3.3 });
    expect(report.checks.map((check) => [check.name, check.status])).toEqual([
      ["region", "ok"],
      ["credentials", "ok"],
      ["endpoint", "ok"],
      ["models", "ok"],
    ]);
    expect(JSON.stringify(report)).not.toContain(BEARER);
  });

  it("with SigV4: one signed ListInferenceProfiles (maxResults=1) on the control plane", async () => {
    const probe = nock("https://bedrock.us-east-1.amazonaws.com")
      .matchHeader("authorization", /^AWS4-HMAC-SHA256 /)
      .get("/inference-profiles")
      .query({ maxResults: "1" })
      .reply(200, '{"inferenceProfileSummaries":[]}');
    const provider = createConverseProvider({ credentialProviderFactory: () => async () => TEST_CREDENTIALS });
    const harness = createTestHarness(provider, { config: { auth: { credentials: ["aws-sigv4"] } } });
    const report = await provider.preflight(harness.context);
    expect(probe.isDone()).toBe(true);
    expect(report.credentialSource).toBe("aws-sigv4");
    expect(report.endpoints).toEqual(["https://bedrock-runtime.us-east-1.amazonaws.com", "https://bedrock.us-east-1.amazonaws.com"]);
    expect(report.checks.find((check) => check.name === "endpoint")?.status).toBe("ok");
    expect(JSON.stringify(report)).not.toContain(TEST_CREDENTIALS.secretAccessKey);
  });

  it("warns, not fails, when the endpoint answers but listing is denied", async () => {
    nock("https://bedrock.us-east-1.amazonaws.com")
      .get("/inference-profiles")
      .query(true)
      .reply(403, '{"message":"User: x is not authorized to perform: bedrock:ListInferenceProfiles on resource: *"}', { "x-amzn-errortype": "AccessDeniedException" });
    const provider = createConverseProvider({ credentialProviderFactory: () => async () => TEST_CREDENTIALS });
    const harness = createTestHarness(provider, { config: { auth: { credentials: ["aws-sigv4"] } } });
    const endpoint = (await provider.preflight(harness.context)).checks.find((check) => check.name === "endpoint");
    expect(endpoint).toMatchObject({ status: "warn", hint: expect.stringContaining("bedrock:ListInferenceProfiles") });
  });

  it("fails the credentials check with the resolver's hint when nothing resolves", async () => {
    const provider = createConverseProvider({
      credentialProviderFactory: () => async () => {
        throw Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" });
      },
    });
    const harness = createTestHarness(provider);
    const report = await provider.preflight(harness.context);
    expect(report.credentialSource).toBeUndefined();
    expect(report.checks.find((check) => check.name === "credentials")).toMatchObject({ status: "fail", hint: expect.stringContaining("AWS_BEARER_TOKEN_BEDROCK") });
    expect(report.checks.find((check) => check.name === "endpoint")?.status).toBe("skip");
  });

  it("fails the endpoint check when the host cannot be reached", async () => {
    // A loopback port nobody listens on: the connection is refused at once.
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    await new Promise((resolve) => server.close(resolve));
    nock.enableNetConnect("127.0.0.1");
    try {
      const provider = createConverseProvider();
      const harness = createTestHarness(provider, { env: { AWS_BEARER_TOKEN_BEDROCK: BEARER }, config: { baseUrl: `http://127.0.0.1:${port}` } });
      const endpoint = (await provider.preflight(harness.context)).checks.find((check) => check.name === "endpoint");
      expect(endpoint?.status).toBe("fail");
      expect(endpoint?.hint).toBeTruthy();
    } finally {
      nock.disableNetConnect();
    }
  });
});
