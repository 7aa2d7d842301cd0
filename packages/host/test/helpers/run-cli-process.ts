import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";

export const REPOSITORY_ROOT = resolve(import.meta.dirname, "../../../..");
export const CLI_PATH = join(REPOSITORY_ROOT, "packages/host/dist/cli.js");
export const FIXTURES = join(REPOSITORY_ROOT, "fixtures/config");

/** What one CLI run produced. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function newestModification(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The workspace packages the CLI process loads from dist (the host, the contract, the bundled plugins and what they use). */
const CLI_PACKAGES = ["packages/plugin-host", "packages/aws-auth", "packages/host", "packages/emulator", "plugins/bedrock-mantle", "plugins/bedrock-converse"];

/**
 * Build every package the CLI loads when any dist is missing or older than any source: the child
 * process runs dist, so a stale plugin or emulator build would test old code.
 */
export function buildCliIfStale(): void {
  const builtAt = Math.min(
    ...CLI_PACKAGES.map((folder) => {
      const entry = join(REPOSITORY_ROOT, folder, "dist/.tsbuildinfo");
      return existsSync(entry) ? statSync(entry).mtimeMs : 0;
    }),
  );
  const newestSource = Math.max(...CLI_PACKAGES.map((folder) => newestModification(join(REPOSITORY_ROOT, folder, "src"))));
  if (builtAt > newestSource) return;
  const result = spawnSync("npx", ["tsc", "-b"], { cwd: REPOSITORY_ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`npx tsc -b failed:\n${result.stdout}${result.stderr}`);
}

/**
 * Run `node packages/host/dist/cli.js …args` in the fixtures folder with only `env` (plus PATH):
 * nothing from the developer's own environment (AWS keys, BEDROCK_KIT_CONFIG) leaks in.
 */
export function runCliProcess(args: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLI_PATH, ...args], {
      cwd: FIXTURES,
      env: { PATH: process.env.PATH ?? "", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
    child.on("error", reject);
    child.on("close", (code) => resolvePromise({ code, stdout: Buffer.concat(stdout).toString("utf8"), stderr: Buffer.concat(stderr).toString("utf8") }));
  });
}
