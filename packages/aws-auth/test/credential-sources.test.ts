import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BedrockKitError, type Env } from "@bedrock-kit/plugin-host";
import { describe, expect, it, vi } from "vitest";
import { createDefaultCredentialProvider, credentialsFromEnv, type CredentialChainModule } from "../src/aws-credential-chain.js";
import { mintBedrockTokenNow } from "../src/bedrock-token-minting.js";
import { DEFAULT_CREDENTIAL_SOURCES, describeCredentialSource, resolveCredential } from "../src/credential-sources.js";
import { testSecretResolver } from "./support/test-secret-resolver.js";

const KEYS = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const NOW = Date.UTC(2026, 4, 1, 12, 0, 0);
const clock = { now: () => NOW };
const LONG_TERM_KEY = `ABSK${Buffer.from("BedrockAPIKey-test-at-000000000000:secretsecretsecret").toString("base64")}`;

function failingLoader() {
  return vi.fn(async (): Promise<CredentialChainModule> => {
    throw new Error("the AWS credential chain must not be loaded here");
  });
}

async function failure(promise: Promise<unknown>): Promise<BedrockKitError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(BedrockKitError.isInstance(error)).toBe(true);
  return error as BedrockKitError;
}

describe("resolveCredential", () => {
  it("defaults to AWS_BEARER_TOKEN_BEDROCK, then BEDROCK_API_KEY, then the AWS chain", () => {
    expect(DEFAULT_CREDENTIAL_SOURCES).toEqual(["env:AWS_BEARER_TOKEN_BEDROCK", "env:BEDROCK_API_KEY", "aws-sigv4"]);
  });

  it("returns the bearer key and its source, never touching the AWS chain", async () => {
    const env = { AWS_BEARER_TOKEN_BEDROCK: `  ${LONG_TERM_KEY}\n`, AWS_ACCESS_KEY_ID: KEYS.accessKeyId, AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey };
    const loadChain = failingLoader();
    const credentialProvider = vi.fn(async () => KEYS);
    const resolved = await resolveCredential({ env, resolveSecret: testSecretResolver(env), loadChain, clock });
    expect(resolved).toEqual({ kind: "bearer", token: LONG_TERM_KEY, source: "env:AWS_BEARER_TOKEN_BEDROCK" });
    expect(loadChain).not.toHaveBeenCalled();
    await resolveCredential({ env, resolveSecret: testSecretResolver(env), credentialProvider, clock });
    expect(credentialProvider).not.toHaveBeenCalled();
  });

  it("counts blank and whitespace values as unset", async () => {
    const env = { AWS_BEARER_TOKEN_BEDROCK: " \t\n ", BEDROCK_API_KEY: LONG_TERM_KEY };
    const resolved = await resolveCredential({ env, resolveSecret: testSecretResolver(env), loadChain: failingLoader(), clock });
    expect(resolved).toMatchObject({ kind: "bearer", source: "env:BEDROCK_API_KEY" });
  });

  it("reads file: and object-form sources through the host's resolver", async () => {
    const directory = mkdtempSync(join(tmpdir(), "bedrock-kit-auth-"));
    const keyFile = join(directory, "key");
    writeFileSync(keyFile, `${LONG_TERM_KEY}\n`);
    const env: Env = { MY_KEY: "  " };
    const fromFile = await resolveCredential({ sources: [`file:${keyFile}`], env, resolveSecret: testSecretResolver(env), clock });
    expect(fromFile).toEqual({ kind: "bearer", token: LONG_TERM_KEY, source: `file:${keyFile}` });
    const fromObject = await resolveCredential({ sources: [{ source: "env", id: "MY_KEY" }, { source: "file", id: keyFile }], env, resolveSecret: testSecretResolver(env), clock });
    expect(fromObject).toMatchObject({ kind: "bearer", source: `file:${keyFile}` });
  });

  it.each(["aws-sigv4", "aws_sigv4", "aws-sdk", "AWS_SIGV4"])("accepts %s for the AWS chain and confirms it once", async (name) => {
    const credentialProvider = vi.fn(async () => KEYS);
    const resolved = await resolveCredential({ sources: ["env:NOPE", name], env: {}, resolveSecret: testSecretResolver({}), credentialProvider, clock });
    expect(resolved).toEqual({ kind: "aws", credentialProvider, source: "aws-sigv4" });
    expect(credentialProvider).toHaveBeenCalledTimes(1);
  });

  it("lists every source tried and what to set when nothing yields a credential", async () => {
    const noCredentials = Object.assign(new Error("Could not load credentials from any providers"), { name: "CredentialsProviderError" });
    const error = await failure(
      resolveCredential({ env: {}, resolveSecret: testSecretResolver({}), credentialProvider: async () => Promise.reject(noCredentials), provider: "amazon-bedrock", clock }),
    );
    expect(error.code).toBe("auth");
    expect(error.provider).toBe("amazon-bedrock");
    expect(error.message).toContain("env:AWS_BEARER_TOKEN_BEDROCK (not set), env:BEDROCK_API_KEY (not set), aws-sigv4 (no AWS credentials found)");
    expect(error.hint).toContain("Set AWS_BEARER_TOKEN_BEDROCK");
    expect(error.hint).toContain("AWS_PROFILE");
    expect(error.hint).toContain("AWS_ACCESS_KEY_ID");
    expect(error.cause).toBe(noCredentials);
  });

  it("reports an expired short-term key from the environment: regenerate it", async () => {
    const minted = mintBedrockTokenNow({ credentials: KEYS, region: "us-east-1", expiresInSeconds: 3600, now: new Date(NOW - 2 * 3_600_000) });
    const env = { AWS_BEARER_TOKEN_BEDROCK: minted.token };
    const error = await failure(resolveCredential({ env, resolveSecret: testSecretResolver(env), loadChain: failingLoader(), clock }));
    expect(error.code).toBe("auth");
    expect(error.message).toContain("env:AWS_BEARER_TOKEN_BEDROCK");
    expect(error.hint).toMatch(/regenerate the key/i);
    expect(`${error.message}${error.hint}`).not.toContain(minted.token.slice(16, 40));
  });

  it("returns a short-term key's expiry when it is still valid", async () => {
    const minted = mintBedrockTokenNow({ credentials: KEYS, region: "us-east-1", expiresInSeconds: 3600, now: new Date(NOW - 60_000) });
    const env = { AWS_BEARER_TOKEN_BEDROCK: `Bearer ${minted.token}` };
    const resolved = await resolveCredential({ env, resolveSecret: testSecretResolver(env), clock });
    expect(resolved).toEqual({ kind: "bearer", token: minted.token, source: "env:AWS_BEARER_TOKEN_BEDROCK", expiresAt: NOW - 60_000 + 3_600_000 });
  });

  it("reports expired static AWS keys: regenerate them", async () => {
    const env = { ...Object.fromEntries([["AWS_ACCESS_KEY_ID", KEYS.accessKeyId], ["AWS_SECRET_ACCESS_KEY", KEYS.secretAccessKey]]), AWS_CREDENTIAL_EXPIRATION: "2026-04-30T00:00:00Z" };
    const error = await failure(resolveCredential({ sources: ["aws-sigv4"], env, resolveSecret: testSecretResolver(env), loadChain: failingLoader(), clock }));
    expect(error.code).toBe("auth");
    expect(error.hint).toMatch(/regenerate the key/i);
  });

  it("keeps a chain failure as the cause, with its reason in the hint", async () => {
    const cause = new Error("Profile work could not be found in shared credentials file");
    const error = await failure(resolveCredential({ env: {}, resolveSecret: testSecretResolver({}), credentialProvider: async () => Promise.reject(cause), clock }));
    expect(error.code).toBe("auth");
    expect(error.cause).toBe(cause);
    expect(error.hint).toContain("Profile work could not be found");
    expect(error.hint).toContain("AWS_PROFILE");
    expect(error.hint).toContain("env:AWS_BEARER_TOKEN_BEDROCK (not set)");
  });

  it("rejects an unknown source name as a config error", async () => {
    const error = await failure(resolveCredential({ sources: ["aws-sigv5"], env: {}, resolveSecret: testSecretResolver({}), clock }));
    expect(error.code).toBe("config");
    expect(error.hint).toContain("aws-sigv4");
  });

  it("rejects a key with spaces or line breaks instead of sending it", async () => {
    const env = { AWS_BEARER_TOKEN_BEDROCK: "abc def" };
    const error = await failure(resolveCredential({ env, resolveSecret: testSecretResolver(env), clock }));
    expect(error.code).toBe("config");
    expect(error.message).not.toContain("abc def");
  });

  it("describes sources without their values", () => {
    expect(describeCredentialSource("aws_sigv4")).toBe("aws-sigv4");
    expect(describeCredentialSource({ source: "env", id: "X" })).toBe("env:X");
    expect(describeCredentialSource(LONG_TERM_KEY)).toBe("inline value");
  });
});

