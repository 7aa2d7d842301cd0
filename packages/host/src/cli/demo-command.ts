import { EXIT_USAGE } from "./cli-errors.js";
import type { CliSession } from "./cli-session.js";

/** `bedrock-kit demo`: a placeholder until the emulator lands (issue 7). */
export async function runDemoCommand(_args: string[], session: CliSession): Promise<number> {
  session.err("not available yet: the emulator lands with issue 7\n");
  return EXIT_USAGE;
}
