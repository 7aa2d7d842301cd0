import { describe, expect, it } from "vitest";
import { createMantleBaseUrlMemo } from "../src/mantle-base-url-memo.js";
import { parseMantleBaseUrl } from "../src/normalize-mantle-base-url.js";

const URLS = [
  "https://bedrock-mantle.us-east-1.api.aws/v1",
  "https://bedrock-mantle.us-east-1.api.aws/anthropic/v1/",
  "https://bedrock-mantle.eu-west-1.api.aws/openai/v1",
  "https://bedrock-mantle.eu-west-1.api.aws",
  "http://127.0.0.1:4010/anthropic",
];

describe("createMantleBaseUrlMemo", () => {
  it("answers as parseMantleBaseUrl does, and a different URL gets its own answer", () => {
    const parse = createMantleBaseUrlMemo();
    for (const url of [...URLS, ...URLS]) expect(parse(url)).toEqual(parseMantleBaseUrl(url));
    expect(parse(URLS[0]!).root).not.toBe(parse(URLS[2]!).root);
  });

  it("splits a URL once and shares a frozen answer; each provider's memo is its own", () => {
    const parse = createMantleBaseUrlMemo();
    const first = parse(URLS[1]!);
    expect(parse(URLS[1]!)).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(createMantleBaseUrlMemo()(URLS[1]!)).not.toBe(first);
  });

  it("stays bounded: past its limit it starts over, still answering correctly", () => {
    const parse = createMantleBaseUrlMemo(2);
    const first = parse(URLS[0]!);
    parse(URLS[1]!);
    parse(URLS[2]!);
    const again = parse(URLS[0]!);
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
