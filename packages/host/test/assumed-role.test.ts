import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEmulator, type RunningEmulator } from "@bedrock-kit/emulator";
import type { Env, Logger, StreamEvent } from "@bedrock-kit/plugin-host";
import conversePlugin from "@bedrock-kit/plugin-bedrock-converse";
import mantlePlugin from "@bedrock-kit/plugin-bedrock-mantle";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHost } from "../src/host/create-host.js";

// Issue 10: `auth.roleArn` on either provider assumes the role through STS (the emulator's
// AssumeRole route) with the chain's identity, and the role's credentials do everything after.

const ROLE = "arn:aws:iam::123456789012:role/gateway-bedrock";
const PARTNER_ROLE = "arn:aws:iam::123456789012:role/partner";
const SILENT: Logger = { debug() {}, info() {}, warn() {}, error() {} };
const REQUEST = { messages: [{ role: "user" as const, content: "from a role" }], maxTokens: 50 };

let emulator: RunningEmulator;
let chainEnv: Env;

beforeAll(async () => {
  emulator = await startEmulator({ roles: [{ roleArn: ROLE }, { roleArn: PARTNER_ROLE, externalId: "ext-123" }] });
  // The chain's identity: the emulator's long-term test keys; a bearer key is also present, to prove the role wins.
  chainEnv = { AWS_ACCESS_KEY_ID: emulator.accessKeyId, AWS_SECRET_ACCESS_KEY: emulator.secretAccessKey, AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey };
});
afterAll(() => emulator.close());

async function textOf(events: AsyncIterable<StreamEvent>): Promise<{ text: string; finished: boolean }> {
  let text = "";
  let finished = false;
  for await (const event of events) {
    if (event.type === "text-delta") text += event.text;
    if (event.type === "finish") finished = true;
    if (event.type === "error") throw event.error;
  }
  return { text, finished };
}

function hostWith(providers: Record<string, unknown>, env: Env) {
  return createHost({ config: { plugins: [], models: { providers } }, plugins: [mantlePlugin, conversePlugin], env, logger: SILENT });
}

/** Auth kinds the emulator saw on one service's routes (besides STS) since `from`. */
function authKindsSince(from: number, service: string): string[] {
  return emulator
    .stats()
    .recent.slice(from)
    .filter((record) => record.route.startsWith(`${service}.`) && record.authKind !== undefined)
    .map((record) => record.authKind as string);
}

function stsCallsSince(from: number) {
  return emulator.stats().recent.slice(from).filter((record) => record.route === "sts.assume-role");
}

