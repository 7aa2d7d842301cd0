import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHost, loadConfigFile } from "../src/index.js";
import { createRecordingLogger, createTestProvider, pluginOf } from "./helpers/test-providers.js";

const FIXTURES = resolve(import.meta.dirname, "../../../fixtures/config");
const quiet = createRecordingLogger();

async function configErrorOf(action: () => Promise<unknown>): Promise<BedrockKitError> {
  try {
    await action();
  } catch (error) {
    if (BedrockKitError.isInstance(error) && error.code === "config") return error;
    throw error;
  }
  throw new Error("expected a config error");
}

/** A plugin package with no dependencies, installed in `folder/node_modules/name`. */
async function installPackage(folder: string, name: string, providerId: string, exportsMap: unknown = { ".": "./index.js" }): Promise<void> {
  const packageFolder = join(folder, "node_modules", name);
  await mkdir(packageFolder, { recursive: true });
  await writeFile(join(packageFolder, "package.json"), JSON.stringify({ name, type: "module", exports: exportsMap }));
  // No zod here (nothing is installed next to a temp folder): a minimal safeParse stands in for the schema.
  await writeFile(
    join(packageFolder, "index.js"),
    `const provider = {
      id: ${JSON.stringify(providerId)}, label: "Installed", envVars: [],
      configSchema: { safeParse: (value) => ({ success: true, data: value }) },
      catalog: async () => ({ models: [] }), prepareRuntimeAuth: async () => ({ headers: {}, source: "none" }),
      stream: async function* () {}, classifyError: (error) => error, preflight: async () => ({ provider: ${JSON.stringify(providerId)}, regions: [], endpoints: [], checks: [] }),
    };
    export default { id: ${JSON.stringify(name)}, name: "Installed plugin", register(api) { api.registerProvider(provider); } };`,
  );
}

describe("plugin loading", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "bedrock-kit-plugins-"));
    await installPackage(folder, "bedrock-kit-plugin-installed", "installed-provider");
    // ESM-only: no `require` or `default` branch, which require.resolve cannot follow.
    await installPackage(folder, "@scope/esm-only-plugin", "esm-only-provider", { ".": { types: "./index.d.ts", import: "./index.js" } });
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("loads a package by name from the config file's folder", async () => {
    const host = await createHost({ config: { path: undefined, dir: folder, config: { plugins: ["bedrock-kit-plugin-installed"] } } as never, logger: quiet });
    expect([...host.providers.keys()]).toEqual(["installed-provider"]);
  });

  it("loads a package by name relative to cwd when the config is a plain object", async () => {
    const host = await createHost({ config: { plugins: ["bedrock-kit-plugin-installed"] }, cwd: folder, logger: quiet });
    expect(host.providers.has("installed-provider")).toBe(true);
  });

  it("loads an ESM-only package (an import-only exports map) and a plugin folder given by path", async () => {
    const host = await createHost({
      config: { plugins: ["@scope/esm-only-plugin", "./node_modules/bedrock-kit-plugin-installed"] },
      cwd: folder,
      logger: quiet,
    });
    expect([...host.providers.keys()]).toEqual(["esm-only-provider", "installed-provider"]);
  });

  it("names a package that is not installed", async () => {
    const error = await configErrorOf(() => createHost({ config: { plugins: ["@bedrock-kit/plugin-nowhere"] }, cwd: folder, logger: quiet }));
    expect(error.message).toContain('Plugin "@bedrock-kit/plugin-nowhere" cannot be found');
    expect(error.hint).toContain("npm install @bedrock-kit/plugin-nowhere");
  });

  it("names a plugin path that does not exist", async () => {
    const error = await configErrorOf(() => createHost({ config: { plugins: ["./plugins/gone.mjs"] }, cwd: folder, logger: quiet }));
    expect(error.message).toContain("Plugin file ./plugins/gone.mjs does not exist");
  });

  it("refuses a module that exports no plugin, naming it", async () => {
    const loaded = await loadConfigFile(join(FIXTURES, "not-a-plugin.json5"), { env: {} });
    const error = await configErrorOf(() => createHost({ config: loaded, logger: quiet }));
    expect(error.message).toContain('"./plugins/not-a-plugin.mjs" is not a bedrock-kit plugin');
  });

  it("refuses two plugins that register one provider id, and registers a plugin listed twice once", async () => {
    const provider = createTestProvider({ id: "same" });
    const error = await configErrorOf(() => createHost({ config: {}, plugins: [pluginOf("one", provider), pluginOf("two", provider)], logger: quiet }));
    expect(error.message).toBe('Provider id "same" is registered twice (by plugins "one" and "two").');
    const plugin = pluginOf("one", provider);
    const host = await createHost({ config: {}, plugins: [plugin, plugin], logger: quiet });
    expect([...host.providers.keys()]).toEqual(["same"]);
  });

  it("refuses an incomplete provider and a plugin whose register throws", async () => {
    const incomplete = { id: "half", label: "Half", envVars: [] } as never;
    const error = await configErrorOf(() => createHost({ config: {}, plugins: [pluginOf("broken", incomplete)], logger: quiet }));
    expect(error.message).toContain("missing catalog, prepareRuntimeAuth, stream, classifyError, preflight, configSchema");
    const throwing = { id: "throwing", name: "Throwing", register: () => { throw new Error("boom"); } };
    expect((await configErrorOf(() => createHost({ config: {}, plugins: [throwing], logger: quiet }))).message).toBe('Plugin "throwing" failed to register: boom');
  });
});

