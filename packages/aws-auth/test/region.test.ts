import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { describe, expect, it } from "vitest";
import { controlPlaneEndpoint, mantleEndpoint, parseAwsEndpoint, partitionOfRegion, resolveRegion, runtimeEndpoint } from "../src/region.js";

describe("resolveRegion", () => {
  it("prefers config, then AWS_REGION, then AWS_DEFAULT_REGION, then us-east-1", () => {
    expect(resolveRegion({ configured: "eu-west-1", env: { AWS_REGION: "us-west-2", AWS_DEFAULT_REGION: "ap-south-1" } })).toBe("eu-west-1");
    expect(resolveRegion({ env: { AWS_REGION: "us-west-2", AWS_DEFAULT_REGION: "ap-south-1" } })).toBe("us-west-2");
    expect(resolveRegion({ env: { AWS_DEFAULT_REGION: "ap-south-1" } })).toBe("ap-south-1");
    expect(resolveRegion({ env: {} })).toBe("us-east-1");
  });

  it("treats blank values as unset and trims", () => {
    expect(resolveRegion({ configured: "  ", env: { AWS_REGION: "\t", AWS_DEFAULT_REGION: " us-gov-west-1 " } })).toBe("us-gov-west-1");
    expect(resolveRegion({ configured: "", env: { AWS_REGION: "", AWS_DEFAULT_REGION: "" } })).toBe("us-east-1");
  });

  it("rejects a value that is not a region code, naming where it came from", () => {
    const failure = (() => {
      try {
        resolveRegion({ env: { AWS_REGION: "US East (N. Virginia)" } });
      } catch (error) {
        return error;
      }
      return undefined;
    })();
    expect(BedrockKitError.isInstance(failure)).toBe(true);
    expect(failure).toMatchObject({ code: "config" });
    expect((failure as BedrockKitError).message).toContain("AWS_REGION");
    expect((failure as BedrockKitError).hint).toContain("us-east-1");
  });
});

describe("endpoints", () => {
  it("builds standard, FIPS, GovCloud and China runtime and control-plane URLs", () => {
    expect(runtimeEndpoint("us-east-1")).toBe("https://bedrock-runtime.us-east-1.amazonaws.com");
    expect(runtimeEndpoint("us-east-1", { fips: true })).toBe("https://bedrock-runtime-fips.us-east-1.amazonaws.com");
    expect(runtimeEndpoint("us-gov-west-1")).toBe("https://bedrock-runtime.us-gov-west-1.amazonaws.com");
    expect(runtimeEndpoint("cn-north-1")).toBe("https://bedrock-runtime.cn-north-1.amazonaws.com.cn");
    expect(controlPlaneEndpoint("eu-central-1")).toBe("https://bedrock.eu-central-1.amazonaws.com");
    expect(controlPlaneEndpoint("us-gov-west-1", { fips: true })).toBe("https://bedrock-fips.us-gov-west-1.amazonaws.com");
    expect(controlPlaneEndpoint("cn-northwest-1")).toBe("https://bedrock.cn-northwest-1.amazonaws.com.cn");
    expect(mantleEndpoint("ap-southeast-2")).toBe("https://bedrock-mantle.ap-southeast-2.api.aws");
    expect(mantleEndpoint("us-gov-west-1")).toBe("https://bedrock-mantle.us-gov-west-1.api.aws");
  });

  it("partitions", () => {
    expect(partitionOfRegion("us-east-1")).toBe("aws");
    expect(partitionOfRegion("us-gov-east-1")).toBe("aws-us-gov");
    expect(partitionOfRegion("cn-north-1")).toBe("aws-cn");
  });
});

describe("parseAwsEndpoint", () => {
  it.each([
    ["https://bedrock-runtime.us-east-1.amazonaws.com/model/x/converse", { region: "us-east-1", service: "bedrock", fips: false, partition: "aws" }],
    ["https://bedrock-runtime-fips.us-east-1.amazonaws.com", { region: "us-east-1", service: "bedrock", fips: true, partition: "aws" }],
    ["https://bedrock.eu-west-3.amazonaws.com/foundation-models", { region: "eu-west-3", service: "bedrock", fips: false, partition: "aws" }],
    ["https://bedrock-fips.us-gov-west-1.amazonaws.com", { region: "us-gov-west-1", service: "bedrock", fips: true, partition: "aws-us-gov" }],
    ["https://bedrock-runtime.us-gov-west-1.amazonaws.com", { region: "us-gov-west-1", service: "bedrock", fips: false, partition: "aws-us-gov" }],
    ["https://bedrock-runtime.cn-north-1.amazonaws.com.cn/model/x/converse-stream", { region: "cn-north-1", service: "bedrock", fips: false, partition: "aws-cn" }],
    ["https://bedrock-mantle.us-west-2.api.aws/v1/models", { region: "us-west-2", service: "bedrock-mantle", fips: false, partition: "aws" }],
    ["https://BEDROCK-MANTLE.us-gov-west-1.api.aws/anthropic/v1/messages", { region: "us-gov-west-1", service: "bedrock-mantle", fips: false, partition: "aws-us-gov" }],
    ["https://bedrock-runtime.us-east-1.api.aws", { region: "us-east-1", service: "bedrock", fips: false, partition: "aws" }],
    ["https://vpce-0123456789abcdef0-abcdefgh.bedrock-runtime.us-east-1.vpce.amazonaws.com", { region: "us-east-1", service: "bedrock", fips: false, partition: "aws" }],
  ])("%s", (url, expected) => {
    expect(parseAwsEndpoint(url)).toEqual(expected);
  });

  it.each([
    "http://127.0.0.1:8080/v1/models",
    "https://example.com/model/x",
    "https://bedrock-runtime.cn-north-1.amazonaws.com",
    "https://bedrock-runtime.us-east-1.amazonaws.com.cn",
    "https://bedrock-agent-runtime.us-east-1.amazonaws.com",
    "not a url",
  ])("is undefined for %s", (url) => {
    expect(parseAwsEndpoint(url)).toBeUndefined();
  });
});
