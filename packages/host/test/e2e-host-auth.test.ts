import { startEmulator, type RunningEmulator } from "@bedrock-kit/emulator";
import { afterEach, describe, expect, it } from "vitest";
import type { Host } from "../src/host/host-types.js";
import { drain, hostWith, MANTLE_KEY_VAR, providersFor } from "./helpers/e2e-harness.js";

// Auth as AWS checks it, the silent skip and the two plugins side by side, against real loopback servers.
const MANTLE_REF = "amazon-bedrock-mantle/openai.gpt-oss-120b";
const CONVERSE_REF = "amazon-bedrock/anthropic.claude-sonnet-4-6";
const HELLO = { messages: [{ role: "user" as const, content: "hello side by side" }], maxTokens: 100 };

const opened: Array<{ close(): Promise<void> }> = [];
async function emulatorForTest(): Promise<RunningEmulator> {
  const emulator = await startEmulator();
  opened.push(emulator);
  return emulator;
}
async function track(host: Promise<Host>): Promise<Host> {
  const created = await host;
  opened.push(created);
  return created;
}
afterEach(async () => {
  // Hosts first (they were pushed after their emulators), then the emulators; closing twice is harmless.
  for (const resource of opened.splice(0).reverse()) await resource.close().catch(() => undefined);
});

function awsKeys(emulator: RunningEmulator): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: emulator.accessKeyId, AWS_SECRET_ACCESS_KEY: emulator.secretAccessKey, AWS_REGION: emulator.region };
}

describe("auth through the host", () => {
  it("Mantle mints a short-term token from IAM credentials in env when no key is set", async () => {
    const emulator = await emulatorForTest();
    const host = await track(hostWith(providersFor(emulator), awsKeys(emulator)));
    const answer = await host.complete(MANTLE_REF, HELLO);
    expect(answer.text).toBe("hello side by side");
    const kinds = emulator.stats().authKinds;
    expect(kinds["short-term-token"]).toBeGreaterThan(0);
    expect(kinds["api-key"]).toBeUndefined();
    const auth = await host.getRuntimeAuth("amazon-bedrock-mantle");
    expect(auth.expiresAt).toBeGreaterThan(Date.now());
  });

  it("Converse signs with SigV4 when pinned to aws-sigv4, even with a bearer key in env", async () => {
    const emulator = await emulatorForTest();
    const env = { ...awsKeys(emulator), AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey };
    const host = await track(hostWith(providersFor(emulator, { converse: { auth: { credentials: ["aws-sigv4"] } } }), env));
    const summary = await drain(host.stream(CONVERSE_REF, HELLO));
    expect(summary.text).toBe("hello side by side");
    const converseRecords = emulator.stats().recent.filter((record) => record.route === "runtime.converse-stream");
    expect(converseRecords.map((record) => [record.status, record.authKind])).toEqual([[200, "sigv4"]]);
  });

  it("no credential at all: a call to the skipped provider gets the auth error that says what was tried and what to set", async () => {
    const emulator = await emulatorForTest();
    const host = await track(hostWith(providersFor(emulator, { mantle: { auth: "api-key" } }), {}));
    expect((await host.listModels()).some((model) => model.provider === "amazon-bedrock-mantle")).toBe(false);
    const error = await host.complete(MANTLE_REF, HELLO).then(
      () => undefined,
      (caught: unknown) => caught as { code: string; message: string; hint: string },
    );
    expect(error?.code).toBe("auth");
    expect(error?.message).toContain('Model "amazon-bedrock-mantle/openai.gpt-oss-120b" is not available');
    expect(error?.hint).toContain(MANTLE_KEY_VAR);
    expect(emulator.stats().requests["mantle.chat"] ?? 0).toBe(0);
  });

  it("a wrong key: Mantle's discovery gets AWS's 401, the provider is skipped and a call says why", async () => {
    const emulator = await emulatorForTest();
    const host = await track(hostWith(providersFor(emulator), { [MANTLE_KEY_VAR]: "ABSKbm90LWEta2V5LXRoZS1lbXVsYXRvci1rbm93cw==" }));
    expect((await host.listModels()).some((model) => model.provider === "amazon-bedrock-mantle")).toBe(false);
    // The caller asked for this provider by name: it gets the real cause (the key was refused), not "no models".
    const error = await host.complete(MANTLE_REF, HELLO).then(
      () => undefined,
      (caught: unknown) => caught as { code: string; message: string; hint: string },
    );
    expect(error?.code).toBe("auth");
    expect(error?.message).toContain("listed no models: the endpoint check failed");
    expect(error?.message).toContain("401");
    expect(error?.hint).toMatch(/AWS_BEARER_TOKEN_BEDROCK|key/);
    expect(emulator.stats().statuses["401"]).toBeGreaterThan(0);
    expect(emulator.stats().authKinds["api-key"]).toBeUndefined();
  });
});

