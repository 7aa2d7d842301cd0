import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSecretMask, createSecretResolver } from "../src/index.js";

const FAKE_KEY = "bedrock-api-key-RkFLRUZBS0VGQUtFRkFLRQ=="; // pragma: allowlist secret

async function rejection(promise: Promise<unknown>): Promise<BedrockKitError> {
  try {
    await promise;
  } catch (error) {
    if (BedrockKitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("createSecretResolver", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "bedrock-kit-secrets-"));
    await mkdir(join(folder, "mounted"));
    await writeFile(join(folder, "mounted", "key"), `  ${FAKE_KEY}\n\n`);
    await writeFile(join(folder, "blank"), "   \n");
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  const resolverFor = (env: Record<string, string | undefined>, allowInline = false) =>
    createSecretResolver({ env, baseDir: folder, allowInline, mask: createSecretMask() });

  it("resolves env:NAME and { source: env, id }", async () => {
    const { resolve } = resolverFor({ MY_KEY: FAKE_KEY });
    expect(await resolve("env:MY_KEY")).toBe(FAKE_KEY);
    expect(await resolve({ source: "env", id: "MY_KEY" })).toBe(FAKE_KEY);
  });

  it("resolves file:PATH relative to the config folder, trimmed, and the object form", async () => {
    const { resolve } = resolverFor({});
    expect(await resolve("file:mounted/key")).toBe(FAKE_KEY);
    expect(await resolve({ source: "file", id: join(folder, "mounted", "key") })).toBe(FAKE_KEY);
  });

  it("treats unset, missing and blank as unset", async () => {
    const { resolve } = resolverFor({ EMPTY: "", SPACES: "  \t" });
    expect(await resolve("env:UNSET")).toBeUndefined();
    expect(await resolve("env:EMPTY")).toBeUndefined();
    expect(await resolve("env:SPACES")).toBeUndefined();
    expect(await resolve("file:does-not-exist")).toBeUndefined();
    expect(await resolve("file:blank")).toBeUndefined();
  });

  it("refuses an inline literal unless allowed, without echoing it", async () => {
    const error = await rejection(resolverFor({}).resolve(FAKE_KEY));
    expect(error.code).toBe("config");
    expect(error.message).toMatch(/inline secret/);
    expect(error.hint).toContain("secrets.allowInline");
    expect(`${error.message} ${error.hint}`).not.toContain(FAKE_KEY);
    expect(await resolverFor({}, true).resolve(FAKE_KEY)).toBe(FAKE_KEY);
  });

  it("names the variable or file when a required reference does not resolve", async () => {
    const resolver = resolverFor({});
    const fromEnv = await rejection(resolver.require("env:AWS_BEARER_TOKEN_BEDROCK", "models.providers.amazon-bedrock.apiKey"));
    expect(fromEnv.code).toBe("config");
    expect(fromEnv.message).toBe(
      "Secret env:AWS_BEARER_TOKEN_BEDROCK (models.providers.amazon-bedrock.apiKey) did not resolve: the environment variable AWS_BEARER_TOKEN_BEDROCK is not set or blank.",
    );
    expect(fromEnv.hint).toContain("Set AWS_BEARER_TOKEN_BEDROCK");
    const fromFile = await rejection(resolver.require({ source: "file", id: "missing/token" }));
    expect(fromFile.message).toContain("file missing/token does not exist or is blank");
    expect(await resolverFor({ SET: FAKE_KEY }).require("env:SET")).toBe(FAKE_KEY);
  });

  it("reports an unreadable secret file by name", async () => {
    const error = await rejection(resolverFor({}).resolve("file:mounted"));
    expect(error.code).toBe("config");
    expect(error.message).toBe("Secret file mounted cannot be read (EISDIR).");
  });

  it("rejects references that name nothing and values that are not references", async () => {
    const resolver = resolverFor({});
    expect((await rejection(resolver.resolve("env:"))).message).toMatch(/names no variable/);
    expect((await rejection(resolver.resolve("file:  "))).message).toMatch(/names no file/);
    expect((await rejection(resolver.resolve({ source: "vault", id: "x" } as never))).code).toBe("config");
  });

  it("remembers every resolved value so output can mask it, whatever its shape", async () => {
    const mask = createSecretMask();
    const resolver = createSecretResolver({ env: { OPAQUE: "opaque-value-123" }, baseDir: folder, allowInline: false, mask });
    await resolver.resolve("env:OPAQUE");
    expect(mask.maskText("sent opaque-value-123 upstream")).toBe("sent [redacted] upstream");
    expect(mask.maskValue({ nested: ["opaque-value-123"] })).toEqual({ nested: ["[redacted]"] });
  });
});

describe("createSecretMask", () => {
  it("is seeded with the values of secret-named environment variables only", () => {
    const mask = createSecretMask({ AWS_BEARER_TOKEN_BEDROCK: "token-value-1", AWS_REGION: "us-east-1", MY_API_KEY: "key-value-22" });
    expect(mask.maskText("token-value-1 key-value-22 us-east-1")).toBe("[redacted] [redacted] us-east-1");
  });

  it("ignores values too short to mask without garbling output", () => {
    const mask = createSecretMask({ SHORT_TOKEN: "abc" });
    expect(mask.maskText("abc abc")).toBe("abc abc");
  });
});
