import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { request } from "node:http";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli/run-cli.js";
import { buildCliIfStale, CLI_PATH, FIXTURES, runCliProcess } from "./helpers/run-cli-process.js";

// `bedrock-kit demo` and `bedrock-kit emulator` as a user runs them: built CLI, child process, no env.
beforeAll(() => buildCliIfStale(), 180_000);

const CONNECTION_KEYS = ["mantleUrl", "runtimeUrl", "controlPlaneUrl", "stsUrl", "apiKey", "accessKeyId", "secretAccessKey", "region"];

function getStatus(url: string, bearer: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const outgoing = request(url, { headers: { authorization: `Bearer ${bearer}` } }, (response) => {
      response.resume();
      response.on("end", () => resolve(response.statusCode ?? 0));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

describe("bedrock-kit demo", () => {
  it("runs both plugins against the in-process emulator on every API and exits 0", async () => {
    const run = await runCliProcess(["demo"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    for (const heading of ["── Chat Completions", "── Responses", "── Anthropic Messages", "── Converse"]) expect(run.stdout).toContain(heading);
    for (const api of ["openai-completions", "openai-responses", "anthropic-messages", "bedrock-converse-stream"]) expect(run.stdout).toContain(`(${api})`);
    expect(run.stdout).toContain("model:      Hello from the Chat Completions API");
    expect(run.stdout).toContain('tool call:  get_weather({"city":"Lisbon"})');
    expect(run.stdout).toContain('tool call:  get_weather({"city":"Tokyo"})');
    expect(run.stdout).toMatch(/finish: {5}tool-calls · \d+ in \/ \d+ out tokens/);
    expect(run.stdout).toContain("amazon-bedrock/anthropic.claude-sonnet-4-6");
  });

  it("on failure (here: interrupted before the first call) exits 1 with one error line", async () => {
    let stdout = "";
    let stderr = "";
    const interrupted = AbortSignal.abort();
    const code = await runCli(["demo"], { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), env: {}, cwd: FIXTURES, signal: interrupted });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error \[aborted\]: [^\n]+\n$/);
    expect(stdout).toContain("models:");
  });

  it("refuses arguments with a usage error", async () => {
    const run = await runCliProcess(["demo", "--fast"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error \[usage\]: demo: /);
  });
});

describe("bedrock-kit emulator --json", () => {
  it("prints the connection as one JSON line, serves it, and exits 0 on SIGTERM", async () => {
    const child = spawn(process.execPath, [CLI_PATH, "emulator", "--json"], { cwd: FIXTURES, env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      const lines = createInterface({ input: child.stdout });
      const firstLine = await new Promise<string>((resolve, reject) => {
        lines.once("line", resolve);
        child.once("exit", () => reject(new Error("the emulator exited before printing")));
      });
      const connection = JSON.parse(firstLine) as Record<string, string>;
      expect(Object.keys(connection)).toEqual(CONNECTION_KEYS);
      for (const key of CONNECTION_KEYS) expect(connection[key]).toMatch(/\S/);
      expect(connection.mantleUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      // The printed key is the real, unmasked key: the emulator accepts it.
      expect(connection.apiKey).not.toContain("*");
      expect(await getStatus(`${connection.mantleUrl}/v1/models`, connection.apiKey!)).toBe(200);
      expect(await getStatus(`${connection.mantleUrl}/v1/models`, "ABSKd3Jvbmc=")).toBe(401);
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("prints exports ready to paste and stops on SIGINT", async () => {
    const child = spawn(process.execPath, [CLI_PATH, "emulator"], { cwd: FIXTURES, env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    try {
      let stdout = "";
      await new Promise<void>((resolve) => {
        child.stdout.on("data", (chunk: Buffer) => {
          stdout += chunk.toString("utf8");
          if (stdout.includes("Running until Ctrl-C")) resolve();
        });
      });
      expect(stdout).toMatch(/^export AWS_BEARER_TOKEN_BEDROCK=ABSK[A-Za-z0-9+/=]+$/m);
      expect(stdout).toMatch(/^export AWS_ACCESS_KEY_ID=AKIA[A-Z0-9]{16}$/m);
      expect(stdout).toMatch(/^export AWS_SECRET_ACCESS_KEY=[A-Za-z0-9+/]{40}$/m);
      expect(stdout).toContain('"amazon-bedrock-mantle": {\n        "baseUrl": "http://127.0.0.1:');
      child.kill("SIGINT");
      expect(await exited).toBe(0);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
