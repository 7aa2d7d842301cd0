import { inspect } from "node:util";
import { BedrockKitError, type Logger } from "@bedrock-kit/plugin-host";
import { describe, expect, it } from "vitest";
import { createRedactingLogger, isSecretKeyName, redactSecrets, redactValue } from "../src/index.js";
import { mintBedrockTokenNow } from "../src/bedrock-token-minting.js";

// Fake secrets, built at run time so no scanner mistakes them for leaks. // pragma: allowlist secret
const SECRET_KEY = ["wJalrXUtnFEMI", "K7MDENG+bPxRfiCYEXAMPLEKEY"].join("/");
const ACCESS_KEY_ID = `AKIA${"IOSFODNN7EXAMPLE"}`;
const TEMP_ACCESS_KEY_ID = `ASIA${"Y34FZKBOKMUTVV7A"}`;
const SESSION_TOKEN = `IQoJb3JpZ2luX2VjE${"NP//////////wEaCXVzLWVhc3QtMSJHMEUCIQD6c8xTLo+QwM3pVqPZ"}=`;
const OLD_SESSION_TOKEN = `AQoDYXdzEPT//////////${"wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQ"}==`;
const LONG_TERM_KEY = `ABSK${Buffer.from("BedrockAPIKey-abcd-at-123456789012:c2VjcmV0c2VjcmV0").toString("base64")}`;
const MINTED = mintBedrockTokenNow({
  credentials: { accessKeyId: TEMP_ACCESS_KEY_ID, secretAccessKey: SECRET_KEY, sessionToken: SESSION_TOKEN },
  region: "us-west-2",
  now: new Date("2026-01-01T00:00:00Z"),
}).token;
const OPAQUE_BEARER = "sk-live-0123456789abcdefXYZ";
const SIGNATURE = "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
const PRESIGNED_URL =
  `https://bedrock.amazonaws.com/?Action=CallWithBearerToken&X-Amz-Algorithm=AWS4-HMAC-SHA256` +
  `&X-Amz-Credential=${TEMP_ACCESS_KEY_ID}%2F20260101%2Fus-west-2%2Fbedrock%2Faws4_request&X-Amz-Date=20260101T000000Z` +
  `&X-Amz-Expires=43200&X-Amz-Security-Token=${encodeURIComponent(SESSION_TOKEN)}&X-Amz-SignedHeaders=host&X-Amz-Signature=${SIGNATURE}`;
const SIGV4_AUTHORIZATION = `AWS4-HMAC-SHA256 Credential=${ACCESS_KEY_ID}/20260101/us-east-1/bedrock/aws4_request, SignedHeaders=host;x-amz-date, Signature=${SIGNATURE}`;
const PASSWORD = "correct-horse-battery";
const OPAQUE_API_KEY = "k3y-opaque-value-42";

/** Every secret, and the distinctive part that must not survive masking. */
const SECRETS = [SECRET_KEY, ACCESS_KEY_ID.slice(4), TEMP_ACCESS_KEY_ID.slice(4), SESSION_TOKEN.slice(6), OLD_SESSION_TOKEN.slice(6), LONG_TERM_KEY.slice(6), MINTED.slice(18), OPAQUE_BEARER, SIGNATURE, PASSWORD, OPAQUE_API_KEY];

function expectNoSecret(text: string): void {
  for (const secret of SECRETS) {
    // No run of 12 characters of a secret may survive (catches partial masking, too).
    for (let start = 0; start + 12 <= secret.length; start += 6) expect(text).not.toContain(secret.slice(start, start + 12));
  }
}

const TEXT_SHAPES = [
  `Authorization: Bearer ${MINTED}`,
  `authorization: Bearer ${LONG_TERM_KEY}\r\nhost: x`,
  `Bearer ${OPAQUE_BEARER}`,
  `export AWS_BEARER_TOKEN_BEDROCK=${LONG_TERM_KEY}`,
  `curl -H "Authorization: ${SIGV4_AUTHORIZATION}" https://bedrock-runtime.us-east-1.amazonaws.com`,
  `Authorization=${SIGV4_AUTHORIZATION}`,
  `request failed: GET ${PRESIGNED_URL} returned 403`,
  PRESIGNED_URL.replace("https://", ""),
  `aws_access_key_id = ${ACCESS_KEY_ID}\naws_secret_access_key = ${SECRET_KEY}\naws_session_token = ${SESSION_TOKEN}`,
  `AWS_ACCESS_KEY_ID=${TEMP_ACCESS_KEY_ID} AWS_SECRET_ACCESS_KEY=${SECRET_KEY} AWS_SESSION_TOKEN=${OLD_SESSION_TOKEN}`,
  `credentials ${ACCESS_KEY_ID} ${SECRET_KEY}`,
  `X-Amz-Security-Token: ${SESSION_TOKEN}`,
  `x-amz-security-token:${OLD_SESSION_TOKEN}`,
  `the key ${MINTED} expired`,
  `Signature=${SIGNATURE}`,
  `password: ${PASSWORD}, apiKey=${OPAQUE_API_KEY}`,
  `x-api-key: ${OPAQUE_API_KEY}`,
  `{"secretAccessKey":"${SECRET_KEY}","sessionToken":"${SESSION_TOKEN}"}`,
  `{'apiKey': '${OPAQUE_API_KEY}', 'password': '${PASSWORD}'}`,
];

