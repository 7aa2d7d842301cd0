import { resolve } from "node:path";
import type { Env } from "@bedrock-kit/plugin-host";
import { CONFIG_FILE_ENV_VAR, DEFAULT_CONFIG_FILE_NAME } from "./host-config-schema.js";

/** Where the config file is expected, and who asked for it. */
export interface ConfigFileLocation {
  /** Absolute path. */
  path: string;
  /**
   * `flag` (`--config`) and `env` (`$BEDROCK_KIT_CONFIG`) must exist; `default`
   * (`./bedrock-kit.json5`) may be absent, and the host then runs on defaults.
   */
  origin: "flag" | "env" | "default";
}

/** The lookup order: `--config FILE`, else `$BEDROCK_KIT_CONFIG`, else `./bedrock-kit.json5` (ADR 0200). */
export function findConfigFile(explicitPath: string | undefined, options: { env: Env; cwd: string }): ConfigFileLocation {
  if (explicitPath !== undefined && explicitPath.trim() !== "") {
    return { path: resolve(options.cwd, explicitPath), origin: "flag" };
  }
  const fromEnv = options.env[CONFIG_FILE_ENV_VAR];
  if (fromEnv !== undefined && fromEnv.trim() !== "") {
    return { path: resolve(options.cwd, fromEnv.trim()), origin: "env" };
  }
  return { path: resolve(options.cwd, DEFAULT_CONFIG_FILE_NAME), origin: "default" };
}
