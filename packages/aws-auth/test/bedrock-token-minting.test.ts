import { getToken } from "@aws/bedrock-token-generator";
import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mintBedrockToken, parseBedrockToken } from "../src/bedrock-token-minting.js";

const FROZEN = new Date("2025-06-01T12:34:56.789Z");
const STATIC = { accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const SESSION = { ...STATIC, accessKeyId: "ASIAEXAMPLE", sessionToken: "IQoJb3JpZ2luX2VjEXAMPLE/token+with=special&chars" };

afterEach(() => vi.useRealTimers());

describe("mintBedrockToken", () => {
  it.each([
    ["static credentials", STATIC, "us-east-1", 43200],
    ["session credentials", SESSION, "us-west-2", 3600],
    ["GovCloud", SESSION, "us-gov-west-1", 900],
    ["China", STATIC, "cn-north-1", 7200],
  ])("matches AWS's generator byte for byte (%s)", async (_name, credentials, region, expiresInSeconds) => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(FROZEN);
    const expected = await getToken({ credentials, region, expiresInSeconds });
    const ours = await mintBedrockToken({ credentials, region, expiresInSeconds, now: new Date() });
    expect(ours.token).toBe(expected);
    const decoded = Buffer.from(ours.token.slice("bedrock-api-key-".length), "base64").toString("utf8");
    expect(decoded).toMatch(/^bedrock\.amazonaws\.com\/\?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=/);
    expect(decoded).toContain(`%2F${region}%2Fbedrock%2Faws4_request`);
    expect(decoded).toContain(`X-Amz-Expires=${expiresInSeconds}&`);
    expect(decoded.endsWith("&Version=1")).toBe(true);
    expect(decoded.includes("X-Amz-Security-Token=")).toBe("sessionToken" in credentials);
  });

  it("matches AWS's generator with its default 12-hour lifetime", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(FROZEN);
    const expected = await getToken({ credentials: SESSION, region: "eu-west-1" });
    expect((await mintBedrockToken({ credentials: SESSION, region: "eu-west-1", now: new Date() })).token).toBe(expected);
  });

  it("expires at the earlier of its own end and the credentials' expiration", async () => {
    const own = await mintBedrockToken({ credentials: STATIC, region: "us-east-1", expiresInSeconds: 3600, now: FROZEN });
    expect(own.expiresAt).toBe(Date.parse("2025-06-01T13:34:56.000Z"));
    const capped = await mintBedrockToken({ credentials: { ...SESSION, expiration: new Date("2025-06-01T13:00:00Z") }, region: "us-east-1", expiresInSeconds: 43200, now: FROZEN });
    expect(capped.expiresAt).toBe(Date.parse("2025-06-01T13:00:00Z"));
  });

  it("refuses a lifetime outside (0, 43200] and a malformed region", async () => {
    for (const expiresInSeconds of [0, -1, 43201, 1.5]) {
      const error = await mintBedrockToken({ credentials: STATIC, region: "us-east-1", expiresInSeconds, now: FROZEN }).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ code: "config" });
    }
    await expect(mintBedrockToken({ credentials: STATIC, region: "US East", now: FROZEN })).rejects.toMatchObject({ code: "config" });
  });

  it("refuses credentials that have already expired", async () => {
    const error = await mintBedrockToken({ credentials: { ...SESSION, expiration: new Date(FROZEN.getTime() - 1) }, region: "us-east-1", now: FROZEN }).catch((caught: unknown) => caught);
    expect(BedrockKitError.isInstance(error)).toBe(true);
    expect(error).toMatchObject({ code: "auth" });
  });
});

describe("parseBedrockToken", () => {
  it("reads region, signing time and lifetime back out of a minted token", async () => {
    const { token } = await mintBedrockToken({ credentials: SESSION, region: "ap-southeast-2", expiresInSeconds: 900, now: FROZEN });
    expect(parseBedrockToken(token)).toEqual({ region: "ap-southeast-2", issuedAt: Date.parse("2025-06-01T12:34:56Z"), expiresAt: Date.parse("2025-06-01T12:49:56Z") });
  });

  it("is undefined for long-term keys and garbage", () => {
    expect(parseBedrockToken("ABSKQmVkcm9ja0FQSUtleQ==")).toBeUndefined();
    expect(parseBedrockToken("bedrock-api-key-bm90IGEgdG9rZW4=")).toBeUndefined();
    expect(parseBedrockToken("bedrock-api-key-%%%")).toBeUndefined();
  });
});
