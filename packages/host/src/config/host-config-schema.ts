import { z } from "zod";

/** Default bound on each provider's `catalog()`, in ms. */
export const DEFAULT_CATALOG_TIMEOUT_MS = 10_000;

/** The file the CLI looks for in the working directory when neither `--config` nor `$BEDROCK_KIT_CONFIG` names one. */
export const DEFAULT_CONFIG_FILE_NAME = "bedrock-kit.json5";

/** The environment variable that names the config file. */
export const CONFIG_FILE_ENV_VAR = "BEDROCK_KIT_CONFIG";

/** The plugins a host loads when there is no config file at all. */
export const BUNDLED_PLUGIN_PACKAGES: readonly string[] = [
  "@bedrock-kit/plugin-bedrock-mantle",
  "@bedrock-kit/plugin-bedrock-converse",
];

/** How configured models combine with the ones a provider knows. */
export const modelsModeSchema = z
  .enum(["merge", "replace"])
  .describe('"merge": configured models merge over discovered and curated ones; "replace": only configured models are listed');

/** The `models` section; provider entries are validated later, by each provider's own schema. */
export const modelsSectionSchema = z
  .object({
    mode: modelsModeSchema.default("merge"),
    providers: z
      .record(z.string().min(1), z.unknown())
      .default({})
      .describe("One entry per provider id, validated by that provider's config schema"),
  })
  .strict();

/** The `secrets` section. */
export const secretsSectionSchema = z
  .object({
    allowInline: z
      .boolean()
      .default(false)
      .describe('Accept literal secret values in this file; by default only "env:NAME", "file:PATH" and { source, id } are accepted'),
  })
  .strict();

/**
 * The host's part of the config file. Strict: an unknown key is an error, never ignored, so a
 * misspelled field cannot silently fall back to a default.
 */
export const hostConfigSchema = z
  .object({
    $schema: z.string().optional().describe("Path or URL of this file's JSON Schema, for editors; ignored by the host"),
    plugins: z
      .array(z.string().min(1))
      .default([])
      .describe("Plugins to load: package names, or paths relative to this file"),
    models: modelsSectionSchema.default({ mode: "merge", providers: {} }),
    catalogTimeoutMs: z
      .number()
      .int()
      .positive()
      .default(DEFAULT_CATALOG_TIMEOUT_MS)
      .describe("Longest a provider's catalog may take before it is skipped, in ms"),
    secrets: secretsSectionSchema.default({ allowInline: false }),
  })
  .strict();

/** The validated host config (defaults applied). Provider entries are still raw here. */
export type HostConfig = z.output<typeof hostConfigSchema>;

/** The host config as written in a file (defaults not applied). */
export type HostConfigInput = z.input<typeof hostConfigSchema>;
