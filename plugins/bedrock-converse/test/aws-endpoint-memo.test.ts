import { parseAwsEndpoint } from "@bedrock-kit/aws-auth";
import { describe, expect, it } from "vitest";
import { createAwsEndpointMemo } from "../src/aws-endpoint-memo.js";
import { callRegionOf } from "../src/converse-endpoints.js";

const RUNTIME_EU = "https://bedrock-runtime.eu-west-1.amazonaws.com";
const RUNTIME_US = "https://bedrock-runtime.us-west-2.amazonaws.com";
const EMULATOR = "http://127.0.0.1:4010";

describe("createAwsEndpointMemo", () => {
  it("answers as parseAwsEndpoint does, and a different URL gets its own answer", () => {
    const parse = createAwsEndpointMemo();
    for (const url of [RUNTIME_EU, RUNTIME_US, EMULATOR, "not a url", RUNTIME_EU, EMULATOR]) expect(parse(url)).toEqual(parseAwsEndpoint(url));
    expect(parse(RUNTIME_EU)?.region).toBe("eu-west-1");
    expect(parse(RUNTIME_US)?.region).toBe("us-west-2");
  });

  it("parses a URL once and shares a frozen answer", () => {
    const parse = createAwsEndpointMemo();
    const first = parse(RUNTIME_EU);
    expect(parse(RUNTIME_EU)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
  });

  it("is per instance: two memos do not share answers", () => {
    expect(createAwsEndpointMemo()(RUNTIME_EU)).not.toBe(createAwsEndpointMemo()(RUNTIME_EU));
  });

  it("stays bounded: past its limit it starts over, still answering correctly", () => {
    const parse = createAwsEndpointMemo(2);
    const first = parse(RUNTIME_EU);
    parse(RUNTIME_US);
    parse(EMULATOR); // the third URL clears the memo
    const again = parse(RUNTIME_EU);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it("gives callRegionOf the same answers as parsing per call", () => {
    const parse = createAwsEndpointMemo();
    const env = { AWS_REGION: "sa-east-1" };
    for (const config of [{}, { baseUrl: RUNTIME_EU }, { baseUrl: EMULATOR, region: "us-west-2" }]) {
      for (const model of [{ baseUrl: RUNTIME_EU }, { baseUrl: RUNTIME_US, region: "eu-central-1" }, { baseUrl: EMULATOR }, { baseUrl: EMULATOR, region: "ap-south-1" }]) {
        expect(callRegionOf(config, env, model, parse)).toBe(callRegionOf(config, env, model));
        expect(callRegionOf(config, env, model, parse)).toBe(callRegionOf(config, env, model));
      }
    }
  });
});
