import type { Env } from "@bedrock-kit/plugin-host";
import { loadConfigFile, type LoadedConfig } from "../config/load-config-file.js";
import { createHost } from "../host/create-host.js";
import type { Host } from "../host/host-types.js";
import { redactSecrets } from "../logging/redaction.js";
import { createSecretMask } from "../secrets/secret-mask.js";

/** Where the CLI reads and writes; the process in production, buffers in tests. */
export interface CliIo {
  /** Writes to stdout. */
  stdout(text: string): void;
  /** Writes to stderr. */
  stderr(text: string): void;
  /** Environment variables. */
  env: Env;
  /** Working directory. */
  cwd: string;
  /** Fires on Ctrl-C. */
  signal?: AbortSignal;
}

/** What a command gets: redacted output and a way to open the host. */
export interface CliSession {
  /** The raw I/O (for the signal, env and cwd). */
  io: CliIo;
  /** Mask secrets: every value the host resolved, secret-named env vars, secret-shaped strings. */
  redact(text: string): string;
  /** Write to stdout, redacted. */
  out(text: string): void;
  /** Write to stderr, redacted. */
  err(text: string): void;
  /** Load the config (`--config`, `$BEDROCK_KIT_CONFIG`, `./bedrock-kit.json5`) and build the host. */
  openHost(configPath: string | undefined): Promise<{ host: Host; loaded: LoadedConfig }>;
  /** Close the host, if one was opened. */
  close(): Promise<void>;
}

/** A session over `io`. Output is redacted from the start, and by the host's mask once a host is open. */
export function createCliSession(io: CliIo): CliSession {
  const mask = createSecretMask(io.env);
  let redact = (text: string): string => redactSecrets(mask.maskText(text));
  let openedHost: Host | undefined;
  return {
    io,
    redact: (text) => redact(text),
    out: (text) => io.stdout(redact(text)),
    err: (text) => io.stderr(redact(text)),
    async openHost(configPath) {
      const loaded = await loadConfigFile(configPath, { env: io.env, cwd: io.cwd });
      const host = await createHost({ config: loaded, env: io.env, cwd: io.cwd });
      openedHost = host;
      redact = (text) => host.redact(text);
      return { host, loaded };
    },
    async close() {
      await openedHost?.close();
      openedHost = undefined;
    },
  };
}
