import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BUNDLED_PLUGIN_PACKAGES, loadConfigFile, parseConfigText } from "../src/index.js";

const FIXTURES = resolve(import.meta.dirname, "../../../fixtures/config");

/** The config error `action` throws (fails the test when it throws anything else or nothing). */
async function configErrorOf(action: () => unknown): Promise<BedrockKitError> {
  try {
    await action();
  } catch (error) {
    if (BedrockKitError.isInstance(error) && error.code === "config") return error;
    throw error;
  }
  throw new Error("expected a config error");
}

describe("parseConfigText", () => {
  it("applies the defaults to a minimal file", () => {
    expect(parseConfigText("{}", "empty.json5")).toEqual({
      plugins: [],
      models: { mode: "merge", providers: {} },
      catalogTimeoutMs: 10_000,
      secrets: { allowInline: false },
    });
  });

  it("reads JSON5: comments, unquoted keys, trailing commas, quoted provider ids", () => {
    const config = parseConfigText(
      `// a comment
      {
        $schema: "./schemas/bedrock-kit.config.schema.json",
        plugins: ["@bedrock-kit/plugin-bedrock-mantle",],
        models: { mode: "replace", providers: { "amazon-bedrock": { region: "us-east-1" } } },
        catalogTimeoutMs: 2500,
        secrets: { allowInline: true },
      }`,
      "bedrock-kit.json5",
    );
    expect(config).toMatchObject({
      plugins: ["@bedrock-kit/plugin-bedrock-mantle"],
      models: { mode: "replace", providers: { "amazon-bedrock": { region: "us-east-1" } } },
      catalogTimeoutMs: 2500,
      secrets: { allowInline: true },
    });
  });

  it("names file, line and column of a JSON5 syntax error", async () => {
    const error = await configErrorOf(() => parseConfigText('{\n  plugins: [],\n  models: { mode: "merge",, },\n}', "my-config.json5"));
    expect(error.message).toBe("my-config.json5:3:27: invalid JSON5: invalid character ','");
    expect(error.hint).toMatch(/line and column/);
  });

  it("names the end of input when the file stops early", async () => {
    const error = await configErrorOf(() => parseConfigText('{ plugins: ["a"', "short.json5"));
    expect(error.message).toMatch(/^short\.json5:1:16: invalid JSON5: invalid end of input$/);
  });

  it("names the field path and the expectation of every schema error", async () => {
    const error = await configErrorOf(() =>
      parseConfigText('{ plugins: ["ok", 3], models: { mode: "mix" }, catalogTimeoutMs: -1 }', "bad.json5"),
    );
    expect(error.message).toContain("bad.json5 is invalid");
    expect(error.message).toContain("`plugins[1]`: expected string, received number");
    expect(error.message).toContain('`models.mode`: expected one of "merge"|"replace"');
    expect(error.message).toContain("`catalogTimeoutMs`: Too small");
    expect(error.hint).toMatch(/config schema/);
  });

  it("reports unknown keys instead of ignoring them", async () => {
    const error = await configErrorOf(() => parseConfigText('{ plugin: [], models: { provider: {} }, secrets: { inline: true } }', "typo.json5"));
    expect(error.message).toContain("`plugin`: unknown field");
    expect(error.message).toContain("`models.provider`: unknown field");
    expect(error.message).toContain("`secrets.inline`: unknown field");
  });

  it("refuses a file whose top level is not an object", async () => {
    const error = await configErrorOf(() => parseConfigText("[1, 2]", "array.json5"));
    expect(error.message).toContain("(top level): expected object, received array");
  });

  it("never echoes a bad value (it may be a misplaced secret)", async () => {
    const error = await configErrorOf(() => parseConfigText('{ models: { mode: "AKIAFAKEFAKEFAKE0001" } }', "x.json5"));
    expect(error.message).not.toContain("AKIAFAKEFAKEFAKE0001");
  });
});

describe("loadConfigFile", () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), "bedrock-kit-config-"));
    await writeFile(join(folder, "bedrock-kit.json5"), '{ plugins: ["from-default"] }');
    await writeFile(join(folder, "from-env.json5"), '{ plugins: ["from-env"] }');
    await writeFile(join(folder, "from-flag.json5"), '{ plugins: ["from-flag"] }');
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it("prefers --config, then $BEDROCK_KIT_CONFIG, then ./bedrock-kit.json5", async () => {
    const env = { BEDROCK_KIT_CONFIG: "from-env.json5" };
    expect((await loadConfigFile("from-flag.json5", { env, cwd: folder })).config.plugins).toEqual(["from-flag"]);
    expect((await loadConfigFile(undefined, { env, cwd: folder })).config.plugins).toEqual(["from-env"]);
    const byDefault = await loadConfigFile(undefined, { env: {}, cwd: folder });
    expect(byDefault).toEqual({ path: join(folder, "bedrock-kit.json5"), dir: folder, config: expect.objectContaining({ plugins: ["from-default"] }) });
  });

  it("uses the file's folder as the base for relative paths", async () => {
    const loaded = await loadConfigFile(join(FIXTURES, "echo-replace.json5"), { env: {}, cwd: tmpdir() });
    expect(loaded.dir).toBe(FIXTURES);
    expect(loaded.path).toBe(join(FIXTURES, "echo-replace.json5"));
  });

  it("runs on the bundled plugins' defaults when there is no file at all", async () => {
    const empty = await mkdtemp(join(tmpdir(), "bedrock-kit-empty-"));
    try {
      const loaded = await loadConfigFile(undefined, { env: {}, cwd: empty });
      expect(loaded.path).toBeUndefined();
      expect(loaded.dir).toBe(empty);
      expect(loaded.config.plugins).toEqual(BUNDLED_PLUGIN_PACKAGES);
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it("fails when a named file does not exist, saying who named it", async () => {
    const fromFlag = await configErrorOf(() => loadConfigFile("nope.json5", { env: {}, cwd: folder }));
    expect(fromFlag.message).toBe(`Config file ${join(folder, "nope.json5")} (from --config) does not exist.`);
    const fromEnv = await configErrorOf(() => loadConfigFile(undefined, { env: { BEDROCK_KIT_CONFIG: "gone.json5" }, cwd: folder }));
    expect(fromEnv.message).toContain("(from $BEDROCK_KIT_CONFIG)");
  });

  it("names file:line:col for the syntax fixture and the field path for the fields fixture", async () => {
    const syntax = await configErrorOf(() => loadConfigFile(join(FIXTURES, "invalid-syntax.json5"), { env: {} }));
    expect(syntax.message).toBe(`${join(FIXTURES, "invalid-syntax.json5")}:4:19: invalid JSON5: invalid character ','`);
    const fields = await configErrorOf(() => loadConfigFile(join(FIXTURES, "invalid-fields.json5"), { env: {} }));
    expect(fields.message).toContain("`catalogTimeoutMs`: expected number, received string");
    const unknown = await configErrorOf(() => loadConfigFile(join(FIXTURES, "unknown-key.json5"), { env: {} }));
    expect(unknown.message).toContain("`plugin`: unknown field");
  });
});
