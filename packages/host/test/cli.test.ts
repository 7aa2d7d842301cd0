import { beforeAll, describe, expect, it } from "vitest";
import { buildCliIfStale, runCliProcess, type CliRun } from "./helpers/run-cli-process.js";

// Fake credentials (pragma: allowlist secret): each must never appear in any output.
const SECRETS = {
  TEST_ECHO_API_KEY: "bedrock-api-key-Q0xJRkFLRUtFWUZBS0VLRVlGQUtFS0VZ",
  AWS_ACCESS_KEY_ID: "AKIAFAKECLIFAKE00003",
  AWS_SECRET_ACCESS_KEY: "wJalrFAKEuFAKE/K7MDENG/bPxRfiCYFAKEFAKE01",
  ECHO_VALUE_FOR_TEST: "plain-opaque-credential-9d2f",
};
const SECRET_VALUES = [...Object.values(SECRETS), "ABSKSU5MSU5FRkFLRUlOTElORUZBS0VLRVk=", "RklMRUtFWUZBS0VGSUxFS0VZRkFLRQ", "AKIAFAKEINLINE000001"];
const ENV = { TEST_ECHO_API_KEY: SECRETS.TEST_ECHO_API_KEY };
const ECHO = ["--config", "echo-and-broken.json5"];

const JSON_ROW_KEYS = ["ref", "provider", "id", "wireId", "name", "api", "baseUrl", "reasoning", "input", "contextWindow", "maxTokens", "cost", "source", "region"];

function expectOneErrorLine(run: CliRun, code: string): void {
  expect(run.stderr).toMatch(new RegExp(`^error \\[${code}\\]: [^\\n]+ — hint: [^\\n]+\\n$`));
}

beforeAll(() => buildCliIfStale(), 180_000);

