import { readFileSync } from "node:fs";
import { EXIT_OK, EXIT_USAGE, exitCodeFor, formatErrorLine, UsageError } from "./cli-errors.js";
import { createCliSession, type CliIo, type CliSession } from "./cli-session.js";
import { USAGE_TEXT } from "./usage-text.js";

type Command = (args: string[], session: CliSession) => Promise<number>;

/** Commands by their words; each module loads only when its command runs, to keep startup light. */
const COMMANDS: Record<string, () => Promise<Command>> = {
  "models list": async () => (await import("./models-list-command.js")).runModelsListCommand,
  "models test": async () => (await import("./models-test-command.js")).runModelsTestCommand,
  chat: async () => (await import("./chat-command.js")).runChatCommand,
  doctor: async () => (await import("./doctor-command.js")).runDoctorCommand,
  "config check": async () => (await import("./config-check-command.js")).runConfigCheckCommand,
  "config schema": async () => (await import("./config-schema-command.js")).runConfigSchemaCommand,
  emulator: async () => (await import("./emulator-command.js")).runEmulatorCommand,
  demo: async () => (await import("./demo-command.js")).runDemoCommand,
};

/** Run the CLI on `argv` (without node and the script); resolves to the exit code. Never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const session = createCliSession(io);
  try {
    const [first, second] = argv;
    if (first === undefined) {
      io.stderr(USAGE_TEXT);
      return EXIT_USAGE;
    }
    if (first === "--help" || first === "-h" || first === "help" || argv.includes("--help") || argv.includes("-h")) {
      io.stdout(USAGE_TEXT);
      return EXIT_OK;
    }
    if (first === "--version" || first === "-v") {
      io.stdout(`${readVersion()}\n`);
      return EXIT_OK;
    }
    const twoWords = second === undefined ? undefined : `${first} ${second}`;
    const key = twoWords !== undefined && twoWords in COMMANDS ? twoWords : first in COMMANDS ? first : undefined;
    if (key === undefined) {
      const known = Object.keys(COMMANDS).join(", ");
      throw new UsageError(`Unknown command "${[first, second].filter(Boolean).join(" ")}".`, `Commands: ${known}. Run \`bedrock-kit --help\`.`);
    }
    const command = await COMMANDS[key]!();
    return await command(argv.slice(key.split(" ").length), session);
  } catch (error) {
    io.stderr(formatErrorLine(error, session.redact));
    return exitCodeFor(error);
  } finally {
    await session.close().catch(() => undefined);
  }
}

function readVersion(): string {
  // src/cli and dist/cli are both two levels below the package root.
  const manifest = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version?: string };
  return manifest.version ?? "unknown";
}