describe("provider entry validation", () => {
  const plugin = pluginOf("test-plugin", createTestProvider({ id: "amazon-bedrock" }), createTestProvider({ id: "amazon-bedrock-mantle" }));

  it("validates each entry with its provider's schema and hands the parsed entry (defaults applied) to the provider", async () => {
    const provider = createTestProvider({ id: "amazon-bedrock" });
    const host = await createHost({
      config: { models: { providers: { "amazon-bedrock": { apiKey: "env:KEY" } } } },
      plugins: [pluginOf("p", provider)],
      logger: quiet,
    });
    await host.listModels();
    expect(provider.lastCatalogContext?.config).toEqual({ region: "test-region-1", apiKey: "env:KEY", models: [] });
  });

  it("prefixes every provider schema error with models.providers.<id>", async () => {
    const error = await configErrorOf(() =>
      createHost({
        config: { models: { providers: { "amazon-bedrock": { region: 5, colour: "blue" }, "amazon-bedrock-mantle": { models: [{ name: "no id" }] } } } },
        plugins: [plugin],
        logger: quiet,
      }),
    );
    expect(error.message).toContain("`models.providers.amazon-bedrock.region`: expected string, received number");
    expect(error.message).toContain("`models.providers.amazon-bedrock.colour`: unknown field");
    expect(error.message).toContain("`models.providers.amazon-bedrock-mantle.models[0].id`: missing (expected string)");
  });

  it("names the field of a bad secret reference", async () => {
    const error = await configErrorOf(() =>
      createHost({ config: { models: { providers: { "amazon-bedrock": { apiKey: { source: "vault", id: "x" } } } } }, plugins: [plugin], logger: quiet }),
    );
    expect(error.message).toContain('`models.providers.amazon-bedrock.apiKey.source`: expected one of "env"|"file"');
  });

  it("reports an entry no loaded plugin registered, with a close match", async () => {
    const error = await configErrorOf(() => createHost({ config: { models: { providers: { "amazon-bedrok": {} } } }, plugins: [plugin], logger: quiet }));
    expect(error.message).toContain("`models.providers.amazon-bedrok`: unknown provider (no loaded plugin registered it; loaded: amazon-bedrock, amazon-bedrock-mantle)");
    expect(error.message).toContain('did you mean "amazon-bedrock"');
  });

  it("refuses an inline secret by field path before anything runs, unless allowed", async () => {
    const inline = { models: { providers: { "amazon-bedrock": { apiKey: "ABSKRkFLRUZBS0VGQUtFRkFLRUZBS0U=" } } } }; // pragma: allowlist secret
    const error = await configErrorOf(() => createHost({ config: inline, plugins: [plugin], logger: quiet }));
    expect(error.message).toContain("`models.providers.amazon-bedrock.apiKey`: inline secret refused");
    expect(error.message).not.toContain("ABSKRkFLRU");
    const host = await createHost({ config: { ...inline, secrets: { allowInline: true } }, plugins: [plugin], logger: quiet });
    expect(host.redact("key ABSKRkFLRUZBS0VGQUtFRkFLRUZBS0U=")).not.toContain("RkFLRUZBS0VGQUtFRkFLRUZBS0U");
  });

  it("accepts references and credential-source keywords under secret-named keys", async () => {
    const host = await createHost({
      config: { models: { providers: { "amazon-bedrock": { apiKey: "file:key.txt" }, "amazon-bedrock-mantle": { apiKey: { source: "env", id: "K" } } } } },
      plugins: [plugin],
      logger: quiet,
    });
    expect(host.providers.size).toBe(2);
  });
});
