import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { BedrockKitError, type ErrorCode } from "@bedrock-kit/plugin-host";
import { describe, expect, it } from "vitest";
import {
  classifyConverseError,
  classifyConverseHttpFailure,
  retryAfterMs,
  type ConverseErrorContext,
  type ConverseFailureKind,
} from "../src/classify-converse-error.js";
import { readConverseFixture } from "./helpers/read-fixture.js";

interface Case {
  status: number;
  errorType?: string;
  context?: ConverseErrorContext;
  code: ErrorCode;
  kind?: ConverseFailureKind;
  retryable: boolean;
  /** Fragments the hint must contain. */
  hint: Array<string | RegExp>;
}

const sigv4: ConverseErrorContext = { wireId: "us.anthropic.claude-sonnet-4-6", region: "us-east-1", credential: "aws-sigv4" };
const bearer: ConverseErrorContext = { ...sigv4, credential: "bearer" };

/** Every error fixture, with the status and `x-amzn-errortype` Bedrock sends it with. */
const CASES: Record<string, Case> = {
  "access-denied-invoke-model-with-response-stream.json": {
    status: 403,
    errorType: "AccessDeniedException",
    context: sigv4,
    code: "access-denied",
    kind: "access-denied",
    retryable: false,
    hint: ["bedrock:InvokeModelWithResponseStream", "us-east-1"],
  },
  "access-denied-invoke-model-capital-message.json": {
    status: 403,
    context: sigv4,
    code: "access-denied",
    retryable: false,
    hint: ["Grant bedrock:InvokeModel "],
  },
  "access-denied-model-access-not-granted.json": {
    status: 403,
    errorType: "AccessDeniedException",
    context: sigv4,
    code: "access-denied",
    retryable: false,
    hint: ["Model access", "us-east-1"],
  },
  "access-denied-call-with-bearer-token.json": {
    status: 403,
    errorType: "AccessDeniedException",
    context: bearer,
    code: "access-denied",
    kind: "bearer-not-authorized",
    retryable: false,
    hint: ['auth.credentials: ["aws-sigv4"]', "bedrock:CallWithBearerToken"],
  },
  "access-denied-data-retention-opt-in.json": {
    status: 403,
    errorType: "AccessDeniedException",
    context: sigv4,
    code: "access-denied",
    retryable: false,
    hint: ["data-retention opt-in"],
  },
  "on-demand-throughput-unsupported.json": {
    status: 400,
    errorType: "ValidationException",
    context: { wireId: "anthropic.claude-sonnet-4-6", region: "eu-west-1", credential: "aws-sigv4" },
    code: "invalid-request",
    kind: "on-demand-unsupported",
    retryable: false,
    hint: ['"eu.anthropic.claude-sonnet-4-6"', '"global.anthropic.claude-sonnet-4-6"', "wireId"],
  },
  "invalid-model-identifier.json": {
    status: 400,
    errorType: "ValidationException",
    context: { wireId: "anthropic.claude-opus-4-8", region: "us-west-2" },
    code: "model-not-found",
    kind: "invalid-model-identifier",
    retryable: false,
    hint: ["us.anthropic.claude-opus-4-8", "models list"],
  },
  "max-tokens-exceeds-model-limit.json": { status: 400, errorType: "ValidationException", code: "context-overflow", retryable: false, hint: ["maxTokens to at most 64000"] },
  "max-tokens-over-output-cap-model-error.json": { status: 400, errorType: "ValidationException", code: "context-overflow", retryable: false, hint: ["maxTokens to at most 64000"] },
  "input-is-too-long.json": { status: 400, errorType: "ValidationException", code: "context-overflow", retryable: false, hint: ["shorten"] },
  "throttling-too-many-requests.json": { status: 429, errorType: "ThrottlingException", code: "throttled", retryable: true, hint: ["Service Quotas"] },
  "service-unavailable.json": { status: 503, errorType: "ServiceUnavailableException", code: "unavailable", retryable: true, hint: ["retry"] },
  "internal-server-error.json": { status: 500, errorType: "InternalServerException", code: "unavailable", retryable: true, hint: ["retry"] },
  "unknown-operation-wrong-path.json": { status: 404, code: "config", retryable: false, hint: ["baseUrl", "bedrock-runtime"] },
  "security-token-invalid.json": { status: 403, errorType: "UnrecognizedClientException", context: sigv4, code: "auth", retryable: false, hint: ["refresh"] },
  "security-token-expired.json": { status: 403, errorType: "ExpiredTokenException", context: sigv4, code: "auth", retryable: false, hint: ["refresh"] },
  "signature-does-not-match.json": { status: 403, errorType: "InvalidSignatureException", context: sigv4, code: "auth", retryable: false, hint: ["clock", "region"] },
  "validation-temperature-deprecated.json": { status: 400, errorType: "ValidationException", code: "invalid-request", retryable: false, hint: ["names the field"] },
  "validation-empty-content.json": { status: 400, errorType: "ValidationException", code: "invalid-request", retryable: false, hint: ["names the field"] },
  "model-timeout.json": { status: 408, errorType: "ModelTimeoutException", code: "timeout", retryable: true, hint: ["maxTokens"] },
};

const fixtureFiles = readdirSync(fileURLToPath(new URL("../../../fixtures/converse/errors/", import.meta.url))).filter((name) => name.endsWith(".json"));

