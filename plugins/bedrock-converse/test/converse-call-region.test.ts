import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { describe, expect, it } from "vitest";
import { callRegionFor, callRegionOf, resolveConverseEndpoints } from "../src/converse-endpoints.js";

const RUNTIME_EU = "https://bedrock-runtime.eu-west-1.amazonaws.com";
const EMULATOR = "http://127.0.0.1:4010";

// Every combination that decides a call's signing region: configured base URL, model URL, model region, config and env regions.
const configs = [{}, { region: "ap-south-1" }, { regions: ["ca-central-1", "us-east-1"] }, { baseUrl: RUNTIME_EU }, { baseUrl: EMULATOR, region: "us-west-2" }, { baseUrl: EMULATOR }];
const models = [
  { baseUrl: RUNTIME_EU },
  { baseUrl: "https://bedrock-runtime-fips.us-gov-west-1.amazonaws.com", region: "eu-west-1" },
  { baseUrl: EMULATOR },
  { baseUrl: EMULATOR, region: "eu-central-1" },
  { baseUrl: "https://bedrock-runtime.us-east-2.amazonaws.com/" },
];
const envs = [{}, { AWS_REGION: "sa-east-1" }, { AWS_DEFAULT_REGION: "us-west-1" }];

describe("callRegionOf", () => {
  it("gives the region callRegionFor(resolveConverseEndpoints(…)) gives, for every combination", () => {
    for (const config of configs) {
      for (const model of models) {
        for (const env of envs) {
          expect(callRegionOf(config, env, model), JSON.stringify({ config, model, env })).toBe(callRegionFor(resolveConverseEndpoints(config, env), model));
        }
      }
    }
  });

  it("still rejects a malformed region in the environment, even when the model's URL names one", () => {
    const call = () => callRegionOf({}, { AWS_REGION: "not a region" }, { baseUrl: RUNTIME_EU });
    expect(call).toThrow(BedrockKitError);
    expect(call).toThrow(/AWS_REGION/);
  });
});
