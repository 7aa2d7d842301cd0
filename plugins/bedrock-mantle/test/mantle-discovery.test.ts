import nock from "nock";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createNodeHttpTransport } from "@bedrock-kit/aws-auth";
import type { RuntimeAuth } from "@bedrock-kit/plugin-host";
import { MantleDiscovery, type MantleDiscoveryRequest } from "../src/mantle-discovery.js";
import { parseMantleModelsList } from "../src/parse-mantle-models-list.js";
import { FakeClock, readFixture } from "./helpers/mantle-test-context.js";

const ROOT = "https://bedrock-mantle.us-east-1.api.aws";
const transport = createNodeHttpTransport();
const BEARER: RuntimeAuth = { headers: { authorization: "Bearer key-one" }, source: "env:AWS_BEARER_TOKEN_BEDROCK" };

function request(overrides: Partial<MantleDiscoveryRequest> = {}): MantleDiscoveryRequest {
  return { root: ROOT, region: "us-east-1", auth: BEARER, identity: "bearer:one", transport, timeoutMs: 2_000, ttlMs: 3_600_000, ...overrides };
}

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

describe("parseMantleModelsList", () => {
  it("keeps string ids in order without duplicates and tolerates extra fields", () => {
    expect(parseMantleModelsList(readFixture("models-list/entries-without-ids-and-duplicates.json"))).toEqual(["openai.gpt-oss-120b", "qwen.qwen3-32b"]);
  });

  it("throws on bodies that are not a models list", () => {
    expect(() => parseMantleModelsList(readFixture("models-list/not-a-models-list.html"))).toThrow(/not JSON/);
    expect(() => parseMantleModelsList('{"models":[]}')).toThrow(/data/);
  });
});