describe("createDefaultCredentialProvider", () => {
  it("reads static keys from the injected env (not process.env) without loading the SDK", async () => {
    const loadChain = failingLoader();
    const env = { AWS_ACCESS_KEY_ID: " ASIAIOSFODNN7EXAMPLE ", AWS_SECRET_ACCESS_KEY: KEYS.secretAccessKey, AWS_SESSION_TOKEN: "token", AWS_CREDENTIAL_EXPIRATION: "2026-05-01T13:00:00Z" };
    const provider = createDefaultCredentialProvider({ env, loadChain });
    await expect(provider()).resolves.toEqual({ accessKeyId: "ASIAIOSFODNN7EXAMPLE", secretAccessKey: KEYS.secretAccessKey, sessionToken: "token", expiration: new Date("2026-05-01T13:00:00Z") });
    expect(loadChain).not.toHaveBeenCalled();
    expect(credentialsFromEnv({ AWS_ACCESS_KEY_ID: "x", AWS_SECRET_ACCESS_KEY: "  " })).toBeUndefined();
  });

  it("passes AWS_PROFILE and file locations from the injected env to the chain (the profile wins over env keys)", async () => {
    const inits: Array<Record<string, unknown>> = [];
    const loadChain = vi.fn(async (): Promise<CredentialChainModule> => ({
      defaultProvider: (init) => {
        inits.push(init);
        return async () => ({ ...KEYS, sessionToken: "from-profile", expiration: new Date(NOW + 3_600_000), $source: {} } as never);
      },
    }));
    const env = {
      AWS_PROFILE: "work",
      AWS_ACCESS_KEY_ID: "AKIAOTHEROTHEROTHER1",
      AWS_SECRET_ACCESS_KEY: "ignored",
      AWS_SHARED_CREDENTIALS_FILE: "/tmp/credentials",
      AWS_CONFIG_FILE: "/tmp/config",
      AWS_WEB_IDENTITY_TOKEN_FILE: "/tmp/token",
      AWS_ROLE_ARN: "arn:aws:iam::123456789012:role/r",
    };
    const provider = createDefaultCredentialProvider({ env, loadChain });
    await expect(provider()).resolves.toEqual({ ...KEYS, sessionToken: "from-profile", expiration: new Date(NOW + 3_600_000) });
    await provider();
    expect(loadChain).toHaveBeenCalledTimes(1);
    expect(inits).toHaveLength(1);
    expect(inits[0]).toMatchObject({
      profile: "work",
      filepath: "/tmp/credentials",
      configFilepath: "/tmp/config",
      webIdentityTokenFile: "/tmp/token",
      roleArn: "arn:aws:iam::123456789012:role/r",
    });
  });

  it("always names a profile, so the SDK never falls back to static keys in process.env", async () => {
    const inits: Array<Record<string, unknown>> = [];
    const loadChain = async (): Promise<CredentialChainModule> => ({
      defaultProvider: (init) => {
        inits.push(init);
        return async () => KEYS;
      },
    });
    await createDefaultCredentialProvider({ env: {}, loadChain })();
    expect(inits[0]?.profile).toBe("default");
  });

  it("retries a failed import on the next call", async () => {
    let attempts = 0;
    const loadChain = async (): Promise<CredentialChainModule> => {
      attempts += 1;
      if (attempts === 1) throw new Error("ERR_MODULE_NOT_FOUND");
      return { defaultProvider: () => async () => KEYS };
    };
    const provider = createDefaultCredentialProvider({ env: {}, loadChain });
    await expect(provider()).rejects.toThrow("ERR_MODULE_NOT_FOUND");
    await expect(provider()).resolves.toEqual(KEYS);
  });
});