describe("bedrock-kit models list", () => {
  it("--json prints one object per model with the documented fields; broken providers are skipped", async () => {
    const run = await runCliProcess(["models", "list", ...ECHO, "--json"], ENV);
    expect(run.code).toBe(0);
    const rows = JSON.parse(run.stdout) as Array<Record<string, unknown>>;
    expect(rows.map((row) => row.ref)).toEqual([
      "test-echo/echo-small",
      "test-echo/echo-reasoner",
      "test-echo/echo-leaky",
      "test-echo/echo-throttled",
      "test-echo/echo-custom",
    ]);
    for (const row of rows) expect(Object.keys(row)).toEqual(JSON_ROW_KEYS);
    expect(rows[0]).toEqual({
      ref: "test-echo/echo-small",
      provider: "test-echo",
      id: "echo-small",
      wireId: "test.echo-small-v1",
      name: "Echo Small (configured)",
      api: "openai-completions",
      baseUrl: "http://127.0.0.1:9/echo/v1",
      reasoning: false,
      input: ["text"],
      contextWindow: 128000,
      maxTokens: 4096,
      cost: { input: 0.25, output: 1.25, cacheRead: 0, cacheWrite: 0 },
      source: "config",
      region: null,
    });
    expect(rows[1]).toMatchObject({ cost: null, source: "discovered", reasoning: true, api: "anthropic-messages" });
    expect(rows[4]).toMatchObject({ id: "echo-custom", wireId: "test.custom-v2", api: "openai-responses", source: "config" });
    expect(run.stderr).toBe("");
  });

  it("prints an aligned table, and honours mode replace and --provider", async () => {
    const [table, replaced, filtered, unknown] = await Promise.all([
      runCliProcess(["models", "list", ...ECHO], ENV),
      runCliProcess(["models", "list", "--config", "echo-replace.json5", "--json"], ENV),
      runCliProcess(["models", "list", ...ECHO, "--provider", "test-null", "--json"], ENV),
      runCliProcess(["models", "list", ...ECHO, "--provider", "test-ech"], ENV),
    ]);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^REF\s+API\s+CONTEXT\s+MAX OUT\s+REASONING\s+INPUT\s+\$\/M IN\/OUT\s+SOURCE$/);
    const apiColumn = lines[0]!.indexOf("API");
    for (const line of lines.slice(1)) expect(line.slice(apiColumn)).toMatch(/^(openai|anthropic)-/);
    expect(JSON.parse(replaced.stdout).map((row: { ref: string }) => row.ref)).toEqual(["test-echo/echo-only"]);
    expect([filtered.code, JSON.parse(filtered.stdout)]).toEqual([0, []]);
    expect(unknown.code).toBe(2);
    expectOneErrorLine(unknown, "config");
    expect(unknown.stderr).toContain('Unknown provider "test-ech"');
  });

  it("reads file: secrets relative to the config file", async () => {
    const run = await runCliProcess(["models", "list", "--config", "echo-secret-file.json5", "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toHaveLength(4);
  });
});

describe("bedrock-kit models test and chat", () => {
  it("models test makes one call and prints ok, the API used and the latency", async () => {
    const run = await runCliProcess(["models", "test", "--model", "test-echo/echo-reasoner", ...ECHO], ENV);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok {2}test-echo\/echo-reasoner {2}api anthropic-messages {2}latency \d+ ms {2}finish stop\n$/);
  });

  it("models test exits 1 on a provider failure and 2 on an unknown model, one error line each", async () => {
    const [failed, unknown, missing] = await Promise.all([
      runCliProcess(["models", "test", "--model", "test-echo/echo-throttled", ...ECHO], ENV),
      runCliProcess(["models", "test", "--model", "test-echo/echo-smal", ...ECHO], ENV),
      runCliProcess(["models", "test", ...ECHO], ENV),
    ]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toBe("error [throttled]: Too many requests. — hint: Retry later.\n");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toBe('error [config]: Unknown model "test-echo/echo-smal". — hint: Did you mean test-echo/echo-small? `bedrock-kit models list` shows every model.\n');
    expect(missing.code).toBe(2);
    expectOneErrorLine(missing, "usage");
  });

  it("chat streams the text; the wire id works as a ref too", async () => {
    const run = await runCliProcess(["chat", "--model", "test-echo/test.echo-small-v1", ...ECHO, "--system", "be brief", "--max-tokens", "50", "--reasoning", "low", "hello", "there"], ENV);
    expect(run).toEqual({ code: 0, stdout: "echo: hello there\n", stderr: "" });
  });

  it("chat --json prints one event per line, errors through toJSON, and exits 1 on an error event", async () => {
    const [ok, failed] = await Promise.all([
      runCliProcess(["chat", "--model", "test-echo/echo-small", ...ECHO, "--json", "hi"], ENV),
      runCliProcess(["chat", "--model", "test-echo/echo-throttled", ...ECHO, "--json", "hi"], ENV),
    ]);
    expect(ok.code).toBe(0);
    const events = ok.stdout.trimEnd().split("\n").map((line) => JSON.parse(line) as { type: string; text?: string });
    expect(events[0]).toEqual({ type: "start", model: "test.echo-small-v1", api: "openai-completions" });
    expect(events.filter((event) => event.type === "text-delta").map((event) => event.text).join("")).toBe("echo: hi");
    expect(events.at(-1)).toMatchObject({ type: "finish", reason: "stop", usage: { input: 5, output: 3 } });
    expect(failed.code).toBe(1);
    const last = JSON.parse(failed.stdout.trimEnd().split("\n").at(-1)!);
    expect(last).toMatchObject({ type: "error", error: { name: "BedrockKitError", code: "throttled", message: "Too many requests.", hint: "Retry later.", retryable: true } });
  });

  it("chat refuses bad usage with exit 2", async () => {
    const runs = await Promise.all([
      runCliProcess(["chat", ...ECHO, "hi"], ENV),
      runCliProcess(["chat", "--model", "test-echo/echo-small", ...ECHO], ENV),
      runCliProcess(["chat", "--model", "test-echo/echo-small", "--reasoning", "extreme", "hi"], ENV),
      runCliProcess(["chat", "--model", "test-echo/echo-small", "--max-tokens", "-3", "hi"], ENV),
      runCliProcess(["chat", "--model", "test-echo/echo-small", "--colour", "hi"], ENV),
    ]);
    for (const run of runs) {
      expect(run.code).toBe(2);
      expectOneErrorLine(run, "usage");
    }
    expect(runs[2]!.stderr).toContain("--reasoning must be one of minimal, low, medium, high, xhigh");
  });
});

describe("bedrock-kit doctor", () => {
  it("--json reports every provider and exits 0 when nothing fails, 1 when a check fails", async () => {
    const [healthy, noKey] = await Promise.all([
      runCliProcess(["doctor", ...ECHO, "--json"], ENV),
      runCliProcess(["doctor", ...ECHO, "--json"]),
    ]);
    expect(healthy.code).toBe(0);
    const report = JSON.parse(healthy.stdout);
    expect(report.config).toMatch(/echo-and-broken\.json5$/);
    expect(report.ok).toBe(true);
    expect(report.providers.map((provider: { provider: string }) => provider.provider)).toEqual(["test-echo", "test-failing", "test-null", "test-hanging"]);
    expect(report.providers[0]).toMatchObject({ credentialSource: "env:TEST_ECHO_API_KEY", regions: ["test-region-1"], modelCount: 4 });
    expect(noKey.code).toBe(1);
    expect(JSON.parse(noKey.stdout).providers[0].checks[0]).toMatchObject({ name: "credentials", status: "fail", hint: "Set TEST_ECHO_API_KEY." });
  });

  it("prints a readable report", async () => {
    const run = await runCliProcess(["doctor", ...ECHO], ENV);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("test-echo  (credentials env:TEST_ECHO_API_KEY; region test-region-1; 4 models)");
    expect(run.stdout).toMatch(/ok {6}credentials {2}env:TEST_ECHO_API_KEY/);
  });
});

describe("bedrock-kit config", () => {
  it("check accepts a valid file", async () => {
    const run = await runCliProcess(["config", "check", "echo-and-broken.json5"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^ok: .*echo-and-broken\.json5; plugins: .*; providers: test-echo, test-failing, test-null, test-hanging\n$/);
  });

  it("check names where and what for each broken fixture, with exit 2 and one line", async () => {
    const expectations: Array<[string, string]> = [
      ["invalid-syntax.json5", "invalid-syntax.json5:4:19: invalid JSON5: invalid character ','"],
      ["invalid-fields.json5", "`catalogTimeoutMs`: expected number, received string"],
      ["invalid-provider-field.json5", "`models.providers.test-echo.region`: expected string, received number; `models.providers.test-echo.colour`: unknown field"],
      ["unknown-provider.json5", '`models.providers.test-ecko`: unknown provider (no loaded plugin registered it; loaded: test-echo); did you mean "test-echo"?'],
      ["unknown-key.json5", "`plugin`: unknown field"],
      ["missing-plugin.json5", 'Plugin "@bedrock-kit/plugin-does-not-exist" cannot be found'],
      ["not-a-plugin.json5", '"./plugins/not-a-plugin.mjs" is not a bedrock-kit plugin'],
      ["echo-inline-secret-refused.json5", "`models.providers.test-echo.apiKey`: inline secret refused"],
      ["no-such-file.json5", "no-such-file.json5 (from --config) does not exist"],
    ];
    const runs = await Promise.all(expectations.map(([file]) => runCliProcess(["config", "check", file])));
    runs.forEach((run, index) => {
      expect(run.code).toBe(2);
      expectOneErrorLine(run, "config");
      expect(run.stderr).toContain(expectations[index]![1]);
      expect(run.stdout).toBe("");
    });
  });

  it("finds the file through $BEDROCK_KIT_CONFIG", async () => {
    const run = await runCliProcess(["config", "check"], { BEDROCK_KIT_CONFIG: "echo-replace.json5" });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("echo-replace.json5");
  });

  it("schema prints the JSON Schema, or exits 1 with one clear line when a bundled plugin cannot load", async () => {
    const run = await runCliProcess(["config", "schema"]);
    if (run.code === 0) {
      expect(JSON.parse(run.stdout)).toMatchObject({ $id: "urn:bedrock-kit:config-schema", title: "bedrock-kit config file" });
    } else {
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^error \[[a-z-]+\]: cannot build the schema: [^\n]+\n$/);
    }
  });
});

describe("bedrock-kit usage", () => {
  it("emulator refuses a bad --port with one usage line (exit 2); demo and emulator runs are in e2e-cli.test.ts", async () => {
    const run = await runCliProcess(["emulator", "--port", "70000"]);
    expect([run.code, run.stdout]).toEqual([2, ""]);
    expectOneErrorLine(run, "usage");
  });

  it("prints help with --help (exit 0), usage without a command and an error for an unknown one (exit 2)", async () => {
    const [help, none, unknown] = await Promise.all([runCliProcess(["--help"]), runCliProcess([]), runCliProcess(["model", "lst"])]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("bedrock-kit models list");
    expect(none.code).toBe(2);
    expect(none.stderr).toContain("Usage:");
    expect(unknown.code).toBe(2);
    expectOneErrorLine(unknown, "usage");
  });
});

describe("secrets in output", () => {
  it("never prints a secret from env or config, whatever the command, even at debug level with a careless plugin", async () => {
    const env = { ...SECRETS, BEDROCK_KIT_LOG: "debug" };
    const runs = await Promise.all([
      runCliProcess(["models", "list", ...ECHO, "--json"], env),
      runCliProcess(["models", "list", ...ECHO], env),
      runCliProcess(["chat", "--model", "test-echo/echo-leaky", ...ECHO, "--json", "hi"], env),
      runCliProcess(["chat", "--model", "test-echo/echo-leaky", ...ECHO, "hi"], env),
      runCliProcess(["models", "test", "--model", "test-echo/echo-leaky", ...ECHO], env),
      runCliProcess(["doctor", ...ECHO, "--json"], env),
      runCliProcess(["chat", "--model", "test-echo/echo-leaky", "--config", "echo-opaque-secret.json5", "hi"], env),
      runCliProcess(["models", "list", "--config", "echo-inline-secret-allowed.json5"], env),
      runCliProcess(["chat", "--model", "test-echo/echo-leaky", "--config", "echo-inline-secret-allowed.json5", "hi"], env),
      runCliProcess(["chat", "--model", "test-echo/echo-leaky", "--config", "echo-secret-file.json5", "--json", "hi"], env),
      runCliProcess(["config", "check", "echo-inline-secret-refused.json5"], env),
    ]);
    // The careless plugin did log and throw its key: the lines exist, masked.
    expect(runs[0]!.stderr).toContain("prepared auth with key bedrock-api-key-…[redacted]");
    expect(runs[2]!.code).toBe(1);
    expect(runs[3]!.stderr.split("\n").at(-2)).toBe("error [auth]: The upstream rejected key [redacted]. — hint: Check [redacted].");
    expect(runs[6]!.stderr).toContain("The upstream rejected key [redacted].");
    for (const run of runs) {
      const output = run.stdout + run.stderr;
      for (const secret of SECRET_VALUES) expect(output).not.toContain(secret);
    }
  });
});
