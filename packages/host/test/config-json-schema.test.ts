import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { isPlugin, type Provider } from "@bedrock-kit/plugin-host";
import { describe, expect, it } from "vitest";
import { buildConfigJsonSchema, CONFIG_SCHEMA_FILE, CONFIG_SCHEMA_ID, formatConfigJsonSchema, parseConfigText } from "../src/index.js";
import { registerProviders } from "../src/plugins/register-providers.js";
import { createRecordingLogger, createTestProvider } from "./helpers/test-providers.js";

const REPOSITORY_ROOT = resolve(import.meta.dirname, "../../..");

type Schema = Record<string, any>;

describe("buildConfigJsonSchema", () => {
  const schema: Schema = buildConfigJsonSchema([createTestProvider({ id: "test-b" }), createTestProvider({ id: "test-a" })]);

  it("is a draft 2020-12 schema with an $id and a title, strict at every level", () => {
    expect(schema).toMatchObject({ $schema: "https://json-schema.org/draft/2020-12/schema", $id: CONFIG_SCHEMA_ID, title: "bedrock-kit config file", type: "object" });
    expect(schema.additionalProperties).toBe(false);
    expect(Object.keys(schema.properties)).toEqual(["$schema", "plugins", "models", "catalogTimeoutMs", "secrets"]);
    expect(schema.properties.models.additionalProperties).toBe(false);
    expect(schema.properties.models.properties.providers.additionalProperties).toBe(false);
  });

  it("puts each provider's entry and the shared building blocks in $defs, referenced by id (sorted)", () => {
    const providers = schema.properties.models.properties.providers.properties;
    expect(Object.keys(providers)).toEqual(["test-a", "test-b"]);
    expect(providers["test-a"]).toEqual({ $ref: "#/$defs/provider-test-a" });
    const entry = schema.$defs["provider-test-a"];
    expect(entry).toMatchObject({ type: "object", title: "Test provider test-a", additionalProperties: false });
    expect(entry.properties.apiKey).toEqual({ $ref: "#/$defs/SecretRef" });
    expect(entry.properties.models.items).toEqual({ $ref: "#/$defs/ConfiguredModel" });
    expect(schema.$defs.SecretRef.anyOf).toHaveLength(2);
    expect(schema.$defs.ConfiguredModel.properties.cost).toEqual({ $ref: "#/$defs/ModelCost" });
  });

  it("describes inputs: fields with defaults are optional, and descriptions carry over", () => {
    expect(schema.required).toBeUndefined();
    expect(schema.properties.catalogTimeoutMs).toMatchObject({ type: "integer", default: 10_000, description: expect.stringContaining("catalog") });
  });

  it("is deterministic", () => {
    const again = buildConfigJsonSchema([createTestProvider({ id: "test-a" }), createTestProvider({ id: "test-b" })]);
    expect(formatConfigJsonSchema(again)).toBe(formatConfigJsonSchema(schema));
  });
});

/** The bundled plugins' providers, imported by package name, or why they cannot be. */
async function importBundledProviders(): Promise<{ providers?: Provider[]; reason?: string }> {
  try {
    const modules = [await import("@bedrock-kit/plugin-bedrock-mantle"), await import("@bedrock-kit/plugin-bedrock-converse")] as Array<Record<string, unknown>>;
    const plugins = modules.map((module) => [module.default, module.plugin].find(isPlugin));
    if (plugins.some((plugin) => plugin === undefined)) return { reason: "a bundled plugin has no plugin export yet" };
    return { providers: [...registerProviders(plugins as never, createRecordingLogger()).values()] };
  } catch (error) {
    return { reason: error instanceof Error ? error.message.split("\n", 1)[0] : String(error) };
  }
}

const bundled = await importBundledProviders();

describe("the committed config schema", () => {
  it(`matches what the zod schemas generate (${CONFIG_SCHEMA_FILE}; regenerate with packages/host/scripts/write-config-schema.mjs)`, async () => {
    // A bundled plugin that cannot be imported is exactly when drift goes unnoticed: fail, don't skip.
    expect(bundled.reason, "the bundled plugins must import").toBeUndefined();
    const committed = await readFile(resolve(REPOSITORY_ROOT, CONFIG_SCHEMA_FILE), "utf8");
    expect(committed).toBe(formatConfigJsonSchema(buildConfigJsonSchema(bundled.providers!)));
  });

  it("accepts the example config of DESIGN.md in the host's part", () => {
    const config = parseConfigText(
      `{ plugins: ["@bedrock-kit/plugin-bedrock-mantle", "@bedrock-kit/plugin-bedrock-converse"],
         models: { mode: "merge", providers: { "amazon-bedrock-mantle": { region: "us-west-2" }, "amazon-bedrock": { region: "us-east-1" } } } }`,
      "design.json5",
    );
    expect(Object.keys(config.models.providers)).toEqual(["amazon-bedrock-mantle", "amazon-bedrock"]);
  });
});
