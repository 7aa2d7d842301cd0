import { parseArgs, type ParseArgsConfig } from "node:util";
import { UsageError } from "./cli-errors.js";

type OptionsConfig = NonNullable<ParseArgsConfig["options"]>;

/** What `parseCommandArgs` returns: typed option values and the positionals. */
export type ParsedCommandArgs<Options extends OptionsConfig> = ReturnType<typeof parseArgs<{ options: Options; allowPositionals: boolean; strict: true }>>;

/** `node:util` parseArgs, strict, with its errors turned into usage errors naming the command. */
export function parseCommandArgs<Options extends OptionsConfig>(
  command: string,
  args: string[],
  options: Options,
  allowPositionals = false,
): ParsedCommandArgs<Options> {
  try {
    return parseArgs({ args, options, allowPositionals, strict: true });
  } catch (error) {
    // node's text goes on about "--" for positionals that start with "-"; the first sentence says it all.
    const message = (error instanceof Error ? error.message : String(error)).split(/\.\s|\n/, 1)[0] ?? "";
    throw new UsageError(`${command}: ${message}`, `Run \`bedrock-kit --help\` for the options of ${command}.`);
  }
}

/** A positive integer option value, or a usage error naming the option. */
export function parsePositiveInteger(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0) throw new UsageError(`${option} must be a positive integer (got "${value}").`);
  return parsed;
}
