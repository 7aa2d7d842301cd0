import type { RunningEmulator } from "@bedrock-kit/emulator";
import { EXIT_OK, UsageError } from "./cli-errors.js";
import type { CliSession } from "./cli-session.js";
import { parseCommandArgs } from "./parse-command-args.js";

/** The connection details `--json` prints, in this key order. */
export interface EmulatorConnection {
  /** Mantle base URL (`/v1`, `/openai/v1`, `/anthropic/v1` below it). */
  mantleUrl: string;
  /** bedrock-runtime base URL. */
  runtimeUrl: string;
  /** Control-plane base URL. */
  controlPlaneUrl: string;
  /** STS base URL. */
  stsUrl: string;
  /** A bearer key the emulator accepts. */
  apiKey: string;
  /** An access key id whose signatures the emulator verifies. */
  accessKeyId: string;
  /** Its secret. */
  secretAccessKey: string;
  /** The region served. */
  region: string;
}

/** The plain connection details of a running emulator. */
export function emulatorConnection(emulator: RunningEmulator): EmulatorConnection {
  const { mantleUrl, runtimeUrl, controlPlaneUrl, stsUrl, apiKey, accessKeyId, secretAccessKey, region } = emulator;
  return { mantleUrl, runtimeUrl, controlPlaneUrl, stsUrl, apiKey, accessKeyId, secretAccessKey, region };
}

/** The human-readable banner: URLs, exports ready to paste, and a config snippet. */
export function formatEmulatorBanner(connection: EmulatorConnection): string {
  const config = {
    models: {
      providers: {
        "amazon-bedrock-mantle": { baseUrl: connection.mantleUrl },
        "amazon-bedrock": { baseUrl: connection.runtimeUrl, controlPlaneUrl: connection.controlPlaneUrl },
      },
    },
  };
  return [
    `bedrock-kit emulator: a local Amazon Bedrock on 127.0.0.1 (region ${connection.region})`,
    `  Mantle            ${connection.mantleUrl}  (/v1, /openai/v1, /anthropic/v1)`,
    `  bedrock-runtime   ${connection.runtimeUrl}`,
    `  control plane     ${connection.controlPlaneUrl}`,
    `  STS               ${connection.stsUrl}`,
    "",
    "# Test credentials: accepted only by this emulator, worthless anywhere else.",
    `export AWS_BEARER_TOKEN_BEDROCK=${connection.apiKey}`,
    `export AWS_ACCESS_KEY_ID=${connection.accessKeyId}`,
    `export AWS_SECRET_ACCESS_KEY=${connection.secretAccessKey}`,
    `export AWS_REGION=${connection.region}`,
    "",
    "# bedrock-kit.json5 (providers pointed at the emulator):",
    JSON.stringify(config, null, 2),
    "",
    "Running until Ctrl-C.",
    "",
  ].join("\n");
}

/**
 * `bedrock-kit emulator [--port N] [--json]`: run the emulator until SIGINT or SIGTERM. Its keys are
 * throwaway test credentials and printing them is the point, so this output bypasses the secret mask.
 */
export async function runEmulatorCommand(args: string[], session: CliSession): Promise<number> {
  const { values } = parseCommandArgs("emulator", args, { port: { type: "string" }, json: { type: "boolean" } });
  const port = parsePort(values.port);
  // Loaded here so no other command pays for the emulator's modules.
  const { startEmulator } = await import("@bedrock-kit/emulator");
  const emulator = await startEmulator({ port, host: "127.0.0.1" });
  const connection = emulatorConnection(emulator);
  session.io.stdout(values.json === true ? `${JSON.stringify(connection)}\n` : formatEmulatorBanner(connection));
  await waitForStop(session.io.signal);
  await emulator.close();
  return EXIT_OK;
}

/** `--port`: 0 (any free port, the default) to 65532 (the emulator takes the next three ports too). */
function parsePort(value: string | undefined): number {
  if (value === undefined) return 0;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_532) throw new UsageError(`--port must be 0 or a port number up to 65532 (got "${value}").`);
  return port;
}

/** Resolves on the CLI's interrupt signal (SIGINT) or on SIGTERM, which a server must also honour. */
function waitForStop(signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const stop = (): void => {
      process.off("SIGTERM", stop);
      signal?.removeEventListener("abort", stop);
      resolve();
    };
    if (signal?.aborted === true) return resolve();
    signal?.addEventListener("abort", stop, { once: true });
    process.once("SIGTERM", stop);
  });
}
