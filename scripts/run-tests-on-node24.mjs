#!/usr/bin/env node
// Runs the whole vitest suite under Node 24 (current LTS, what most hosts run), using the `node`
// package from the npm registry: the machines have Node 20 and no other way to get a binary.
// The binary is installed once into .ci/node24 (git-ignored) and reused.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const prefix = join(root, ".ci", "node24");
const binary = join(prefix, "node_modules", ".bin", "node");
// Pinned, so CI runs the same Node 24 every time (bump deliberately).
const NODE_24_PACKAGE = "node@24.21.0";

if (!existsSync(binary)) {
  console.log("Installing Node 24 from the npm registry into .ci/node24 …");
  execFileSync("npm", ["install", "--no-save", "--no-audit", "--no-fund", "--prefix", prefix, NODE_24_PACKAGE], {
    stdio: ["ignore", "inherit", "inherit"],
  });
}
const version = execFileSync(binary, ["--version"], { encoding: "utf8" }).trim();
if (!version.startsWith("v24.")) throw new Error(`Expected Node 24, got ${version}`);
console.log(`Running the test suite on Node ${version}`);
const vitest = join(root, "node_modules", "vitest", "vitest.mjs");
const result = spawnSync(binary, [vitest, "run", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
  // Child processes spawned by tests (the CLI) must run on the same Node.
  env: { ...process.env, PATH: `${dirname(binary)}:${process.env.PATH ?? ""}` },
});
process.exit(result.status ?? 1);
