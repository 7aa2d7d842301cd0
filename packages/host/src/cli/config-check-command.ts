import { EXIT_OK, UsageError } from "./cli-errors.js";
import type { CliSession } from "./cli-session.js";
import { parseCommandArgs } from "./parse-command-args.js";

/** `bedrock-kit config check [F]`: parse, load every plugin and validate every provider entry; nothing is called. */
export async function runConfigCheckCommand(args: string[], session: CliSession): Promise<number> {
  const { values, positionals } = parseCommandArgs("config check", args, { config: { type: "string" } }, true);
  if (positionals.length > 1) throw new UsageError("config check takes at most one FILE.");
  const { host, loaded } = await session.openHost(positionals[0] ?? values.config);
  const providers = [...host.providers.keys()];
  const where = loaded.path ?? "no config file (defaults: the bundled plugins)";
  session.out(`ok: ${where}; plugins: ${loaded.config.plugins.join(", ") || "none"}; providers: ${providers.join(", ") || "none"}\n`);
  return EXIT_OK;
}
