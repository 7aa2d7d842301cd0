import { createRequire } from "node:module";
import type * as MantleConfigSchemaModule from "./mantle-config-schema.js";

/**
 * `provider.configSchema` loads the zod schema on first access, so importing the plugin loads no
 * zod (docs/adr/0900-lazy-config-schemas.md). The getter is synchronous, so the built module is
 * loaded with `require()` of ESM (Node >= 20.19): it joins the same ESM graph as an `import` would,
 * with the same zod instance as the host.
 */

type MantleConfigSchema = (typeof MantleConfigSchemaModule)["mantleConfigSchema"];

const requireSibling = createRequire(import.meta.url);

// Run from TypeScript source (vitest's "source" condition), `require()` cannot load a .ts sibling:
// there the schema is imported up front instead. Built code (.js) never takes this branch.
const schemaFromSource: MantleConfigSchema | undefined = import.meta.url.endsWith(".ts")
  ? (await import("./mantle-config-schema.js")).mantleConfigSchema
  : undefined;

/** The `amazon-bedrock-mantle` config schema; loads zod and the schema module on the first call. */
export function loadMantleConfigSchema(): MantleConfigSchema {
  if (schemaFromSource !== undefined) return schemaFromSource;
  return (requireSibling("./mantle-config-schema.js") as typeof MantleConfigSchemaModule).mantleConfigSchema;
}
