import { createNodeHttpTransport } from "@bedrock-kit/aws-auth";
import type { RuntimeAuth } from "@bedrock-kit/plugin-host";
import nock from "nock";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { fetchControlPlaneListing } from "../src/control-plane-discovery.js";
import { createDiscoveryCache } from "../src/discovery-cache.js";
import { readConverseFixture } from "./helpers/read-fixture.js";

const CONTROL_PLANE = "https://bedrock.us-east-1.amazonaws.com";
const transport = createNodeHttpTransport({ keepAlive: false });
const signingAuth: RuntimeAuth = {
  headers: {},
  source: "aws-sigv4",
  sign: (request) => ({ authorization: `TEST-SIGNED ${request.method} ${new URL(request.url).pathname}`, "x-amz-date": "20260101T000000Z" }),
};

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});

function pages(scope: nock.Scope): nock.Scope {
  return scope
    .get("/inference-profiles")
    .query({ maxResults: "1000" })
    .reply(200, readConverseFixture("control-plane/inference-profiles-us-east-1-page-1.json"))
    .get("/inference-profiles")
    .query({ maxResults: "1000", nextToken: "page-2-token" })
    .reply(200, readConverseFixture("control-plane/inference-profiles-us-east-1-page-2.json"))
    .get("/inference-profiles")
    .query({ maxResults: "1000", nextToken: "page-3-token" })
    .reply(200, readConverseFixture("control-plane/inference-profiles-us-east-1-page-3.json"));
}

describe("control-plane listing", () => {
  it("fetches foundation models and all three profile pages, every request signed", async () => {
    const seenAuthorization: string[] = [];
    const scope = nock(CONTROL_PLANE)
      .matchHeader("authorization", (value: string) => {
        seenAuthorization.push(value);
        return value.startsWith("TEST-SIGNED GET");
      })
      .get("/foundation-models")
      .reply(200, readConverseFixture("control-plane/foundation-models-us-east-1.json"));
    pages(scope);
    const listing = await fetchControlPlaneListing({ controlPlaneUrl: CONTROL_PLANE, region: "us-east-1", auth: signingAuth, transport });
    expect(listing.foundationModels).toHaveLength(9);
    expect(listing.profiles.map((profile) => profile.inferenceProfileId)).toEqual([
      "us.anthropic.claude-sonnet-4-6",
      "global.anthropic.claude-sonnet-4-6",
      "us.anthropic.claude-haiku-4-5-20251001-v1:0",
      "us.meta.llama4-maverick-17b-instruct-v1:0",
      "us.anthropic.claude-3-haiku-20240307-v1:0",
      "a1b2c3d4e5f6",
    ]);
    expect(seenAuthorization).toHaveLength(4);
    expect(scope.isDone()).toBe(true);
  });

  it("stops on a nextToken it has already followed", async () => {
    nock(CONTROL_PLANE)
      .get("/foundation-models")
      .reply(200, '{"modelSummaries":[]}')
      .get("/inference-profiles")
      .query(true)
      .times(2)
      .reply(200, '{"inferenceProfileSummaries":[],"nextToken":"same"}');
    const listing = await fetchControlPlaneListing({ controlPlaneUrl: CONTROL_PLANE, region: "us-east-1", auth: signingAuth, transport });
    expect(listing.profiles).toEqual([]);
  });

  it("rejects with a classified error naming the missing permission", async () => {
    nock(CONTROL_PLANE)
      .get("/foundation-models")
      .reply(403, '{"message":"User: arn:aws:iam::1:user/x is not authorized to perform: bedrock:ListFoundationModels on resource: *"}', {
        "x-amzn-errortype": "AccessDeniedException:http://internal.amazon.com/coral/com.amazon.bedrock/",
        "x-amzn-requestid": "cp-req-1",
      })
      .get("/inference-profiles")
      .query(true)
      .reply(200, '{"inferenceProfileSummaries":[]}');
    await expect(fetchControlPlaneListing({ controlPlaneUrl: CONTROL_PLANE, region: "us-east-1", auth: signingAuth, transport })).rejects.toMatchObject({
      code: "access-denied",
      requestId: "cp-req-1",
      hint: expect.stringContaining("bedrock:ListFoundationModels"),
    });
  });
});

describe("discovery cache", () => {
  it("serves one load per key within the TTL, single-flight, and reloads after it", async () => {
    let now = 1_000;
    const clock = { now: () => now };
    const cache = createDiscoveryCache<string[]>();
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise((resolve) => setTimeout(resolve, 5));
      return [`load-${loads}`];
    };
    const [first, concurrent] = await Promise.all([
      cache({ key: "us-east-1|AKID", ttlMs: 60_000, clock, load }),
      cache({ key: "us-east-1|AKID", ttlMs: 60_000, clock, load }),
    ]);
    expect(first).toEqual(["load-1"]);
    expect(concurrent).toBe(first);
    now += 59_999;
    expect(await cache({ key: "us-east-1|AKID", ttlMs: 60_000, clock, load })).toEqual(["load-1"]);
    expect(await cache({ key: "eu-west-1|AKID", ttlMs: 60_000, clock, load })).toEqual(["load-2"]);
    now += 1;
    expect(await cache({ key: "us-east-1|AKID", ttlMs: 60_000, clock, load })).toEqual(["load-3"]);
  });

  it("never caches a failure", async () => {
    const clock = { now: () => 0 };
    const cache = createDiscoveryCache<string[]>();
    let calls = 0;
    const failing = async (): Promise<string[]> => {
      calls++;
      if (calls === 1) throw new Error("control plane down");
      return ["ok"];
    };
    await expect(cache({ key: "k", ttlMs: 1000, clock, load: failing })).rejects.toThrow("control plane down");
    expect(await cache({ key: "k", ttlMs: 1000, clock, load: failing })).toEqual(["ok"]);
  });
});
