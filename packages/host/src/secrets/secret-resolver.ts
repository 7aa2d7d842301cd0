import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { describeSecretRef, parseSecretRef, type Env, type SecretRef, type SecretResolver } from "@bedrock-kit/plugin-host";
import { configError } from "../config/config-error.js";
import type { SecretMask } from "./secret-mask.js";

/** What the host's one secret resolver needs. */
export interface SecretResolverOptions {
  /** Environment variables for `env:NAME`. */
  env: Env;
  /** The folder `file:PATH` resolves from (the config file's folder). */
  baseDir: string;
  /** Accept literal (inline) values; `secrets.allowInline` in config. */
  allowInline: boolean;
  /** Every resolved value is remembered here so it can be masked in any output. */
  mask?: SecretMask;
}

/** The host's secret resolver plus a strict variant for references that must resolve. */
export interface HostSecretResolver {
  /** Resolve a reference; `undefined` when the variable or file is unset, missing or blank. */
  resolve: SecretResolver;
  /** Resolve a reference that must have a value; a `config` error naming the variable or file otherwise. */
  require(ref: SecretRef, usedFor?: string): Promise<string>;
}

/**
 * The one resolver for `env:NAME`, `file:PATH` and `{ source, id }`. Values are trimmed and blank
 * counts as unset; a literal is refused unless inline secrets are allowed. Errors name the
 * variable or the file, never a value.
 */
export function createSecretResolver(options: SecretResolverOptions): HostSecretResolver {
  const remember = (value: string | undefined): string | undefined => {
    if (value === undefined) return undefined;
    const trimmed = value.trim();
    if (trimmed === "") return undefined;
    options.mask?.add(trimmed);
    return trimmed;
  };

  const resolveSecret: SecretResolver = async (ref) => {
    if (!isSecretRef(ref)) {
      throw configError(
        "A secret reference is neither a string nor a { source, id } object.",
        'Write "env:NAME", "file:PATH" or { source: "env" | "file", id }.',
      );
    }
    const parsed = parseSecretRef(ref);
    if (parsed.kind === "env") {
      if (parsed.name === "") throw configError('The secret reference "env:" names no variable.', 'Write "env:NAME".');
      return remember(options.env[parsed.name]);
    }
    if (parsed.kind === "file") {
      if (parsed.path === "") throw configError('The secret reference "file:" names no file.', 'Write "file:PATH".');
      return remember(await readSecretFile(resolve(options.baseDir, parsed.path), parsed.path));
    }
    // Remember the literal before refusing it, so it is masked even in the error's surroundings.
    options.mask?.add(parsed.value);
    if (!options.allowInline) {
      throw configError(
        "An inline secret was found where a secret reference was expected; inline secrets are refused.",
        'Reference it instead ("env:NAME" or "file:PATH"), or set `secrets.allowInline` to true in the config file.',
      );
    }
    return remember(parsed.value);
  };

  return {
    resolve: resolveSecret,
    async require(ref, usedFor) {
      const value = await resolveSecret(ref);
      if (value !== undefined) return value;
      const described = describeSecretRef(ref);
      const what = described.startsWith("env:")
        ? `environment variable ${described.slice(4)} is not set or blank`
        : `file ${described.slice(5)} does not exist or is blank`;
      throw configError(
        `Secret ${described}${usedFor === undefined ? "" : ` (${usedFor})`} did not resolve: the ${what}.`,
        described.startsWith("env:") ? `Set ${described.slice(4)}, or point the reference elsewhere.` : `Create ${described.slice(5)} (relative paths resolve from the config file's folder).`,
      );
    },
  };
}

function isSecretRef(value: unknown): value is SecretRef {
  if (typeof value === "string") return true;
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as { source?: unknown; id?: unknown };
  return (candidate.source === "env" || candidate.source === "file") && typeof candidate.id === "string";
}

/** A missing file is an unset secret; any other failure (a folder, no permission) is an error naming the file. */
async function readSecretFile(absolutePath: string, writtenPath: string): Promise<string | undefined> {
  try {
    return await readFile(absolutePath, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw configError(
      `Secret file ${writtenPath} cannot be read (${code ?? "error"}).`,
      `Check that ${absolutePath} is a readable file.`,
    );
  }
}
