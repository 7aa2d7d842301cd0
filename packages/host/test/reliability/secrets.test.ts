import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCliIfStale, runCliProcess, type CliRun } from "../helpers/run-cli-process.js";
import { PROVIDERS, expectClassified, hostFor, request, run, startEmulator, startFaultServer, type RunningEmulator } from "./reliability-harness.js";

// Known fake secrets, shaped like the real ones so shape-based redaction cannot be what saves us alone.
const BEARER = "ABSKQmVkcm9ja0FQSUtleS1yZWxpYWJpbGl0eS10ZXN0LWtleS0wMDAx";
const AWS_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYRELIABILITY1";
const SESSION_TOKEN = "IQoJb3JpZ2luX2VjEFAKESESSIONTOKENreliability0123456789abcdef";
const ACCESS_KEY_ID = "AKIARELIABILITY00001";
const SECRETS = [BEARER, AWS_SECRET, SESSION_TOKEN];

let emulator: RunningEmulator;
let folder: string;
let goodConfig: string;
let brokenConfig: string;
let inlineRefusedConfig: string;
let refusedUrlConfig: string;

beforeAll(async () => {
  buildCliIfStale();
  emulator = await startEmulator({ apiKeys: [BEARER], credentials: [{ accessKeyId: ACCESS_KEY_ID, secretAccessKey: AWS_SECRET }] });
  // Under the host's node_modules so the config's plugin package names resolve (and git ignores it).
  const cache = join(import.meta.dirname, "../../node_modules/.cache");
  mkdirSync(cache, { recursive: true });
  folder = mkdtempSync(join(cache, "reliability-secrets-"));
  const providers = (mantle: Record<string, unknown>) => ({
    "amazon-bedrock-mantle": { baseUrl: emulator.mantleUrl, ...mantle },
    "amazon-bedrock": { baseUrl: emulator.runtimeUrl, controlPlaneUrl: emulator.controlPlaneUrl },
  });
  const write = (name: string, value: unknown) => {
    const path = join(folder, name);
    writeFileSync(path, JSON.stringify(value, null, 2));
    return path;
  };
  goodConfig = write("good.json5", { plugins: PLUGINS, secrets: { allowInline: true }, models: { providers: providers({ apiKey: BEARER }) } });
  // Points at a port nothing listens on: every call fails, through every error path.
  brokenConfig = write("broken.json5", {
    plugins: PLUGINS,
    secrets: { allowInline: true },
    models: {
      providers: {
        "amazon-bedrock-mantle": { baseUrl: "http://127.0.0.1:9/v1", apiKey: BEARER, retry: { maxAttempts: 1 }, discovery: { enabled: false }, models: [{ id: "openai.gpt-oss-120b" }] },
        "amazon-bedrock": { baseUrl: "http://127.0.0.1:9", retry: { maxAttempts: 1 } },
      },
    },
  });
  inlineRefusedConfig = write("inline-refused.json5", { plugins: PLUGINS, models: { providers: providers({ apiKey: BEARER }) } });
  refusedUrlConfig = write("refused-url.json5", {
    plugins: PLUGINS,
    models: { providers: { "amazon-bedrock-mantle": { baseUrl: "http://bedrock-mantle.example.com/v1", discovery: { enabled: false }, models: [{ id: "openai.gpt-oss-120b" }] } } },
  });
}, 120_000);

afterAll(async () => {
  await emulator.close();
  rmSync(folder, { recursive: true, force: true });
});

const PLUGINS = ["@bedrock-kit/plugin-bedrock-mantle", "@bedrock-kit/plugin-bedrock-converse"];

const ENV = {
  AWS_BEARER_TOKEN_BEDROCK: BEARER,
  AWS_ACCESS_KEY_ID: ACCESS_KEY_ID,
  AWS_SECRET_ACCESS_KEY: AWS_SECRET,
  AWS_SESSION_TOKEN: SESSION_TOKEN,
  AWS_REGION: "us-east-1",
  BEDROCK_KIT_LOG: "debug",
};

function expectNoSecret(run: CliRun | string, label: string): void {
  const text = typeof run === "string" ? run : `${run.stdout}\n${run.stderr}`;
  for (const secret of SECRETS) {
    expect(text.includes(secret), `${label} leaked ${secret.slice(0, 6)}…`).toBe(false);
    // A long fragment is a leak too (a truncated key in an error message).
    expect(text.includes(secret.slice(4, 28)), `${label} leaked a fragment of ${secret.slice(0, 6)}…`).toBe(false);
  }
}

