import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

// Issue 8: importing the plugin loads neither zod nor the AWS SDK (docs/adr/0900-lazy-config-schemas.md),
// nor any of the implementation: the entry registers a provider that loads it on first use
// (docs/adr/0910-lazy-plugin-entry.md). A fresh Node process imports the built plugin with a resolve
// hook that prints every URL it resolves.

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

// writeSync on fd 2: the hooks run on a loader thread whose process.stderr is forwarded to the main
// thread asynchronously, so lines written just before the process exits could be lost.
const HOOKS = `import { writeSync } from "node:fs";
export async function resolve(specifier, context, nextResolve) {
  const resolved = await nextResolve(specifier, context);
  writeSync(2, "resolved " + specifier + " -> " + resolved.url + "\\n");
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

  it("loads only the entry's few modules: not the contract's index, no transport, p-memoize or provider implementation", () => {
    const { resolved } = runWithResolveLog(`await import("@bedrock-kit/plugin-bedrock-converse");`);
    const urls = resolved.map((line) => line.split(" -> ")[1] ?? "");
    const pluginFolderUrl = pathToFileURL(join(PLUGIN_FOLDER, "dist")).href + "/";
    const files = urls.filter((url) => url.startsWith("file:"));
    // Outside the plugin: only the contract's two-module lazy-entry support (not its index).
    const pluginHostDistUrl = pathToFileURL(join(REPOSITORY_ROOT, "packages/plugin-host/dist")).href + "/";
    expect(files.filter((url) => !url.startsWith(pluginFolderUrl)).map((url) => url.slice(pluginHostDistUrl.length)).sort()).toEqual(["errors.js", "lazy-provider-support.js"]);
    expect(files.filter((url) => url.startsWith(pluginFolderUrl)).map((url) => url.slice(pluginFolderUrl.length)).sort()).toEqual(["index.js", "lazy-converse-provider.js", "converse-provider-id.js", "load-converse-config-schema.js"].sort());
    expect([...new Set(urls.filter((url) => url.startsWith("node:")))]).toEqual(["node:module"]);
    expect(urls.filter((url) => /node:https?$|node:crypto|node:zlib|p-memoize|aws-auth|plugin-host\/dist\/index/.test(url))).toEqual([]);
  });

  it("loads the implementation on the provider's first call", () => {
    const { stdout, resolved } = runWithResolveLog(`
      const plugin = (await import("@bedrock-kit/plugin-bedrock-converse")).default;
      const providers = [];
      plugin.register({ registerProvider: (provider) => providers.push(provider) });
      const context = { mode: "merge", env: {}, clock: { now: () => Date.now() }, logger: { debug() {}, info() {}, warn() {}, error() {} },
        resolveSecret: async (ref) => (typeof ref === "string" && ref.startsWith("env:") ? context.env[ref.slice(4)] : undefined),
        getAuth: (target) => providers[0].prepareRuntimeAuth({ ...context, ...target }), invalidateAuth() {} };
      Object.assign(context, { config: providers[0].configSchema.parse({}), env: { AWS_BEARER_TOKEN_BEDROCK: "test-bearer-key-not-real" } }); // pragma: allowlist secret
      const catalog = await providers[0].catalog(context);
      console.log(JSON.stringify({ listsModels: catalog.models.length > 0 }));
    `);
    expect(JSON.parse(stdout)).toEqual({ listsModels: true });
    expect(resolved.some((line) => line.endsWith("plugins/bedrock-converse/dist/converse-provider.js"))).toBe(true);
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