describe("the silent skip", () => {
  it("a provider whose endpoint is down is left out of the listing, quickly, and the other still answers", async () => {
    const mantleSide = await emulatorForTest();
    const converseSide = await emulatorForTest();
    const env = { AWS_BEARER_TOKEN_BEDROCK: converseSide.apiKey, [MANTLE_KEY_VAR]: mantleSide.apiKey };
    const providers = {
      "amazon-bedrock-mantle": providersFor(mantleSide)["amazon-bedrock-mantle"],
      "amazon-bedrock": providersFor(converseSide)["amazon-bedrock"],
    };
    const host = await track(hostWith(providers, env));
    await mantleSide.close();
    const startedAt = Date.now();
    const models = await host.listModels();
    expect(Date.now() - startedAt).toBeLessThan(5_000); // generous: "does not hang on a dead endpoint"
    expect(models.length).toBeGreaterThan(0);
    expect(models.every((model) => model.provider === "amazon-bedrock")).toBe(true);
    expect((await host.complete(CONVERSE_REF, HELLO)).text).toBe("hello side by side");
  });

  // Every way Mantle's discovery can fail, through the host: Mantle is left out, quickly, and
  // Converse on the same key still lists and answers (the plugin tests pin the single debug line).
  it.each([
    ["a 500", { status: 500 }],
    ["an HTML 502 from a proxy", { status: 502, body: "<html><body>Bad Gateway</body></html>" }],
    ["an empty models list", { status: 200, body: { object: "list", data: [] } }],
    ["access denied", { accessDenied: true }],
    ["an answer slower than the catalog timeout", { latencyMs: 3_000 }],
  ] as const)("Mantle discovery failing with %s leaves Converse listing and answering", async (_name, fault) => {
    const emulator = await emulatorForTest();
    emulator.setFaults({ "mantle.models": { ...fault } });
    const env = { AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey, [MANTLE_KEY_VAR]: emulator.apiKey };
    const host = await track(hostWith(providersFor(emulator), env, { catalogTimeoutMs: 1_000 }));
    const startedAt = Date.now();
    const models = await host.listModels();
    expect(Date.now() - startedAt).toBeLessThan(5_000); // generous: "does not hang"
    expect(models.length).toBeGreaterThan(0);
    expect(models.every((model) => model.provider === "amazon-bedrock")).toBe(true);
    expect((await host.complete(CONVERSE_REF, HELLO)).text).toBe("hello side by side");
  });
});

describe("both plugins side by side on AWS_BEARER_TOKEN_BEDROCK alone", () => {
  it("list their models under distinct refs and both answer", async () => {
    const emulator = await emulatorForTest();
    const host = await track(
      hostWith(
        {
          "amazon-bedrock-mantle": { baseUrl: emulator.mantleUrl },
          "amazon-bedrock": { baseUrl: emulator.runtimeUrl },
        },
        { AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey },
      ),
    );
    const models = await host.listModels();
    const providers = new Set(models.map((model) => model.provider));
    expect(providers).toEqual(new Set(["amazon-bedrock-mantle", "amazon-bedrock"]));
    const refs = models.map((model) => model.ref);
    expect(new Set(refs).size).toBe(refs.length);
    // The same Claude model, one ref per provider.
    expect(refs).toEqual(expect.arrayContaining(["amazon-bedrock-mantle/anthropic.claude-sonnet-4-6", CONVERSE_REF]));
    const [mantle, converse] = await Promise.all([host.complete(MANTLE_REF, HELLO), host.complete(CONVERSE_REF, HELLO)]);
    expect([mantle.text, converse.text]).toEqual(["hello side by side", "hello side by side"]);
    expect(emulator.stats().authKinds["api-key"]).toBeGreaterThanOrEqual(2);
  });

  it("a 403 on Converse does not affect Mantle, and a 403 on Mantle does not affect Converse", async () => {
    const emulator = await emulatorForTest();
    const host = await track(
      hostWith({ "amazon-bedrock-mantle": { baseUrl: emulator.mantleUrl }, "amazon-bedrock": { baseUrl: emulator.runtimeUrl } }, { AWS_BEARER_TOKEN_BEDROCK: emulator.apiKey }),
    );
    emulator.setFaults({ "runtime.converse-stream": { accessDenied: true } });
    await expect(host.complete(CONVERSE_REF, HELLO)).rejects.toMatchObject({ code: "access-denied", status: 403 });
    expect((await host.complete(MANTLE_REF, HELLO)).text).toBe("hello side by side");

    emulator.setFaults({ "mantle.chat": { accessDenied: true } });
    await expect(host.complete(MANTLE_REF, HELLO)).rejects.toMatchObject({ code: "access-denied", status: 403 });
    expect((await host.complete(CONVERSE_REF, HELLO)).text).toBe("hello side by side");
  });

  it("one provider's emulator down leaves the other listing and answering", async () => {
    const mantleSide = await emulatorForTest();
    const converseSide = await emulatorForTest();
    const host = await track(
      hostWith(
        { "amazon-bedrock-mantle": { baseUrl: mantleSide.mantleUrl }, "amazon-bedrock": { baseUrl: converseSide.runtimeUrl } },
        // The Mantle side's key; the Converse side is about to be closed, so its key does not matter.
        { AWS_BEARER_TOKEN_BEDROCK: mantleSide.apiKey },
      ),
    );
    await converseSide.close();
    const refs = (await host.listModels()).map((model) => model.ref);
    expect(refs).toContain(MANTLE_REF);
    expect((await host.complete(MANTLE_REF, HELLO)).text).toBe("hello side by side");
    await expect(host.complete(CONVERSE_REF, HELLO)).rejects.toMatchObject({ retryable: true });
  });
});
