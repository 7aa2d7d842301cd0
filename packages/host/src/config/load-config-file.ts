import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import type { Env } from "@bedrock-kit/plugin-host";
import { configError } from "./config-error.js";
import { findConfigFile } from "./find-config-file.js";
import { BUNDLED_PLUGIN_PACKAGES, CONFIG_FILE_ENV_VAR, type HostConfig } from "./host-config-schema.js";
import { parseConfigText, validateHostConfig } from "./parse-config-text.js";

/** A config and where it came from. */
export interface LoadedConfig {
  /** Absolute path of the file read; `undefined` when no file exists and defaults are used. */
  path: string | undefined;
  /** The folder relative plugin paths and `file:` secrets resolve from (the file's folder, else the working directory). */
  dir: string;
  /** The validated host config. */
  config: HostConfig;
}

/**
 * Find, read and validate the config file: `path` (the `--config` flag), else `$BEDROCK_KIT_CONFIG`,
 * else `./bedrock-kit.json5`. A named file that does not exist is an error; a missing default file
 * means "no config": the bundled plugins with their defaults (credentials and region from the env).
 */
export async function loadConfigFile(path?: string, options: { env?: Env; cwd?: string } = {}): Promise<LoadedConfig> {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const location = findConfigFile(path, { env, cwd });
  let text: string;
  try {
    text = await readFile(location.path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && location.origin === "default") {
      return { path: undefined, dir: cwd, config: validateHostConfig({ plugins: [...BUNDLED_PLUGIN_PACKAGES] }, "defaults") };
    }
    const namedBy = location.origin === "flag" ? "--config" : location.origin === "env" ? `$${CONFIG_FILE_ENV_VAR}` : "the default lookup";
    throw configError(
      code === "ENOENT" ? `Config file ${location.path} (from ${namedBy}) does not exist.` : `Config file ${location.path} cannot be read (${code ?? "error"}).`,
      code === "ENOENT" ? "Check the path, or create the file (see `bedrock-kit config schema`)." : "Check the file's permissions.",
      { cause: error },
    );
  }
  return { path: location.path, dir: dirname(location.path), config: parseConfigText(text, location.path) };
}
