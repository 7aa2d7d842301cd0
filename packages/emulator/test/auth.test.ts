import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../src/index.js";
import { mintShortTermToken, postJson, rawRequest, signedRequest, type TestCredentials } from "./helpers.js";

let emulator: RunningEmulator;
let credentials: TestCredentials;
const restricted: TestCredentials = { accessKeyId: "AKIARESTRICTED000001", secretAccessKey: "restricted-secret" };

beforeAll(async () => {
  emulator = await startEmulator({
    credentials: [
      { accessKeyId: "AKIAEMULATORAUTH0001", secretAccessKey: "auth-test-secret" },
      { ...restricted, deniedActions: ["bedrock-mantle:CallWithBearerToken", "bedrock:InvokeModelWithResponseStream"] },
    ],
  });
  credentials = { accessKeyId: emulator.accessKeyId, secretAccessKey: emulator.secretAccessKey };
});
afterAll(() => emulator.close());

const chatBody = JSON.stringify({ model: "openai.gpt-oss-20b", messages: [{ role: "user", content: "signed hello" }] });
const converseBody = JSON.stringify({ messages: [{ role: "user", content: [{ text: "signed hello" }] }] });
const runtimePath = () => `${emulator.runtimeUrl}/model/us.anthropic.claude-haiku-4-5-20251001-v1%3A0/converse`;

function signedChat(overrides: Partial<Parameters<typeof signedRequest>[1]> = {}) {
  return signedRequest(`${emulator.mantleUrl}/v1/chat/completions`, {
    body: chatBody,
    headers: { "content-type": "application/json" },
    service: "bedrock-mantle",
    region: "us-east-1",
    credentials,
    ...overrides,
  });
}

function signedConverse(overrides: Partial<Parameters<typeof signedRequest>[1]> = {}) {
  return signedRequest(runtimePath(), {
    body: converseBody,
    headers: { "content-type": "application/json" },
    service: "bedrock",
    region: "us-east-1",
    credentials,
    ...overrides,
  });
}

describe("Mantle authentication", () => {
  it("accepts SigV4 signed for bedrock-mantle", async () => {
    const response = await signedChat();
    expect(response.status).toBe(200);
    expect(response.json().choices[0].message.content).toBe("signed hello");
  });

  it("rejects SigV4 signed for service bedrock, naming the expected service", async () => {
    const response = await signedChat({ service: "bedrock" });
    expect(response.status).toBe(401);
    expect(response.json().error).toMatchObject({ type: "authentication_error", message: "Credential should be scoped to correct service: 'bedrock-mantle'. " });
  });

  it("rejects a wrong or missing bearer key with invalid_api_key", async () => {
    for (const bearer of ["ABSKnot-a-real-key", undefined]) {
      const response = await postJson(`${emulator.mantleUrl}/v1/chat/completions`, bearer, JSON.parse(chatBody));
      expect(response.status).toBe(401);
      expect(response.json()).toEqual({ error: { code: "invalid_api_key", message: "Invalid bearer token", param: null, type: "authentication_error" } });
      expect(response.headers["x-amzn-requestid"]).toBeTruthy();
    }
  });

  it("accepts a minted short-term token and rejects an expired one or one minted for another region", async () => {
    const fresh = await mintShortTermToken(credentials, "us-east-1");
    expect((await postJson(`${emulator.mantleUrl}/v1/chat/completions`, fresh, JSON.parse(chatBody))).status).toBe(200);
    const expired = await mintShortTermToken(credentials, "us-east-1", { signingDate: new Date(Date.now() - 2 * 3600_000), expiresIn: 3600 });
    expect((await postJson(`${emulator.mantleUrl}/v1/chat/completions`, expired, JSON.parse(chatBody))).status).toBe(401);
    const otherRegion = await mintShortTermToken(credentials, "us-west-2");
    expect((await postJson(`${emulator.mantleUrl}/v1/chat/completions`, otherRegion, JSON.parse(chatBody))).status).toBe(401);
    const wrongSecret = await mintShortTermToken({ ...credentials, secretAccessKey: "not-the-secret" }, "us-east-1");
    expect((await postJson(`${emulator.mantleUrl}/v1/chat/completions`, wrongSecret, JSON.parse(chatBody))).status).toBe(401);
  });

  it("denies a token whose identity lacks bedrock-mantle:CallWithBearerToken, while the runtime accepts it", async () => {
    const token = await mintShortTermToken(restricted, "us-east-1");
    const mantle = await postJson(`${emulator.mantleUrl}/v1/chat/completions`, token, JSON.parse(chatBody));
    expect(mantle.status).toBe(403);
    expect(mantle.json().error).toMatchObject({
      code: "access_denied",
      type: "permission_denied_error",
      message: expect.stringContaining("is not authorized to perform: bedrock-mantle:CallWithBearerToken"),
    });
    const runtime = await postJson(runtimePath(), token, JSON.parse(converseBody));
    expect(runtime.status).toBe(200);
  });
});

