import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 8: importing the plugin loads neither zod nor the AWS SDK (docs/adr/0900-lazy-config-schemas.md).
// A fresh Node process imports the built plugin with a resolve hook that prints every URL it resolves.

const REPOSITORY_ROOT = resolve(import.meta.dirname, "../../..");
const PLUGIN_FOLDER = join(REPOSITORY_ROOT, "plugins/bedrock-converse");
const BUILT_ENTRY = join(PLUGIN_FOLDER, "dist/index.js");
const SOURCE_FOLDERS = ["plugins/bedrock-converse/src", "packages/plugin-host/src", "packages/aws-auth/src"].map((folder) => join(REPOSITORY_ROOT, folder));

function newestModification(folder: string): number {
  let newest = 0;
  for (const entry of readdirSync(folder, { withFileTypes: true })) {
    const path = join(folder, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestModification(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function buildIfStale(): void {
  const builtAt = existsSync(BUILT_ENTRY) ? statSync(BUILT_ENTRY).mtimeMs : 0;
  if (builtAt > Math.max(...SOURCE_FOLDERS.map(newestModification))) return;
  const result = spawnSync("npx", ["tsc", "-b", "plugins/bedrock-converse"], { cwd: REPOSITORY_ROOT, encoding: "utf8" });
  if (result.status !== 0) throw new Error(`npx tsc -b plugins/bedrock-converse failed:\n${result.stdout}${result.stderr}`);
}

const HOOKS = `export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  process.stderr.write("resolved " + specifier + " -> " + resolved.url + "\\n");
  return resolved;
}
`;

let hookFolder: string;

/** Run `script` (an ES module body) in a fresh process from the plugin's folder; returns what it printed and the URLs it resolved. */
function runWithResolveLog(script: string): { stdout: string; resolved: string[] } {
  const hooksUrl = pathToFileURL(join(hookFolder, "log-resolve-hooks.mjs")).href;
  const registerPath = join(hookFolder, "register-log-resolve.mjs");
  writeFileSync(registerPath, `import { register } from "node:module";\nregister(${JSON.stringify(hooksUrl)});\n`);
  const result = spawnSync(process.execPath, ["--import", registerPath, "--input-type=module", "-e", script], {
    cwd: PLUGIN_FOLDER,
    encoding: "utf8",
    env: { PATH: process.env.PATH ?? "" },
  });
  expect(result.status, result.stderr).toBe(0);
  const resolved = result.stderr.split("\n").filter((line) => line.startsWith("resolved ")).map((line) => line.slice("resolved ".length));
  return { stdout: result.stdout, resolved };
}

describe("importing @bedrock-kit/plugin-bedrock-converse", () => {
  beforeAll(() => {
    buildIfStale();
    hookFolder = mkdtempSync(join(tmpdir(), "converse-import-"));
    writeFileSync(join(hookFolder, "log-resolve-hooks.mjs"), HOOKS);
  });
  afterAll(() => rmSync(hookFolder, { recursive: true, force: true }));

  it("loads no zod and no AWS SDK module", () => {
    const { stdout, resolved } = runWithResolveLog(`const plugin = await import("@bedrock-kit/plugin-bedrock-converse"); console.log(typeof plugin.default.register);`);
    expect(stdout.trim()).toBe("function");
    // The hook saw the plugin itself, so an empty match below means "not loaded", not "not logged".
    expect(resolved.some((line) => line.includes("plugins/bedrock-converse/dist/index.js"))).toBe(true);
    expect(resolved.filter((line) => /zod/.test(line))).toEqual([]);
    expect(resolved.filter((line) => /@aws-sdk|@smithy/.test(line))).toEqual([]);
  });

  it("still validates config through provider.configSchema, which loads the schema on first access", () => {
    const { stdout } = runWithResolveLog(`
      const plugin = (await import("@bedrock-kit/plugin-bedrock-converse")).default;
      const providers = [];
      plugin.register({ registerProvider: (provider) => providers.push(provider) });
      const schema = providers[0].configSchema;
      console.log(JSON.stringify({ same: schema === providers[0].configSchema, defaults: schema.parse({}).auth.credentials[0], typo: schema.safeParse({ regoin: "us-east-1" }).success }));
    `);
    expect(JSON.parse(stdout)).toEqual({ same: true, defaults: "env:AWS_BEARER_TOKEN_BEDROCK", typo: false });
  });
});