describe("redactSecrets", () => {
  it.each(TEXT_SHAPES)("masks %#", (text) => {
    expectNoSecret(redactSecrets(text));
  });

  it("masks every shape inside JSON, util.inspect output and error messages", () => {
    const payload = {
      headers: { authorization: `Bearer ${MINTED}`, "x-amz-security-token": SESSION_TOKEN, "x-api-key": OPAQUE_API_KEY },
      credentials: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY, sessionToken: OLD_SESSION_TOKEN },
      url: PRESIGNED_URL,
      nested: [{ apiKey: LONG_TERM_KEY, password: PASSWORD, note: `Bearer ${OPAQUE_BEARER}` }],
    };
    expectNoSecret(redactSecrets(JSON.stringify(payload)));
    expectNoSecret(redactSecrets(JSON.stringify(payload, null, 2)));
    expectNoSecret(redactSecrets(inspect(payload, { depth: 10 })));
    expectNoSecret(redactSecrets(new Error(`upstream said: ${JSON.stringify(payload)}`).message));
    // JSON escapes `/` as `\/` in some encoders.
    expectNoSecret(redactSecrets(JSON.stringify(payload).replace(/\//g, "\\/")));
  });

  it("keeps a short prefix that says what kind of credential it was", () => {
    expect(redactSecrets(`Bearer ${MINTED}`)).toBe("Bearer bedrock-api-key-…[redacted]");
    expect(redactSecrets(LONG_TERM_KEY)).toBe("ABSK…[redacted]");
    expect(redactSecrets(`id ${ACCESS_KEY_ID} and ${TEMP_ACCESS_KEY_ID}`)).toBe("id AKIA…[redacted] and ASIA…[redacted]");
    expect(redactSecrets(`token ${SESSION_TOKEN}`)).toBe("token IQoJ…[redacted]");
    expect(redactSecrets(`Authorization: ${SIGV4_AUTHORIZATION}`)).toBe("Authorization: AWS4-HMAC-SHA256 [redacted]");
    expect(redactSecrets("https://h/?X-Amz-Signature=abc&X-Amz-Date=20260101T000000Z")).toBe("https://h/?X-Amz-Signature=[redacted]&X-Amz-Date=20260101T000000Z");
  });

  it("is idempotent", () => {
    for (const text of TEXT_SHAPES) {
      const once = redactSecrets(text);
      expect(redactSecrets(once)).toBe(once);
    }
  });

  it("still masks bearer values that look like tokens, short or long", () => {
    expect(redactSecrets("Bearer abc123def")).toBe("Bearer [redacted]");
    expect(redactSecrets("bearer eyJhbGciOiJIUzI1NiJ9.e30.sig")).not.toContain("eyJhbGci");
    expect(redactSecrets("Bearer abcdefghijklmnopqrstuvwxyz")).toBe("Bearer [redacted]");
  });

  it("leaves what is not secret alone", () => {
    const harmless = [
      'max_tokens: 4096, "inputTokens": 12, outputTokens=3, cacheReadTokens: 0, nextToken=abc',
      "model anthropic.claude-opus-4-7 in us-east-1 (request id 6f1c2f4e-1234-4567-89ab-0123456789ab)",
      "commit 3f786850e387550fdab836ed7e6dc881de23001b",
      'apiKey: "env:AWS_BEARER_TOKEN_BEDROCK", credentials: ["env:BEDROCK_API_KEY", "aws-sigv4"], tokenFile: /var/run/token',
      "https://bedrock-mantle.us-west-2.api.aws/v1/models?X-Amz-Date=20260101T000000Z",
      // Hints talk about bearer keys in prose; that must stay readable.
      "The bearer key was rejected: the Bedrock control plane takes no bearer token.",
      "",
    ];
    for (const text of harmless) expect(redactSecrets(text)).toBe(text);
  });

  it("stays linear on a long run without separators", () => {
    const huge = "A".repeat(2_000_000);
    const started = Date.now();
    expect(redactSecrets(huge)).toBe(huge);
    expect(Date.now() - started).toBeLessThan(5_000); // generous: proves it does not go quadratic
  });
});

describe("redactValue", () => {
  it("masks secret-shaped strings and secret-named keys in nested values, keeping the rest", () => {
    const value = {
      provider: "amazon-bedrock",
      maxTokens: 100,
      auth: { apiKey: OPAQUE_API_KEY, password: PASSWORD, credentials: ["env:AWS_BEARER_TOKEN_BEDROCK", "aws-sigv4"] },
      aws: { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY, sessionToken: SESSION_TOKEN, expiration: new Date(0) },
      headers: new Map([["authorization", `Bearer ${OPAQUE_BEARER}`]]),
      list: [`see ${PRESIGNED_URL}`, { token: MINTED }],
      url: new URL(PRESIGNED_URL),
      enabled: true,
    };
    const redacted = redactValue(value);
    expectNoSecret(inspect(redacted, { depth: 10 }));
    expect(redacted.provider).toBe("amazon-bedrock");
    expect(redacted.maxTokens).toBe(100);
    expect(redacted.auth.credentials).toEqual(["env:AWS_BEARER_TOKEN_BEDROCK", "aws-sigv4"]);
    expect(redacted.aws.accessKeyId).toBe("AKIA…[redacted]");
    expect(redacted.aws.secretAccessKey).toBe("[redacted]");
    expect(redacted.aws.expiration).toEqual(new Date(0));
    expect(redacted.list[1]).toEqual({ token: "bedrock-api-key-…[redacted]" });
    expect(redacted.enabled).toBe(true);
    // A deep copy: the input is untouched.
    expect(value.aws.secretAccessKey).toBe(SECRET_KEY);
  });

  it("redacts errors' messages, stacks, hints and causes, keeping their class", () => {
    const cause = new Error(`STS said no for ${ACCESS_KEY_ID} with ${SECRET_KEY}`);
    const error = new BedrockKitError({ code: "auth", message: `rejected Bearer ${OPAQUE_BEARER}`, hint: `check ${LONG_TERM_KEY}`, cause });
    const redacted = redactValue({ error });
    expect(BedrockKitError.isInstance(redacted.error)).toBe(true);
    expect(redacted.error).toBeInstanceOf(BedrockKitError);
    expect(redacted.error.code).toBe("auth");
    expectNoSecret(redacted.error.message);
    expectNoSecret(redacted.error.hint);
    expectNoSecret(String(redacted.error.stack));
    expectNoSecret(inspect(redacted.error.cause));
    expectNoSecret(JSON.stringify(redacted));
  });

  it("copes with cycles", () => {
    const value: Record<string, unknown> = { password: PASSWORD };
    value.self = value;
    const redacted = redactValue(value);
    expect(redacted.self).toBe(redacted);
    expect(redacted.password).toBe("[redacted]");
  });
});

describe("createRedactingLogger", () => {
  it("redacts every message and field before the sink sees them", () => {
    const lines: string[] = [];
    const sink: Logger = {
      debug: (message, fields) => lines.push(message + JSON.stringify(fields)),
      info: (message, fields) => lines.push(message + JSON.stringify(fields)),
      warn: (message, fields) => lines.push(message + JSON.stringify(fields)),
      error: (message, fields) => lines.push(message + JSON.stringify(fields)),
    };
    const logger = createRedactingLogger(sink);
    logger.debug(`minted ${MINTED}`, { headers: { authorization: `Bearer ${MINTED}` } });
    logger.info("credentials", { accessKeyId: ACCESS_KEY_ID, secretAccessKey: SECRET_KEY });
    logger.warn(`presigned ${PRESIGNED_URL}`);
    logger.error("failed", { error: new Error(`bad ${SESSION_TOKEN}`), password: PASSWORD });
    expect(lines).toHaveLength(4);
    for (const line of lines) expectNoSecret(line);
  });
});

describe("isSecretKeyName", () => {
  it.each(["secretAccessKey", "AWS_SECRET_ACCESS_KEY", "sessionToken", "x-amz-security-token", "apiKey", "api_key", "x-api-key", "authorization", "Proxy-Authorization", "password", "credential", "token", "accessToken", "accessKeyId", "cookie"])(
    "%s is secret",
    (name) => expect(isSecretKeyName(name)).toBe(true),
  );
  it.each(["max_tokens", "maxTokens", "inputTokens", "cacheReadTokens", "nextToken", "tokenCount", "apiKeySource", "credentialSource", "model", "region", "expiresAt", "tokenFile"])(
    "%s is not secret",
    (name) => expect(isSecretKeyName(name)).toBe(false),
  );
});
