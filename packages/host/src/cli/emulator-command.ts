import { EXIT_USAGE } from "./cli-errors.js";
import type { CliSession } from "./cli-session.js";

/** `bedrock-kit emulator [--port N] [--json]`: a placeholder until the emulator lands (issue 7). */
export async function runEmulatorCommand(_args: string[], session: CliSession): Promise<number> {
  session.err("not available yet: the emulator lands with issue 7\n");
  return EXIT_USAGE;
}
