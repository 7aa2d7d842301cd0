import { describe, expect, it } from "vitest";
import type { SignableRequest } from "@bedrock-kit/plugin-host";
import { canonicalPath, canonicalQuery, readWireUrl } from "../src/sigv4-canonical.js";
import { createSigV4Signer, createWireSigner } from "../src/sigv4-signer.js";
import { pick, randomString, seededRandom } from "./support/seeded-random.js";
import { smithyAuthorization } from "./support/smithy-reference.js";

// The AWS SigV4 test suite (aws-sig-v4-test-suite, published with the SigV4 documentation):
// credentials, date, region and service shared by every vector.
const SUITE_CREDENTIALS = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const SUITE_DATE = Date.UTC(2015, 7, 30, 12, 36, 0);
const SUITE_CLOCK = { now: () => SUITE_DATE };
const SUITE_TOKEN =
  "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8YUuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabIQwj2ICCR/oLxBA==";
const SCOPE = "AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";

interface SuiteVector {
  name: string;
  method: "GET" | "POST";
  url: string;
  headers?: Record<string, string>;
  body?: string;
  sessionToken?: string;
  signedHeaders: string;
  signature: string;
}

const SUITE_VECTORS: SuiteVector[] = [
  { name: "get-vanilla", method: "GET", url: "https://example.amazonaws.com/", signedHeaders: "host;x-amz-date", signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
  { name: "get-vanilla-query-order-key-case", method: "GET", url: "https://example.amazonaws.com/?Param2=value2&Param1=value1", signedHeaders: "host;x-amz-date", signature: "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500" },
  { name: "get-vanilla-query-order-key", method: "GET", url: "https://example.amazonaws.com/?Param1=value2&Param1=Value1", signedHeaders: "host;x-amz-date", signature: "eedbc4e291e521cf13422ffca22be7d2eb8146eecf653089df300a15b2382bd1" },
  { name: "get-vanilla-query-order-value", method: "GET", url: "https://example.amazonaws.com/?Param1=value2&Param1=value1", signedHeaders: "host;x-amz-date", signature: "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694" },
  {
    name: "get-vanilla-query-unreserved",
    method: "GET",
    url: "https://example.amazonaws.com/?-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz=-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
    signedHeaders: "host;x-amz-date",
    signature: "9c3e54bfcdf0b19771a7f523ee5669cdf59bc7cc0884027167c21bb143a40197",
  },
  { name: "get-vanilla-utf8-query", method: "GET", url: "https://example.amazonaws.com/?ሴ=bar", signedHeaders: "host;x-amz-date", signature: "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04" },
  { name: "get-unreserved", method: "GET", url: "https://example.amazonaws.com/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", signedHeaders: "host;x-amz-date", signature: "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f" },
  { name: "get-header-value-trim", method: "GET", url: "https://example.amazonaws.com/", headers: { "My-Header1": " value1", "My-Header2": ' "a   b   c"' }, signedHeaders: "host;my-header1;my-header2;x-amz-date", signature: "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736" },
  { name: "post-vanilla", method: "POST", url: "https://example.amazonaws.com/", signedHeaders: "host;x-amz-date", signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
  { name: "post-vanilla-query", method: "POST", url: "https://example.amazonaws.com/?Param1=value1", signedHeaders: "host;x-amz-date", signature: "28038455d6de14eafc1f9222cf5aa6f1a96197d7deb8263271d420d138af7f11" },
  { name: "post-header-key-case", method: "POST", url: "https://example.amazonaws.com/", signedHeaders: "host;x-amz-date", signature: "5da7c1a2acd57cee7505fc6676e4e544621c30862966e37dddb68e92efbe5d6b" },
  { name: "post-header-key-sort", method: "POST", url: "https://example.amazonaws.com/", headers: { "My-Header1": "value1" }, signedHeaders: "host;my-header1;x-amz-date", signature: "c5410059b04c1ee005303aed430f6e6645f61f4dc9e1461ec8f8916fdf18852c" },
  { name: "post-header-value-case", method: "POST", url: "https://example.amazonaws.com/", headers: { "My-Header1": "VALUE1" }, signedHeaders: "host;my-header1;x-amz-date", signature: "cdbc9802e29d2942e5e10b5bccfdd67c5f22c7c4e8ae67b53629efa58b974b7d" },
  {
    name: "post-x-www-form-urlencoded",
    method: "POST",
    url: "https://example.amazonaws.com/",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "Param1=value1",
    signedHeaders: "content-type;host;x-amz-date",
    signature: "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a",
  },
  {
    // The suite's request says `charset=utf8` (one copy in circulation misspells it `utf-8`).
    name: "post-x-www-form-urlencoded-parameters",
    method: "POST",
    url: "https://example.amazonaws.com/",
    headers: { "Content-Type": "application/x-www-form-urlencoded; charset=utf8" },
    body: "Param1=value1",
    signedHeaders: "content-type;host;x-amz-date",
    signature: "1a72ec8f64bd914b0e42e42607c7fbce7fb2c7465f63e3092b3b0d39fa77a6fe",
  },
  { name: "post-sts-header-before", method: "POST", url: "https://example.amazonaws.com/", sessionToken: SUITE_TOKEN, signedHeaders: "host;x-amz-date;x-amz-security-token", signature: "85d96828115b5dc0cfc3bd16ad9e210dd772bbebba041836c64533a82be05ead" },
  // normalize-path: the service removes empty and dot segments before signing.
  { name: "get-relative", method: "GET", url: "https://example.amazonaws.com/example/..", signedHeaders: "host;x-amz-date", signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
  { name: "get-relative-relative", method: "GET", url: "https://example.amazonaws.com/example1/example2/../..", signedHeaders: "host;x-amz-date", signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
  { name: "get-slash", method: "GET", url: "https://example.amazonaws.com//", signedHeaders: "host;x-amz-date", signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
  { name: "get-slash-dot-slash", method: "GET", url: "https://example.amazonaws.com/./", signedHeaders: "host;x-amz-date", signature: "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31" },
  { name: "get-slash-pointless-dot", method: "GET", url: "https://example.amazonaws.com/./example", signedHeaders: "host;x-amz-date", signature: "ef75d96142cf21edca26f06005da7988e4f8dc83a165a80865db7089db637ec5" },
  { name: "get-slashes", method: "GET", url: "https://example.amazonaws.com//example//", signedHeaders: "host;x-amz-date", signature: "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84" },
];

describe("SigV4 signer: AWS test suite", () => {
  it.each(SUITE_VECTORS)("$name", (vector) => {
    const sign = createSigV4Signer({
      credentials: { ...SUITE_CREDENTIALS, ...(vector.sessionToken !== undefined && { sessionToken: vector.sessionToken }) },
      region: "us-east-1",
      service: "service",
      clock: SUITE_CLOCK,
      applyChecksum: false,
    });
    const headers = sign({ method: vector.method, url: vector.url, headers: vector.headers ?? {}, ...(vector.body !== undefined && { body: vector.body }) } as SignableRequest);
    expect(headers.authorization).toBe(`AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=${vector.signedHeaders}, Signature=${vector.signature}`);
    expect(headers["x-amz-date"]).toBe("20150830T123600Z");
    expect(headers["x-amz-security-token"]).toBe(vector.sessionToken);
  });

  // These two send bytes node:http cannot send (a raw space and raw UTF-8 in the request line),
  // so they are checked on the wire-level signer with the suite's raw path.
  it.each([
    { name: "get-utf8", path: "/ሴ", signature: "8318018e0b0f223aa2bbf98705b62bb787dc9c0e678f255a891fd03141be5d85" },
    { name: "get-space", path: "/example space/", signature: "652487583200325589f1fba4c7e578f72c47cb61beeca81406b39ddec1366741" },
  ])("$name (raw request line)", ({ path, signature }) => {
    const sign = createWireSigner({ credentials: SUITE_CREDENTIALS, region: "us-east-1", service: "service", clock: SUITE_CLOCK, applyChecksum: false });
    const headers = sign({ host: "example.amazonaws.com", path, query: "" }, { method: "GET", headers: {} });
    expect(headers.authorization).toBe(`AWS4-HMAC-SHA256 Credential=${SCOPE}, SignedHeaders=host;x-amz-date, Signature=${signature}`);
  });

  it("the canonical forms match the suite's .creq files", () => {
    expect(canonicalPath("/ሴ")).toBe("/%E1%88%B4");
    expect(canonicalPath("/example space/")).toBe("/example%20space/");
    expect(canonicalPath("//example//")).toBe("/example/");
    expect(canonicalQuery("Param1=value2&Param1=Value1")).toBe("Param1=Value1&Param1=value2");
    expect(canonicalQuery(readWireUrl("https://example.amazonaws.com/?ሴ=bar").query)).toBe("%E1%88%B4=bar");
  });
});

const CREDENTIALS = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const SESSION_CREDENTIALS = { ...CREDENTIALS, accessKeyId: "ASIAIOSFODNN7EXAMPLE", sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE//////////session+token=" };
const NOW = Date.UTC(2026, 0, 15, 8, 30, 12, 345);

describe("SigV4 signer: agrees with @smithy/signature-v4", () => {
  it("signs an inference-profile ARN path double-encoded, as Bedrock expects", async () => {
    const arn = "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-opus-4-7";
    const url = `https://bedrock-runtime.us-east-1.amazonaws.com/model/${encodeURIComponent(arn)}/converse-stream`;
    expect(readWireUrl(url).path).toBe("/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Ainference-profile%2Fus.anthropic.claude-opus-4-7/converse-stream");
    expect(canonicalPath(readWireUrl(url).path)).toBe(
      "/model/arn%253Aaws%253Abedrock%253Aus-east-1%253A123456789012%253Ainference-profile%252Fus.anthropic.claude-opus-4-7/converse-stream",
    );
    const body = JSON.stringify({ messages: [{ role: "user", content: [{ text: "hi" }] }] });
    const headers = { "content-type": "application/json", accept: "application/vnd.amazon.eventstream" };
    const ours = createSigV4Signer({ credentials: SESSION_CREDENTIALS, region: "us-east-1", service: "bedrock", clock: { now: () => NOW } })({ method: "POST", url, headers, body });
    const reference = await smithyAuthorization({ method: "POST", url, headers, body, credentials: SESSION_CREDENTIALS, region: "us-east-1", service: "bedrock", date: new Date(NOW) });
    expect(ours.authorization).toBe(reference.authorization);
    expect(ours["x-amz-content-sha256"]).toBe(reference["x-amz-content-sha256"]);
    expect(ours["x-amz-security-token"]).toBe(SESSION_CREDENTIALS.sessionToken);
  });

  it("signs what node:http sends when the URL needs percent-encoding", async () => {
    const url = "https://bedrock-mantle.us-west-2.api.aws/v1/a b/ሴ?q=x y";
    expect(readWireUrl(url)).toEqual({ host: "bedrock-mantle.us-west-2.api.aws", path: "/v1/a%20b/%E1%88%B4", query: "q=x%20y" });
    const ours = createSigV4Signer({ credentials: CREDENTIALS, region: "us-west-2", service: "bedrock-mantle", clock: { now: () => NOW } })({ method: "GET", url, headers: {} });
    const reference = await smithyAuthorization({ method: "GET", url, headers: {}, credentials: CREDENTIALS, region: "us-west-2", service: "bedrock-mantle", date: new Date(NOW) });
    expect(ours.authorization).toBe(reference.authorization);
  });

  it("drops the default port from host and keeps others, as node sends Host", () => {
    expect(readWireUrl("https://Example.AMAZONAWS.com:443/x").host).toBe("example.amazonaws.com");
    expect(readWireUrl("http://127.0.0.1:8080/x").host).toBe("127.0.0.1:8080");
    expect(readWireUrl("http://localhost:80/").host).toBe("localhost");
    expect(readWireUrl("https://example.amazonaws.com").path).toBe("/");
    expect(readWireUrl("https://example.amazonaws.com/a?b=c#fragment")).toEqual({ host: "example.amazonaws.com", path: "/a", query: "b=c" });
  });

  it("uses a body hash the caller already set (and does not add its own)", () => {
    const sign = createSigV4Signer({ credentials: CREDENTIALS, region: "us-east-1", service: "bedrock", clock: { now: () => NOW } });
    const headers = sign({ method: "POST", url: "https://bedrock-runtime.us-east-1.amazonaws.com/x", headers: { "x-amz-content-sha256": "UNSIGNED-PAYLOAD" }, body: "{}" });
    expect(headers["x-amz-content-sha256"]).toBeUndefined();
    expect(headers.authorization).toContain("SignedHeaders=host;x-amz-content-sha256;x-amz-date,");
  });

  it("leaves hop-by-hop headers unsigned", () => {
    const sign = createSigV4Signer({ credentials: CREDENTIALS, region: "us-east-1", service: "bedrock", clock: { now: () => NOW } });
    const headers = sign({
      method: "GET",
      url: "https://bedrock.us-east-1.amazonaws.com/foundation-models",
      headers: { "user-agent": "bedrock-kit", connection: "keep-alive", "x-amzn-trace-id": "Root=1", "proxy-authorization": "x", accept: "application/json" },
    });
    expect(headers.authorization).toContain("SignedHeaders=accept;host;x-amz-content-sha256;x-amz-date,");
  });

  it("re-derives the signing key when the day changes", async () => {
    let now = Date.UTC(2026, 0, 15, 23, 59, 59, 900);
    const sign = createSigV4Signer({ credentials: CREDENTIALS, region: "eu-west-1", service: "bedrock", clock: { now: () => now } });
    const request = { method: "GET" as const, url: "https://bedrock.eu-west-1.amazonaws.com/inference-profiles?maxResults=100", headers: {} };
    const before = sign(request);
    now += 200;
    const after = sign(request);
    expect(before.authorization).toContain("/20260115/eu-west-1/bedrock/aws4_request");
    expect(after.authorization).toContain("/20260116/eu-west-1/bedrock/aws4_request");
    const reference = await smithyAuthorization({ ...request, credentials: CREDENTIALS, region: "eu-west-1", service: "bedrock", date: new Date(now) });
    expect(after.authorization).toBe(reference.authorization);
  });

  it("500 random requests: identical Authorization and headers (seeded)", async () => {
    const random = seededRandom(0x5eed);
    const segmentAlphabet = "abcXYZ019-._~:@!$'()*+,;=ሴé /?#%&";
    const queryAlphabet = "abcXYZ019-._~ +/=&?:@!'()*ሴé%";
    const valueAlphabet = "abc XYZ 019\t-._~:;,=/\"'()ሴ";
    for (let iteration = 0; iteration < 500; iteration += 1) {
      const segments = Array.from({ length: 1 + Math.floor(random() * 4) }, () => encodeURIComponent(randomString(random, segmentAlphabet, Math.floor(random() * 12))));
      const parameters = Array.from({ length: Math.floor(random() * 4) }, () => {
        const name = encodeURIComponent(randomString(random, queryAlphabet, 1 + Math.floor(random() * 6)));
        return random() < 0.1 ? name : `${name}=${encodeURIComponent(randomString(random, queryAlphabet, Math.floor(random() * 10)))}`;
      });
      const host = pick(random, ["bedrock-runtime.us-east-1.amazonaws.com", "bedrock-mantle.ap-southeast-2.api.aws", "bedrock.cn-north-1.amazonaws.com.cn"]);
      const url = `https://${host}/${segments.join("/")}${parameters.length > 0 ? `?${parameters.join("&")}` : ""}`;
      const headers: Record<string, string> = {};
      for (let index = Math.floor(random() * 4); index > 0; index -= 1) {
        headers[`X-Test-${randomString(random, "abcDEF", 1 + Math.floor(random() * 5))}-${index}`] = randomString(random, valueAlphabet, Math.floor(random() * 20));
      }
      if (random() < 0.5) headers["content-type"] = "application/json";
      const bodyKind = pick(random, ["none", "string", "bytes"] as const);
      const body =
        bodyKind === "none" ? undefined : bodyKind === "string" ? randomString(random, valueAlphabet, Math.floor(random() * 3000)) : Uint8Array.from({ length: Math.floor(random() * 3000) }, () => Math.floor(random() * 256));
      const credentials = random() < 0.5 ? CREDENTIALS : SESSION_CREDENTIALS;
      const region = pick(random, ["us-east-1", "us-gov-west-1", "cn-north-1", "eu-central-1"]);
      const service = pick(random, ["bedrock", "bedrock-mantle"]);
      const now = NOW + Math.floor(random() * 86_400_000 * 3);
      const method = pick(random, ["GET", "POST", "DELETE"] as const);
      const ours = createSigV4Signer({ credentials, region, service, clock: { now: () => now } })({ method, url, headers, ...(body !== undefined && { body }) });
      const reference = await smithyAuthorization({ method, url, headers, ...(body !== undefined && { body }), credentials, region, service, date: new Date(now) });
      expect({ url, authorization: ours.authorization }).toEqual({ url, authorization: reference.authorization });
      expect(ours["x-amz-date"]).toBe(reference["x-amz-date"]);
      expect(ours["x-amz-content-sha256"]).toBe(reference["x-amz-content-sha256"]);
      expect(ours["x-amz-security-token"]).toBe(reference["x-amz-security-token"]);
    }
  });
});
