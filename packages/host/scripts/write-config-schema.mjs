#!/usr/bin/env node
// Regenerate schemas/bedrock-kit.config.schema.json from the zod schemas: the host's part plus the
// bundled plugins' provider entries. Run after a build (`npx tsc -b`); the drift test in
// packages/host/test/config-json-schema.test.ts fails when the committed file differs.
import { writeFile } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repositoryRoot = resolve(packageRoot, "../..");

const { buildConfigJsonSchema, formatConfigJsonSchema, loadBundledProviders, CONFIG_SCHEMA_FILE } = await import(
  join(packageRoot, "dist/index.js")
).catch((error) => {
  console.error(`error: cannot load @bedrock-kit/host from dist (${error.message}) — hint: build first: npx tsc -b`);
  process.exit(1);
});

let providers;
try {
  providers = await loadBundledProviders(packageRoot);
} catch (error) {
  console.error(`error [${error.code ?? "internal"}]: ${error.message}${error.hint ? ` — hint: ${error.hint}` : ""}`);
  process.exit(1);
}
const target = join(repositoryRoot, CONFIG_SCHEMA_FILE);
await writeFile(target, formatConfigJsonSchema(buildConfigJsonSchema(providers)));
console.log(`wrote ${target} (providers: ${providers.map((provider) => provider.id).join(", ")})`);
