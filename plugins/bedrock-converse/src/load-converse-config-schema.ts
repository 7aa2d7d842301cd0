import { createRequire } from "node:module";
import type * as ConverseConfigSchemaModule from "./converse-config-schema.js";

/**
 * `provider.configSchema` loads the zod schema on first access, so importing the plugin loads no
 * zod (docs/adr/0900-lazy-config-schemas.md). The getter is synchronous, so the built module is
 * loaded with `require()` of ESM (Node >= 20.19): it joins the same ESM graph as an `import` would,
 * with the same zod instance as the host.
 */

type ConverseConfigSchema = (typeof ConverseConfigSchemaModule)["converseConfigSchema"];

const requireSibling = createRequire(import.meta.url);

// Run from TypeScript source (vitest's "source" condition), `require()` cannot load a .ts sibling:
// there the schema is imported up front instead. Built code (.js) never takes this branch.
const schemaFromSource: ConverseConfigSchema | undefined = import.meta.url.endsWith(".ts")
  ? (await import("./converse-config-schema.js")).converseConfigSchema
  : undefined;

/** The `amazon-bedrock` config schema; loads zod and the schema module on the first call. */
export function loadConverseConfigSchema(): ConverseConfigSchema {
  if (schemaFromSource !== undefined) return schemaFromSource;
  return (requireSibling("./converse-config-schema.js") as typeof ConverseConfigSchemaModule).converseConfigSchema;
}
