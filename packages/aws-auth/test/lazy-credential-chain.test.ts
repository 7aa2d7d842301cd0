import { mkdtempSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { testSecretResolver } from "./support/test-secret-resolver.js";

// Runs in its own worker process (vitest isolates test files), so the module cache starts clean.
const moduleCache = createRequire(import.meta.url).cache;
const loaded = (fragment: string) => Object.keys(moduleCache).filter((path) => path.includes(fragment));

describe("lazy loading of the AWS SDK", () => {
  it("importing @bedrock-kit/aws-auth loads no @aws-sdk or @smithy module", async () => {
    await import("../src/index.js");
    expect(loaded("@aws-sdk")).toEqual([]);
    expect(loaded("@smithy")).toEqual([]);
  });

  it("a bearer-only resolution with the default chain never loads @aws-sdk/credential-provider-node", async () => {
    const { resolveCredential } = await import("../src/index.js");
    const env = { AWS_BEARER_TOKEN_BEDROCK: "ABSKQmVkcm9ja0FQSUtleS10ZXN0LWF0LTAwMDA=" };
    const resolved = await resolveCredential({ env, resolveSecret: testSecretResolver(env) });
    expect(resolved.kind).toBe("bearer");
    expect(loaded("credential-provider-node")).toEqual([]);
    expect(loaded("@aws-sdk")).toEqual([]);
  });

  it("reaching aws-sigv4 loads the chain on demand (a profile from a credentials file, no network)", async () => {
    const { resolveCredential } = await import("../src/index.js");
    const directory = mkdtempSync(join(tmpdir(), "bedrock-kit-chain-"));
    const credentialsFile = join(directory, "credentials");
    writeFileSync(credentialsFile, "[lazy-test]\naws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY\n");
    const env = { AWS_PROFILE: "lazy-test", AWS_SHARED_CREDENTIALS_FILE: credentialsFile, AWS_CONFIG_FILE: join(directory, "config") };
    const resolved = await resolveCredential({ env, resolveSecret: testSecretResolver(env) });
    expect(resolved.kind).toBe("aws");
    if (resolved.kind !== "aws") return;
    await expect(resolved.credentialProvider()).resolves.toMatchObject({ accessKeyId: "AKIAIOSFODNN7EXAMPLE" });
    expect(loaded("credential-provider-node").length).toBeGreaterThan(0);
  });
});