describe("Converse HTTP error classification", () => {
  it("has a case for every error fixture", () => {
    expect(Object.keys(CASES).sort()).toEqual([...fixtureFiles].sort());
  });

  it.each(Object.entries(CASES))("%s", (fixture, expected) => {
    const bodyText = readConverseFixture(`errors/${fixture}`);
    const headers: Record<string, string | undefined> = { "x-amzn-requestid": "req-0123", "content-type": "application/json" };
    if (expected.errorType !== undefined) headers["x-amzn-errortype"] = `${expected.errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/`;
    const { error, kind } = classifyConverseHttpFailure({ status: expected.status, headers, bodyText }, expected.context);
    expect(BedrockKitError.isInstance(error)).toBe(true);
    expect(error.code).toBe(expected.code);
    expect(error.retryable).toBe(expected.retryable);
    expect(error.status).toBe(expected.status);
    expect(error.requestId).toBe("req-0123");
    expect(error.provider).toBe("amazon-bedrock");
    if (expected.kind !== undefined) expect(kind).toBe(expected.kind);
    for (const fragment of expected.hint) expect(error.hint).toMatch(fragment);
    // The upstream message is kept for the user (both {"message"} and {"Message"} bodies).
    const parsed = JSON.parse(bodyText) as { message?: string; Message?: string };
    const upstream = parsed.message ?? parsed.Message;
    if (upstream !== undefined) expect(error.message).toContain(upstream.slice(0, 40));
  });

  it.each(["openai.gpt-5.5", "us.openai.gpt-5.4-mini"])("sends %s to Mantle instead of suggesting a profile (pi #8302)", (wireId) => {
    const bodyText = readConverseFixture("errors/invalid-model-identifier.json");
    const { error, kind } = classifyConverseHttpFailure(
      { status: 400, headers: { "x-amzn-errortype": "ValidationException" }, bodyText },
      { wireId, region: "us-east-1" },
    );
    expect(error.code).toBe("model-not-found");
    expect(kind).toBe("invalid-model-identifier");
    expect(error.hint).toContain("amazon-bedrock-mantle/openai.gpt-5");
    expect(error.hint).not.toContain("global.");
  });

  it("treats any 403 under a bearer key that names no other action as a Mantle-only key", () => {
    const { error, kind } = classifyConverseHttpFailure(
      { status: 403, headers: { "x-amzn-errortype": "AccessDeniedException" }, bodyText: '{"message":"Forbidden"}' },
      bearer,
    );
    expect(kind).toBe("bearer-not-authorized");
    expect(error.hint).toContain('["aws-sigv4"]');
  });

  it("names the IAM action to grant, also for the key's principal under a bearer key", () => {
    const bodyText = readConverseFixture("errors/access-denied-invoke-model-with-response-stream.json");
    const { error } = classifyConverseHttpFailure({ status: 403, headers: {}, bodyText }, bearer);
    expect(error.hint).toContain("Grant bedrock:InvokeModelWithResponseStream");
    expect(error.hint).toContain("bearer key's principal");
  });

  it("reports Retry-After on throttling, in the hint and the metadata", () => {
    const { error } = classifyConverseHttpFailure({
      status: 429,
      headers: { "retry-after": "7", "x-amzn-errortype": "ThrottlingException" },
      bodyText: readConverseFixture("errors/throttling-too-many-requests.json"),
    });
    expect(error.hint).toContain("after 7 s");
    expect(error.metadata).toEqual({ retryAfterMs: 7000 });
    expect(retryAfterMs({ "retry-after": "Wed, 21 Oct 2026 07:28:05 GMT" }, Date.parse("Wed, 21 Oct 2026 07:28:00 GMT"))).toBe(5000);
  });

  it("reads the error type from x-amzn-errortype before the status", () => {
    const { error } = classifyConverseHttpFailure({ status: 400, headers: { "x-amzn-errortype": "ThrottlingException:http://x/" }, bodyText: "{}" });
    expect(error.code).toBe("throttled");
    expect(error.message).toContain("ThrottlingException");
  });

  it("classifies 5xx without a body as unavailable and keeps a non-JSON body bounded", () => {
    const { error } = classifyConverseHttpFailure({ status: 502, headers: {}, bodyText: `<html>${"x".repeat(5000)}</html>` });
    expect(error.code).toBe("unavailable");
    expect(error.message.length).toBeLessThan(800);
  });

  it("names the control plane when discovery failed there", () => {
    const { error } = classifyConverseHttpFailure(
      { status: 403, headers: {}, bodyText: '{"message":"User: x is not authorized to perform: bedrock:ListFoundationModels on resource: *"}' },
      { endpoint: "control-plane", credential: "aws-sigv4" },
    );
    expect(error.message).toContain("control plane");
    expect(error.hint).toContain("bedrock:ListFoundationModels");
  });

  it("maps thrown values: keeps classified errors, recognises aborts", () => {
    const original = new BedrockKitError({ code: "timeout", message: "m", hint: "h" });
    expect(classifyConverseError(original).provider).toBe("amazon-bedrock");
    expect(classifyConverseError(original).code).toBe("timeout");
    const abort = Object.assign(new Error("The operation was aborted"), { name: "AbortError" });
    expect(classifyConverseError(abort).code).toBe("aborted");
    expect(classifyConverseError(new Error("boom")).code).toBe("unavailable");
  });
});
