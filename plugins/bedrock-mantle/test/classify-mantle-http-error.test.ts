import { describe, expect, it } from "vitest";
import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { classifyMantleError } from "../src/classify-mantle-error.js";
import { classifyMantleHttpError, type MantleErrorContext } from "../src/classify-mantle-http-error.js";
import { parseMantleErrorBody } from "../src/parse-mantle-error-body.js";
import { readFixture } from "./helpers/mantle-test-context.js";

function classify(fixture: string, status: number, context: MantleErrorContext = {}, headers: Record<string, string> = {}) {
  return classifyMantleHttpError({ status, headers, bodyText: readFixture(`errors/${fixture}`) }, context);
}

describe("classifyMantleHttpError: route errors", () => {
  it("reads the misleading 401 'Berm is not enabled' as a route mismatch", () => {
    const error = classify("route-berm-not-enabled-401.json", 401, { wireId: "google.gemma-4-31b-it", surface: { api: "openai-completions", prefix: "/v1" } });
    expect(error.code).toBe("route-mismatch");
    expect(error.metadata?.routeError).toBe("wrong-prefix");
    expect(error.message).toContain("openai-completions under /v1");
    expect(error.hint).toContain("openai-responses");
  });

  it("reads 'isn't supported on this route' as a wrong prefix", () => {
    expect(classify("route-not-supported-on-this-route-400.json", 400)).toMatchObject({ code: "route-mismatch", metadata: { routeError: "wrong-prefix" } });
  });

  it("reads an unsupported API path as a wrong prefix and a bare API name as a wrong API", () => {
    expect(classify("route-gpt-5-on-v1-responses-400.json", 400).metadata?.routeError).toBe("wrong-prefix");
    expect(classify("route-claude-on-chat-completions-400.json", 400).code).toBe("route-mismatch");
    expect(classify("route-model-without-responses-api-400.json", 400).metadata?.routeError).toBe("wrong-api");
  });

  it("does not read a 403 'not enabled' as a route error", () => {
    expect(classify("model-access-not-enabled-403.json", 403).code).toBe("access-denied");
  });
});

describe("classifyMantleHttpError: credentials and permissions", () => {
  it("says to regenerate a rejected key, naming where it came from", () => {
    const error = classify("invalid-or-expired-key-401.json", 401, { credentialKind: "api-key", credentialSource: "env:AWS_BEARER_TOKEN_BEDROCK" });
    expect(error.code).toBe("auth");
    expect(error.retryable).toBe(false);
    expect(error.hint).toContain("AWS_BEARER_TOKEN_BEDROCK");
    expect(error.hint).toMatch(/generate a new/i);
  });

  it("says the AWS credentials expired for a minted token", () => {
    const error = classify("invalid-or-expired-key-401.json", 401, { credentialKind: "minted-token" });
    expect(error.hint).toMatch(/credentials may have expired/);
  });

  it("notes the /openai/v1 quirk for models that live on /v1", () => {
    const error = classify("invalid-or-expired-key-401.json", 401, { surface: { api: "openai-responses", prefix: "/openai/v1" } });
    expect(error.hint).toContain("/v1");
  });

  it("names the missing bedrock-mantle action and the session policy", () => {
    const error = classify("session-policy-denies-create-inference-403.json", 403, { region: "us-east-1" });
    expect(error.code).toBe("access-denied");
    expect(error.hint).toContain("bedrock-mantle:CreateInference");
    expect(error.hint).toContain("session policy");
  });

  it("explains bedrock-mantle:CallWithBearerToken for bearer keys", () => {
    const error = classify("bearer-key-without-call-with-bearer-token-403.json", 403);
    expect(error.hint).toContain("bedrock-mantle:CallWithBearerToken");
    expect(error.hint).toContain("bedrock:CallWithBearerToken");
  });

  it("explains account gating and the data-retention opt-in", () => {
    expect(classify("anthropic-model-gated-for-account-403.json", 403)).toMatchObject({ code: "access-denied" });
    expect(classify("anthropic-model-gated-for-account-403.json", 403).hint).toMatch(/request access/);
    const retention = classify("data-retention-opt-in-required-400.json", 400);
    expect(retention.code).toBe("access-denied");
    expect(retention.hint).toMatch(/data retention/);
    expect(retention.requestId).toBe("req_011CMantleRetention");
  });
});

describe("classifyMantleHttpError: models, quotas and failures", () => {
  it("says a model is not in this region and how to list what is", () => {
    const error = classify("model-not-in-region-404.json", 404, { wireId: "openai.gpt-5.6-terra", region: "eu-west-1" });
    expect(error.code).toBe("model-not-found");
    expect(error.message).toContain("eu-west-1");
    expect(error.hint).toContain("models list");
  });

  it("explains token quotas and oversized max_tokens on 429", () => {
    const error = classify("token-quota-exceeded-429.json", 429);
    expect(error).toMatchObject({ code: "throttled", retryable: true });
    expect(error.hint).toMatch(/max_tokens/);
    expect(error.hint).toMatch(/input/);
  });

  it("reads a bare-string 5xx body as retryable unavailable", () => {
    const error = classify("bare-string-error-500.json", 500);
    expect(error).toMatchObject({ code: "unavailable", retryable: true });
    expect(error.message).toContain("backend exploded");
  });

  it("reads output caps as context overflow and other 400s as invalid requests", () => {
    expect(classify("max-tokens-over-model-cap-400.json", 400).code).toBe("context-overflow");
    expect(classify("anthropic-thinking-enabled-rejected-400.json", 400)).toMatchObject({ code: "invalid-request", requestId: "req_011CMantleThinking" });
    expect(classify("temperature-unsupported-400.json", 400).hint).toContain("'temperature'");
  });

  it("takes the request id from x-amzn-requestid or request-id", () => {
    expect(classify("bare-string-error-500.json", 500, {}, { "x-amzn-requestid": "aws-req-1" }).requestId).toBe("aws-req-1");
    expect(classify("bare-string-error-500.json", 500, {}, { "request-id": "req_2" }).requestId).toBe("req_2");
  });

  it("copes with non-JSON bodies", () => {
    const error = classifyMantleHttpError({ status: 502, headers: {}, bodyText: readFixture("models-list/not-a-models-list.html") });
    expect(error.code).toBe("unavailable");
    expect(parseMantleErrorBody("").message).toBe("");
  });
});

describe("classifyMantleError", () => {
  it("keeps classified errors, adding the provider", () => {
    const original = new BedrockKitError({ code: "timeout", message: "slow", hint: "wait" });
    expect(classifyMantleError(original)).toMatchObject({ code: "timeout", provider: "amazon-bedrock-mantle" });
  });

  it("classifies raw HTTP failures, aborts and network errors", () => {
    expect(classifyMantleError({ status: 429, headers: {}, bodyText: "{}" }).code).toBe("throttled");
    expect(classifyMantleError(Object.assign(new Error("aborted"), { name: "AbortError" })).code).toBe("aborted");
    expect(classifyMantleError(Object.assign(new Error("getaddrinfo"), { code: "ENOTFOUND" })).code).toBe("unavailable");
    expect(classifyMantleError("weird").code).toBe("unavailable");
  });
});
