import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../src/index.js";
import { rawRequest } from "./helpers.js";

let emulator: RunningEmulator;

beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(() => emulator.close());

function get(path: string) {
  return rawRequest(`${emulator.controlPlaneUrl}${path}`, { headers: { authorization: `Bearer ${emulator.apiKey}` } });
}

describe("control plane", () => {
  it("lists foundation models in AWS's summary shape", async () => {
    const { modelSummaries } = (await get("/foundation-models")).json();
    const sonnet = modelSummaries.find((summary: { modelId: string }) => summary.modelId === "anthropic.claude-sonnet-4-6");
    expect(sonnet).toEqual({
      modelArn: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-6",
      modelId: "anthropic.claude-sonnet-4-6",
      modelName: "Claude Sonnet 4.6",
      providerName: "Anthropic",
      inputModalities: ["TEXT", "IMAGE"],
      outputModalities: ["TEXT"],
      responseStreamingSupported: true,
      customizationsSupported: [],
      inferenceTypesSupported: ["INFERENCE_PROFILE"],
      modelLifecycle: { status: "ACTIVE" },
    });
    // GPT-5.x on Mantle is not enumerated by the control plane (facts §3.7).
    expect(modelSummaries.some((summary: { modelId: string }) => summary.modelId.startsWith("openai.gpt-5.5"))).toBe(false);
  });

  it("filters by output modality, inference type and provider", async () => {
    const ids = async (query: string) => (await get(`/foundation-models?${query}`)).json().modelSummaries.map((summary: { modelId: string }) => summary.modelId);
    const embedding = await ids("byOutputModality=EMBEDDING");
    expect(embedding).toEqual(["amazon.titan-embed-text-v2:0"]);
    const onDemand = await ids("byInferenceType=ON_DEMAND");
    expect(onDemand).toContain("amazon.nova-pro-v1:0");
    expect(onDemand).not.toContain("anthropic.claude-sonnet-4-6");
    expect(await ids("byProvider=meta")).toEqual(["meta.llama4-maverick-17b-instruct-v1:0"]);
    const invalid = await get("/foundation-models?byOutputModality=VIDEO");
    expect(invalid.status).toBe(400);
    expect(invalid.json().message).toContain("Member must satisfy enum value set: [TEXT, IMAGE, EMBEDDING]");
  });

  it("paginates inference profiles with a small default page and nextToken", async () => {
    const ids: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = (await get(`/inference-profiles${token ? `?nextToken=${encodeURIComponent(token)}` : ""}`)).json();
      expect(page.inferenceProfileSummaries.length).toBeLessThanOrEqual(5);
      ids.push(...page.inferenceProfileSummaries.map((summary: { inferenceProfileId: string }) => summary.inferenceProfileId));
      token = page.nextToken;
      pages += 1;
    } while (token);
    expect(pages).toBeGreaterThan(1);
    expect(ids).toEqual(expect.arrayContaining(["us.anthropic.claude-sonnet-4-6", "global.anthropic.claude-opus-4-7", "us.meta.llama4-maverick-17b-instruct-v1:0"]));
    // Only the geographies of us-east-1 are served.
    expect(ids.every((id) => id.startsWith("us.") || id.startsWith("global."))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("describes a profile with the foundation-model ARNs of its source regions", async () => {
    const page = (await get("/inference-profiles?maxResults=1000")).json();
    expect(page.nextToken).toBeUndefined();
    const profile = page.inferenceProfileSummaries.find((summary: { inferenceProfileId: string }) => summary.inferenceProfileId === "us.anthropic.claude-sonnet-4-6");
    expect(profile).toMatchObject({
      inferenceProfileArn: "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-sonnet-4-6",
      status: "ACTIVE",
      type: "SYSTEM_DEFINED",
      models: [
        { modelArn: "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-sonnet-4-6" },
        { modelArn: "arn:aws:bedrock:us-east-2::foundation-model/anthropic.claude-sonnet-4-6" },
        { modelArn: "arn:aws:bedrock:us-west-2::foundation-model/anthropic.claude-sonnet-4-6" },
      ],
    });
  });

  it("rejects out-of-range maxResults and a forged nextToken", async () => {
    expect((await get("/inference-profiles?maxResults=0")).status).toBe(400);
    expect((await get("/inference-profiles?nextToken=garbage")).status).toBe(400);
  });

  it("answers an unknown operation as coral does", async () => {
    const response = await get("/custom-models");
    expect(response.status).toBe(404);
    expect(response.json()).toEqual({ Output: { __type: "com.amazon.coral.service#UnknownOperationException" }, Version: "1.0" });
  });
});
