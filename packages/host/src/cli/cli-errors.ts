import { BedrockKitError } from "@bedrock-kit/plugin-host";

/** A command line the CLI cannot run: unknown command or option, missing or bad argument. Exit code 2. */
export class UsageError extends Error {
  /** What to do instead. */
  readonly hint: string;

  constructor(message: string, hint = "Run `bedrock-kit --help` for the commands and their options.") {
    super(message);
    this.name = "UsageError";
    this.hint = hint;
  }
}

/** Exit codes: 0 ok, 1 provider or request failure, 2 usage or config error. */
export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

/** The exit code an error ends the CLI with. */
export function exitCodeFor(error: unknown): number {
  if (error instanceof UsageError) return EXIT_USAGE;
  if (BedrockKitError.isInstance(error) && error.code === "config") return EXIT_USAGE;
  return EXIT_FAILURE;
}

/** One line for stderr: `error [code]: message — hint: …`, redacted, without line breaks. */
export function formatErrorLine(error: unknown, redact: (text: string) => string): string {
  let code: string;
  let message: string;
  let hint: string | undefined;
  if (error instanceof UsageError) {
    code = "usage";
    message = error.message;
    hint = error.hint;
  } else if (BedrockKitError.isInstance(error)) {
    code = error.code;
    message = error.message;
    hint = error.hint;
  } else {
    code = "internal";
    message = error instanceof Error ? error.message : String(error);
    hint = "This is a bug in bedrock-kit; please report it with the command you ran.";
  }
  const line = hint === undefined || hint === "" ? `error [${code}]: ${message}` : `error [${code}]: ${message} — hint: ${hint}`;
  return `${redact(line).replace(/\s*\r?\n\s*/g, " ")}\n`;
}
