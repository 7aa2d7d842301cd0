import { BedrockRuntimeClient, ConverseStreamCommand } from "@aws-sdk/client-bedrock-runtime";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../src/index.js";
import { mintShortTermToken, movableClock, postJson, signedRequest, type TestCredentials } from "./helpers.js";

const ROLE = "arn:aws:iam::123456789012:role/gateway-bedrock";
const PARTNER_ROLE = "arn:aws:iam::123456789012:role/partner";
const clock = movableClock();
let emulator: RunningEmulator;
let caller: TestCredentials;

beforeAll(async () => {
  emulator = await startEmulator({
    clock,
    roles: [
      { roleArn: ROLE, maxSessionDurationSeconds: 7200 },
      { roleArn: PARTNER_ROLE, externalId: "ext-123", deniedActions: ["bedrock:InvokeModelWithResponseStream"] },
    ],
  });
  caller = { accessKeyId: emulator.accessKeyId, secretAccessKey: emulator.secretAccessKey };
});
afterAll(() => emulator.close());

function assumeRole(parameters: Record<string, string>, options: { credentials?: TestCredentials; service?: string; viaQuery?: boolean } = {}) {
  const form = new URLSearchParams({ Action: "AssumeRole", Version: "2011-06-15", ...parameters }).toString();
  return signedRequest(options.viaQuery ? `${emulator.stsUrl}/?${form}` : `${emulator.stsUrl}/`, {
    method: options.viaQuery ? "GET" : "POST",
    ...(options.viaQuery ? {} : { body: form, headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" } }),
    service: options.service ?? "sts",
    region: "us-east-1",
    credentials: options.credentials ?? caller,
  });
}

function element(xml: string, name: string): string {
  const match = new RegExp(`<${name}>([^<]*)</${name}>`).exec(xml);
  if (!match?.[1]) throw new Error(`no <${name}> in ${xml}`);
  return match[1];
}

function credentialsFrom(xml: string): Required<TestCredentials> & { expiration: string } {
  return {
    accessKeyId: element(xml, "AccessKeyId"),
    secretAccessKey: element(xml, "SecretAccessKey"),
    sessionToken: element(xml, "SessionToken"),
    expiration: element(xml, "Expiration"),
  };
}

describe("STS AssumeRole", () => {
  it("returns AssumeRoleResponse XML with ASIA credentials that the runtime then accepts through the SDK", async () => {
    const response = await assumeRole({ RoleArn: ROLE, RoleSessionName: "gateway-session", DurationSeconds: "900" });
    expect(response.status).toBe(200);
    expect(response.headers["content-type"]).toContain("text/xml");
    const issued = credentialsFrom(response.text);
    expect(issued.accessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(element(response.text, "Arn")).toBe("arn:aws:sts::123456789012:assumed-role/gateway-bedrock/gateway-session");
    expect(Date.parse(issued.expiration) - clock.now()).toBeGreaterThan(890_000);

    const client = new BedrockRuntimeClient({
      region: "us-east-1",
      endpoint: emulator.runtimeUrl,
      credentials: { ...issued, expiration: new Date(issued.expiration) },
      maxAttempts: 1,
    });
    try {
      const streamed = await client.send(new ConverseStreamCommand({ modelId: "us.anthropic.claude-haiku-4-5-20251001-v1:0", messages: [{ role: "user", content: [{ text: "from a role" }] }] }));
      let text = "";
      for await (const event of streamed.stream ?? []) text += event.contentBlockDelta?.delta?.text ?? "";
      expect(text).toBe("from a role");
      expect(emulator.stats().authKinds["sigv4-session"]).toBeGreaterThan(0);
    } finally {
      client.destroy();
    }
  });

  it("accepts a token minted from session credentials on Mantle, and rejects session credentials once expired", async () => {
    const issued = credentialsFrom((await assumeRole({ RoleArn: ROLE, RoleSessionName: "minting" })).text);
    const token = await mintShortTermToken(issued, "us-east-1");
    const chat = { model: "openai.gpt-oss-20b", messages: [{ role: "user", content: "minted from role" }] };
    expect((await postJson(`${emulator.mantleUrl}/v1/chat/completions`, token, chat)).status).toBe(200);

    clock.advance(2 * 3600_000);
    try {
      const expired = await signedRequest(`${emulator.runtimeUrl}/model/amazon.nova-lite-v1%3A0/converse`, {
        body: JSON.stringify({ messages: [{ role: "user", content: [{ text: "late" }] }] }),
        service: "bedrock",
        region: "us-east-1",
        credentials: issued,
        signingDate: new Date(clock.now()),
      });
      expect(expired.status).toBe(403);
      expect(expired.headers["x-amzn-errortype"]).toMatch(/^ExpiredTokenException:/);
      expect((await postJson(`${emulator.mantleUrl}/v1/chat/completions`, token, chat)).status).toBe(401);
    } finally {
      clock.advance(-2 * 3600_000);
    }
  });

  it("accepts the query-string form of the call", async () => {
    const response = await assumeRole({ RoleArn: ROLE, RoleSessionName: "query-form" }, { viaQuery: true });
    expect(response.status).toBe(200);
  });

  it("requires the role's ExternalId and carries the role's permissions into the session", async () => {
    const withoutId = await assumeRole({ RoleArn: PARTNER_ROLE, RoleSessionName: "partner" });
    expect(withoutId.status).toBe(403);
    expect(element(withoutId.text, "Code")).toBe("AccessDenied");
    const withId = await assumeRole({ RoleArn: PARTNER_ROLE, RoleSessionName: "partner", ExternalId: "ext-123" });
    expect(withId.status).toBe(200);
    const denied = await signedRequest(`${emulator.runtimeUrl}/model/us.amazon.nova-lite-v1%3A0/converse-stream`, {
      body: JSON.stringify({ messages: [{ role: "user", content: [{ text: "x" }] }] }),
      service: "bedrock",
      region: "us-east-1",
      credentials: credentialsFrom(withId.text),
    });
    expect(denied.status).toBe(403);
    expect(denied.json().Message).toContain("assumed-role/partner/partner is not authorized to perform: bedrock:InvokeModelWithResponseStream");
  });

  it("enforces DurationSeconds bounds, the role's maximum and the role-chaining limit", async () => {
    const tooShort = await assumeRole({ RoleArn: ROLE, RoleSessionName: "s", DurationSeconds: "60" });
    expect(tooShort.status).toBe(400);
    const overRoleMax = await assumeRole({ RoleArn: PARTNER_ROLE, RoleSessionName: "long", ExternalId: "ext-123", DurationSeconds: "7200" });
    expect(element(overRoleMax.text, "Message")).toBe("The requested DurationSeconds exceeds the MaxSessionDuration set for this role.");
    const session = credentialsFrom((await assumeRole({ RoleArn: ROLE, RoleSessionName: "first-hop" })).text);
    const chained = await assumeRole({ RoleArn: ROLE, RoleSessionName: "second-hop", DurationSeconds: "7200" }, { credentials: session });
    expect(element(chained.text, "Message")).toContain("role chaining");
  });

  it("checks the caller's signature for service sts", async () => {
    const wrongService = await assumeRole({ RoleArn: ROLE, RoleSessionName: "x1" }, { service: "bedrock" });
    expect(wrongService.status).toBe(403);
    expect(element(wrongService.text, "Code")).toBe("SignatureDoesNotMatch");
    const wrongSecret = await assumeRole({ RoleArn: ROLE, RoleSessionName: "x2" }, { credentials: { ...caller, secretAccessKey: "nope" } });
    expect(element(wrongSecret.text, "Code")).toBe("SignatureDoesNotMatch");
    const unknownRole = await assumeRole({ RoleArn: "arn:aws:iam::123456789012:role/other", RoleSessionName: "x3" });
    expect(element(unknownRole.text, "Code")).toBe("AccessDenied");
  });
});