describe("runtime authentication (AWS bodies and x-amzn-errortype)", () => {
  it("accepts SigV4 for service bedrock over a percent-encoded model id", async () => {
    const response = await signedConverse();
    expect(response.status).toBe(200);
    expect(response.json().output.message.content[0].text).toBe("signed hello");
  });

  it("rejects a wrong secret with InvalidSignatureException", async () => {
    const response = await signedConverse({ credentials: { ...credentials, secretAccessKey: "wrong" } });
    expect(response.status).toBe(403);
    expect(response.headers["x-amzn-errortype"]).toMatch(/^InvalidSignatureException:/);
    expect(response.json().message).toMatch(/^The request signature we calculated does not match the signature you provided/);
  });

  it("rejects an unknown access key as an invalid security token", async () => {
    const response = await signedConverse({ credentials: { accessKeyId: "AKIAUNKNOWN000000000", secretAccessKey: "x" } });
    expect(response.status).toBe(403);
    expect(response.json()).toEqual({ message: "The security token included in the request is invalid." });
  });

  it("rejects a signature dated 20 minutes ago as expired", async () => {
    const response = await signedConverse({ signingDate: new Date(Date.now() - 20 * 60_000) });
    expect(response.status).toBe(403);
    expect(response.json().message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 15 min\.\)$/);
  });

  it("rejects a body changed after signing", async () => {
    const response = await signedConverse({ tamper: (request) => (request.body = converseBody.replace("hello", "HELLO")) });
    expect(response.status).toBe(403);
    expect(response.json().message).toContain("does not match");
  });

  it("rejects the wrong service and the wrong region in the credential scope", async () => {
    const wrongService = await signedConverse({ service: "bedrock-mantle" });
    expect(wrongService.json().message).toBe("Credential should be scoped to correct service: 'bedrock'. ");
    const wrongRegion = await signedConverse({ region: "eu-west-1" });
    expect(wrongRegion.status).toBe(403);
    expect(wrongRegion.json().message).toContain("Credential should be scoped to a valid region");
  });

  it("answers a missing or invalid credential as AWS does", async () => {
    const missing = await rawRequest(runtimePath(), { method: "POST", headers: { "content-type": "application/json" }, body: converseBody });
    expect(missing.status).toBe(403);
    expect(missing.headers["x-amzn-errortype"]).toMatch(/^MissingAuthenticationTokenException:/);
    const badKey = await postJson(runtimePath(), "ABSKbogus", JSON.parse(converseBody));
    expect(badKey.status).toBe(403);
    expect(badKey.json()).toEqual({ Message: "Authentication failed: Please make sure your API Key is valid." });
    const expiredToken = await mintShortTermToken(credentials, "us-east-1", { signingDate: new Date(Date.now() - 3 * 3600_000), expiresIn: 900 });
    expect((await postJson(runtimePath(), expiredToken, JSON.parse(converseBody))).status).toBe(403);
  });

  it("returns the capital-M IAM denial for InvokeModelWithResponseStream with the profile ARN", async () => {
    const response = await signedRequest(`${emulator.runtimeUrl}/model/us.anthropic.claude-sonnet-4-6/converse-stream`, {
      body: converseBody,
      headers: { "content-type": "application/json" },
      service: "bedrock",
      region: "us-east-1",
      credentials: restricted,
    });
    expect(response.status).toBe(403);
    expect(response.headers["x-amzn-errortype"]).toMatch(/^AccessDeniedException:/);
    expect(response.json()).toEqual({
      Message:
        "User: arn:aws:iam::123456789012:user/emulator-2 is not authorized to perform: bedrock:InvokeModelWithResponseStream on resource: arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6 because no identity-based policy allows the bedrock:InvokeModelWithResponseStream action",
    });
  });

  it("accepts SigV4 for service bedrock on the control plane, with a query string", async () => {
    const response = await signedRequest(`${emulator.controlPlaneUrl}/foundation-models?byOutputModality=TEXT`, {
      method: "GET",
      service: "bedrock",
      region: "us-east-1",
      credentials,
    });
    expect(response.status).toBe(200);
    expect(response.json().modelSummaries.length).toBeGreaterThan(0);
  });
});