describe("MantleDiscovery", () => {
  it("sends the auth headers and caches the list for the TTL on the injected clock", async () => {
    const clock = new FakeClock();
    const discovery = new MantleDiscovery(clock);
    const scope = nock(ROOT, { reqheaders: { authorization: "Bearer key-one" } })
      .get("/v1/models")
      .times(2)
      .reply(200, readFixture("models-list/all-surfaces.json"), { "content-type": "application/json" });

    const first = await discovery.list(request());
    expect(first.ids).toContain("anthropic.claude-opus-4-7");
    clock.advance(3_599_000);
    await discovery.list(request());
    expect(scope.pendingMocks()).toHaveLength(1); // still cached: one request so far
    clock.advance(2_000);
    await discovery.list(request());
    expect(scope.isDone()).toBe(true); // expired: fetched again
  });

  it("keys the cache by region and credential identity", async () => {
    const discovery = new MantleDiscovery(new FakeClock());
    const east = nock(ROOT).get("/v1/models").times(2).reply(200, readFixture("models-list/all-surfaces.json"));
    const west = nock("https://bedrock-mantle.us-west-2.api.aws").get("/v1/models").reply(200, readFixture("models-list/all-surfaces.json"));
    await discovery.list(request());
    await discovery.list(request({ identity: "bearer:two", auth: { headers: { authorization: "Bearer key-two" }, source: "x" } }));
    await discovery.list(request({ root: "https://bedrock-mantle.us-west-2.api.aws", region: "us-west-2" }));
    await discovery.list(request()); // cached
    expect(east.isDone()).toBe(true);
    expect(west.isDone()).toBe(true);
  });

  it("makes one request for 1,000 concurrent callers (single-flight)", async () => {
    const discovery = new MantleDiscovery(new FakeClock());
    let requests = 0;
    nock(ROOT)
      .get("/v1/models")
      .times(5)
      .delay(30)
      .reply(200, () => {
        requests += 1;
        return readFixture("models-list/all-surfaces.json");
      });
    const results = await Promise.all(Array.from({ length: 1000 }, () => discovery.list(request())));
    expect(requests).toBe(1);
    expect(new Set(results.map((result) => result.ids.length))).toEqual(new Set([18]));
  });

  it("lets one caller stop waiting without failing the shared request for the others", async () => {
    const discovery = new MantleDiscovery(new FakeClock());
    const scope = nock(ROOT).get("/v1/models").delay(50).reply(200, readFixture("models-list/all-surfaces.json"));
    const impatient = new AbortController();
    const first = discovery.list(request({ signal: impatient.signal }));
    const second = discovery.list(request());
    impatient.abort();
    await expect(first).rejects.toMatchObject({ code: "aborted" });
    await expect(second).resolves.toMatchObject({ stale: false });
    await expect(discovery.list(request())).resolves.toMatchObject({ stale: false }); // cached: no second request
    expect(scope.isDone()).toBe(true);
  });

  it("serves the last good list when a refresh fails, and does not cache the failure", async () => {
    const clock = new FakeClock();
    const discovery = new MantleDiscovery(clock);
    nock(ROOT).get("/v1/models").reply(200, readFixture("models-list/all-surfaces.json"));
    nock(ROOT).get("/v1/models").reply(503, "{}");
    const fresh = nock(ROOT).get("/v1/models").reply(200, readFixture("models-list/entries-without-ids-and-duplicates.json"));
    await discovery.list(request());
    clock.advance(3_600_001);
    const stale = await discovery.list(request());
    expect(stale).toMatchObject({ stale: true });
    expect(stale.ids).toHaveLength(18);
    const recovered = await discovery.list(request());
    expect(recovered).toEqual({ ids: ["openai.gpt-oss-120b", "qwen.qwen3-32b"], stale: false });
    expect(fresh.isDone()).toBe(true);
  });

  it("does not serve the last good list when a new credential is refused (a rotated-to-bad key must show)", async () => {
    const discovery = new MantleDiscovery(new FakeClock());
    nock(ROOT).get("/v1/models").reply(200, readFixture("models-list/all-surfaces.json"));
    nock(ROOT).get("/v1/models").reply(401, readFixture("errors/invalid-or-expired-key-401.json"));
    await discovery.list(request());
    const rotated = request({ auth: { headers: { authorization: "Bearer key-two" }, source: "env:AWS_BEARER_TOKEN_BEDROCK" }, identity: "bearer:two" });
    await expect(discovery.list(rotated)).rejects.toMatchObject({ code: "auth", status: 401 });
  });

  it("fails with a classified error when there is no last good list", async () => {
    const discovery = new MantleDiscovery(new FakeClock());
    nock(ROOT).get("/v1/models").reply(403, readFixture("errors/session-policy-denies-create-inference-403.json"));
    await expect(discovery.list(request())).rejects.toMatchObject({ code: "access-denied", status: 403 });
  });

  it("treats an empty list as a failure", async () => {
    const discovery = new MantleDiscovery(new FakeClock());
    nock(ROOT).get("/v1/models").reply(200, readFixture("models-list/empty-list.json"));
    await expect(discovery.list(request())).rejects.toMatchObject({ code: "unavailable" });
  });

  it("gives up at the timeout", async () => {
    const discovery = new MantleDiscovery(new FakeClock());
    nock(ROOT).get("/v1/models").delay(5_000).reply(200, readFixture("models-list/all-surfaces.json"));
    const startedAt = Date.now();
    await expect(discovery.list(request({ timeoutMs: 100 }))).rejects.toMatchObject({ code: "timeout" });
    expect(Date.now() - startedAt).toBeLessThan(3_000);
  });

  it("refuses bodies over the 4 MiB cap", async () => {
    const discovery = new MantleDiscovery(new FakeClock());
    const huge = JSON.stringify({ data: [{ id: "x".repeat(5 * 1024 * 1024) }] });
    nock(ROOT).get("/v1/models").reply(200, huge);
    await expect(discovery.list(request())).rejects.toMatchObject({ code: "unavailable" });
  });

  it("signs the request when the auth is a SigV4 signer", async () => {
    const discovery = new MantleDiscovery(new FakeClock());
    const signed: Array<{ method: string; url: string }> = [];
    const auth: RuntimeAuth = {
      headers: {},
      source: "aws-sigv4",
      sign: (request) => {
        signed.push({ method: request.method, url: request.url });
        return { authorization: "AWS4-HMAC-SHA256 Credential=test" };
      },
    };
    nock(ROOT, { reqheaders: { authorization: "AWS4-HMAC-SHA256 Credential=test" } })
      .get("/v1/models")
      .reply(200, readFixture("models-list/all-surfaces.json"));
    await discovery.list(request({ auth, identity: "sigv4:test" }));
    expect(signed).toEqual([{ method: "GET", url: `${ROOT}/v1/models` }]);
  });
});