describe("no secret in any CLI output, debug log included", () => {
  const commands = (config: string): Array<[string, string[]]> => [
    ["models list", ["models", "list", "--config", config]],
    ["models list --json", ["models", "list", "--json", "--config", config]],
    ["models test", ["models", "test", "--model", "amazon-bedrock-mantle/openai.gpt-oss-120b", "--config", config]],
    ["chat (mantle)", ["chat", "--model", "amazon-bedrock-mantle/openai.gpt-oss-120b", "--config", config, "hello secret world"]],
    ["chat --json (converse)", ["chat", "--json", "--model", "amazon-bedrock/anthropic.claude-sonnet-4-6", "--config", config, "hello"]],
    ["chat unknown model", ["chat", "--model", "amazon-bedrock-mantle/nope", "--config", config, "hi"]],
    ["doctor", ["doctor", "--config", config]],
    ["doctor --json", ["doctor", "--json", "--config", config]],
    ["config check", ["config", "check", config]],
    ["config schema", ["config", "schema"]],
  ];

  it("against the emulator config: commands work and print no secret", async () => {
    const runs = await Promise.all(commands(goodConfig).map(async ([label, args]) => [label, await runCliProcess(args, ENV)] as const));
    for (const [label, result] of runs) expectNoSecret(result, label);
    const chat = runs.find(([label]) => label === "chat (mantle)")![1];
    expect(chat.code, chat.stderr).toBe(0);
    expect(chat.stdout).toContain("hello secret world");
    // The debug log was on: there were log lines to leak into.
    expect(runs.some(([, result]) => result.stderr.includes('"level":"debug"'))).toBe(true);
  }, 60_000);

  it("against broken configs (unreachable endpoint, refused inline secret, refused URL): every error path prints no secret", async () => {
    const runs = await Promise.all(
      [...commands(brokenConfig), ...commands(inlineRefusedConfig), ...commands(refusedUrlConfig)].map(
        async ([label, args]) => [label, await runCliProcess(args, ENV)] as const,
      ),
    );
    for (const [label, result] of runs) expectNoSecret(result, label);
    expect(runs.filter(([, result]) => result.code !== 0).length).toBeGreaterThan(10);
  }, 60_000);
});

describe.each(PROVIDERS)("keys go only to the configured endpoint ($name)", ({ ref }) => {
  it("a 307 redirect is not followed: the Location target receives nothing", async () => {
    const target = await startFaultServer((_incoming, outgoing) => outgoing.end("{}"));
    const redirector = await startFaultServer((incoming, outgoing) => {
      outgoing.writeHead(307, { location: `${target.url}${incoming.url}` });
      outgoing.end();
    });
    const host = await hostFor(
      emulator,
      {
        mantle: { baseUrl: redirector.url, discovery: { enabled: false }, models: [{ id: ref.split("/")[1]! }] },
        converse: { baseUrl: redirector.url, discovery: { enabled: false } },
      },
      { RELIABILITY_MANTLE_KEY: BEARER },
    );
    const outcome = await run(host.stream(ref, request()));
    expect(outcome.finish).toBeUndefined();
    const error = expectClassified(outcome.error);
    expectNoSecret(`${error.message} ${error.hint} ${JSON.stringify(error.metadata ?? {})}`, "redirect error");
    expect(redirector.requests.length).toBeGreaterThan(0);
    expect(target.requests).toEqual([]);
    await host.close();
    await redirector.close();
    await target.close();
  });
});

describe("a non-HTTPS, non-loopback baseUrl is refused before any key is sent", () => {
  it("Mantle: the call is refused with a classified error naming the URL rule", async () => {
    const host = await hostFor(emulator, { mantle: { baseUrl: "http://bedrock-mantle.example.com/v1", discovery: { enabled: false }, models: [{ id: "openai.gpt-oss-120b" }] } }, {
      RELIABILITY_MANTLE_KEY: BEARER,
    });
    const outcome = await run(host.stream("amazon-bedrock-mantle/openai.gpt-oss-120b", request()));
    expect(outcome.rejected).toBe(true);
    const error = expectClassified(outcome.error);
    expect(`${error.message} ${error.hint}`).toMatch(/https|loopback/i);
    expectNoSecret(`${error.message} ${error.hint}`, "refused url");
    await host.close();
  });

  it("Converse: the config is refused", async () => {
    const error = await hostFor(emulator, { converse: { baseUrl: "http://bedrock-runtime.example.com" } }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(expectClassified(error).code).toBe("config");
  });
});