describe("assumed roles against the emulator's STS", () => {
  it("Mantle: tokens minted from the role serve discovery and calls, one AssumeRole for both", async () => {
    const from = emulator.stats().recent.length;
    const host = await hostWith(
      { "amazon-bedrock-mantle": { baseUrl: emulator.mantleUrl, region: emulator.region, auth: { roleArn: ROLE, stsEndpoint: emulator.stsUrl, sessionName: "gateway" } } },
      chainEnv,
    );
    const models = await host.listModels({ provider: "amazon-bedrock-mantle" });
    expect(models.some((model) => model.source === "discovered")).toBe(true);
    expect(await textOf(host.stream("amazon-bedrock-mantle/openai.gpt-oss-120b", REQUEST))).toEqual({ text: "from a role", finished: true });

    const sts = stsCallsSince(from);
    expect(sts).toHaveLength(1);
    expect(sts[0]).toMatchObject({ status: 200, authKind: "sigv4" }); // signed by the chain's long-term identity
    const mantleKinds = authKindsSince(from, "mantle");
    expect(mantleKinds.length).toBeGreaterThanOrEqual(2);
    expect(new Set(mantleKinds)).toEqual(new Set(["short-term-token"])); // never the bearer key in the env
    await host.close();
  });

  it("Mantle with mode aws-sigv4: requests are signed with the role's session credentials", async () => {
    const from = emulator.stats().recent.length;
    const host = await hostWith(
      { "amazon-bedrock-mantle": { baseUrl: emulator.mantleUrl, region: emulator.region, auth: { mode: "aws-sigv4", roleArn: ROLE, stsEndpoint: emulator.stsUrl } } },
      chainEnv,
    );
    expect(await textOf(host.stream("amazon-bedrock-mantle/openai.gpt-oss-120b", REQUEST))).toEqual({ text: "from a role", finished: true });
    expect(stsCallsSince(from)).toHaveLength(1);
    expect(new Set(authKindsSince(from, "mantle"))).toEqual(new Set(["sigv4-session"]));
    await host.close();
  });

  it("Converse: the role (with its external id and duration) signs the runtime call as sigv4-session, bearer keys in the env notwithstanding", async () => {
    const from = emulator.stats().recent.length;
    const host = await hostWith(
      {
        "amazon-bedrock": {
          baseUrl: emulator.runtimeUrl,
          controlPlaneUrl: emulator.controlPlaneUrl,
          region: emulator.region,
          auth: { roleArn: PARTNER_ROLE, externalId: "ext-123", durationSeconds: 900, stsEndpoint: emulator.stsUrl },
        },
      },
      chainEnv,
    );
    expect(await textOf(host.stream("amazon-bedrock/anthropic.claude-sonnet-4-6", REQUEST))).toEqual({ text: "from a role", finished: true });
    expect(stsCallsSince(from)).toHaveLength(1);
    expect(new Set(authKindsSince(from, "runtime"))).toEqual(new Set(["sigv4-session"]));
    const auth = await host.getRuntimeAuth("amazon-bedrock", {});
    expect(auth.expiresAt).toBeGreaterThan(Date.now() + 10 * 60_000);
    expect(auth.expiresAt).toBeLessThanOrEqual(Date.now() + 15 * 60_000 + 5_000);
    await host.close();
  });

  it("Converse: a wrong external id fails runtime auth with an auth error naming no secret", async () => {
    const host = await hostWith(
      {
        "amazon-bedrock": {
          baseUrl: emulator.runtimeUrl,
          region: emulator.region,
          auth: { roleArn: PARTNER_ROLE, externalId: "wrong-id", stsEndpoint: emulator.stsUrl },
        },
      },
      chainEnv,
    );
    // The catalog skips the provider silently (issue rule); the auth path itself says why.
    const failure = await host.getRuntimeAuth("amazon-bedrock", {}).then(
      () => undefined,
      (error: unknown) => error as { code?: string; message?: string; hint?: string },
    );
    expect(failure?.code).toBe("auth");
    expect(JSON.stringify(failure)).not.toContain(emulator.secretAccessKey);
    await host.close();
  });

  it("doctor names the assumed role per provider, with the region, model count and the prices in force", async () => {
    const host = await hostWith(
      {
        "amazon-bedrock-mantle": { baseUrl: emulator.mantleUrl, region: emulator.region, auth: { roleArn: ROLE, stsEndpoint: emulator.stsUrl } },
        "amazon-bedrock": { baseUrl: emulator.runtimeUrl, region: emulator.region, auth: { roleArn: ROLE, stsEndpoint: emulator.stsUrl } },
      },
      chainEnv,
    );
    const reports = await host.doctor();
    for (const provider of ["amazon-bedrock-mantle", "amazon-bedrock"]) {
      const report = reports.find((candidate) => candidate.provider === provider);
      expect(report?.credentialSource).toContain(`(assumed role ${ROLE})`);
      expect(report?.regions).toContain(emulator.region);
      expect(report?.modelCount).toBeGreaterThan(0);
      expect(Object.keys(report?.prices ?? {}).length).toBe(report?.modelCount);
      expect(report?.checks.find((check) => check.name === "credentials")?.status).toBe("ok");
    }
    expect(JSON.stringify(reports)).not.toContain(emulator.secretAccessKey);
    await host.close();
  });

  it("a shared-config profile with role_arn + source_profile works through the chain (STS via AWS_ENDPOINT_URL_STS in the injected env)", async () => {
    const directory = await mkdtemp(join(tmpdir(), "bedrock-kit-profile-"));
    try {
      const configFile = join(directory, "config");
      const credentialsFile = join(directory, "credentials");
      await writeFile(configFile, `[profile gateway]\nrole_arn = ${ROLE}\nsource_profile = base\nrole_session_name = from-profile\nregion = ${emulator.region}\n`);
      await writeFile(credentialsFile, `[base]\naws_access_key_id = ${emulator.accessKeyId}\naws_secret_access_key = ${emulator.secretAccessKey}\n`);
      const env: Env = {
        AWS_CONFIG_FILE: configFile,
        AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
        AWS_PROFILE: "gateway",
        AWS_ENDPOINT_URL_STS: emulator.stsUrl,
        AWS_REGION: emulator.region,
      };
      const from = emulator.stats().recent.length;
      const host = await hostWith(
        {
          "amazon-bedrock-mantle": { baseUrl: emulator.mantleUrl, region: emulator.region, auth: "aws-sigv4" },
          "amazon-bedrock": { baseUrl: emulator.runtimeUrl, region: emulator.region, auth: { credentials: ["aws-sigv4"] } },
        },
        env,
      );
      expect((await textOf(host.stream("amazon-bedrock-mantle/openai.gpt-oss-120b", REQUEST))).finished).toBe(true);
      expect((await textOf(host.stream("amazon-bedrock/anthropic.claude-sonnet-4-6", REQUEST))).finished).toBe(true);
      expect(stsCallsSince(from).length).toBeGreaterThanOrEqual(1);
      expect(new Set(authKindsSince(from, "mantle"))).toEqual(new Set(["sigv4-session"]));
      expect(new Set(authKindsSince(from, "runtime"))).toEqual(new Set(["sigv4-session"]));
      await host.close();
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  });
});
