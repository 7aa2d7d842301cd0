import { buildConfigJsonSchema, formatConfigJsonSchema } from "../config/config-json-schema.js";
import { loadBundledProviders } from "../config/load-bundled-providers.js";
import { EXIT_FAILURE, EXIT_OK, formatErrorLine } from "./cli-errors.js";
import type { CliSession } from "./cli-session.js";
import { parseCommandArgs } from "./parse-command-args.js";

/**
 * `bedrock-kit config schema`: the JSON Schema of the whole config file, host fields plus the
 * bundled plugins' provider entries. A bundled plugin that cannot load is a failure (exit 1):
 * a schema missing a provider would silently mislead editors.
 */
export async function runConfigSchemaCommand(args: string[], session: CliSession): Promise<number> {
  parseCommandArgs("config schema", args, {});
  let providers;
  try {
    providers = await loadBundledProviders(session.io.cwd);
  } catch (error) {
    session.err(formatErrorLine(error, session.redact).replace(/^error \[[a-z-]+\]: /, (prefix) => `${prefix}cannot build the schema: `));
    return EXIT_FAILURE;
  }
  session.out(formatConfigJsonSchema(buildConfigJsonSchema(providers)));
  return EXIT_OK;
}
