import { existsSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { isAbsolute, join, resolve } from "node:path";
import { configError } from "../config/config-error.js";

/** Export conditions an ESM import matches, in the order node tries them. */
const IMPORT_CONDITIONS = ["import", "node", "default"];

/** Whether a `plugins` entry is a path (relative to the config file) rather than a package name. */
export function isPluginPath(specifier: string): boolean {
  return specifier.startsWith("./") || specifier.startsWith("../") || isAbsolute(specifier);
}

/**
 * Find a plugin's entry file. A path resolves from `fromDir` (a file, or a package folder). A
 * package name resolves from `fromDir` first (the user's own installs), then from this package (the
 * bundled plugins); ESM-only packages (an `exports` map without a `require` branch) are read too.
 */
export function resolvePluginEntry(specifier: string, fromDir: string): string {
  if (isPluginPath(specifier)) return resolvePathEntry(specifier, fromDir);
  const searchFrom = [join(fromDir, "noop.js"), import.meta.url];
  const failures: string[] = [];
  for (const base of searchFrom) {
    try {
      return createRequire(base).resolve(specifier);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code ?? "error";
      // require() resolution skips `import`-only export maps; read the map the way import() would.
      const folder = code === "ERR_PACKAGE_PATH_NOT_EXPORTED" ? findInstalledPackage(specifier, [base]) : undefined;
      const entry = folder === undefined ? undefined : packageEntry(folder);
      if (entry !== undefined) return entry;
      failures.push(code);
    }
  }
  const notFound = failures.every((code) => code === "MODULE_NOT_FOUND");
  const installedAt = notFound ? findInstalledPackage(specifier, searchFrom) : undefined;
  if (installedAt !== undefined) {
    throw configError(
      `Plugin "${specifier}" is installed at ${installedAt} but its entry file is missing.`,
      "Build it (npx tsc -b in the bedrock-kit workspace), or reinstall the package.",
    );
  }
  throw configError(
    notFound
      ? `Plugin "${specifier}" cannot be found (looked in ${fromDir} and next to @bedrock-kit/host).`
      : `Plugin "${specifier}" cannot be resolved (${failures.join(", ")}).`,
    `Install it where the config file is (npm install ${specifier}), or fix its name in \`plugins\`.`,
  );
}

function resolvePathEntry(specifier: string, fromDir: string): string {
  const path = resolve(fromDir, specifier);
  if (!existsSync(path)) {
    throw configError(`Plugin file ${specifier} does not exist (${path}).`, "Fix the path in `plugins`; it is relative to the config file.");
  }
  if (!statSync(path).isDirectory()) return path;
  const entry = packageEntry(path);
  if (entry === undefined) {
    throw configError(`Plugin folder ${specifier} has no entry file (${path}).`, 'Give it a package.json with "exports" or "main", or an index.js.');
  }
  return entry;
}

/** The folder of an installed package, found along node's lookup paths from each base. */
function findInstalledPackage(specifier: string, searchFrom: readonly string[]): string | undefined {
  for (const base of searchFrom) {
    for (const folder of createRequire(base).resolve.paths(specifier) ?? []) {
      const candidate = join(folder, specifier);
      if (existsSync(join(candidate, "package.json"))) return candidate;
    }
  }
  return undefined;
}

/** A package folder's import entry: `exports["."]` (import/node/default), else `main`, else index.js. */
function packageEntry(folder: string): string | undefined {
  let manifest: { exports?: unknown; main?: unknown } = {};
  try {
    manifest = JSON.parse(readFileSync(join(folder, "package.json"), "utf8")) as typeof manifest;
  } catch {
    // No or unreadable package.json: fall back to index files.
  }
  const candidates = [pickExport(rootExport(manifest.exports)), typeof manifest.main === "string" ? manifest.main : undefined, "index.js", "index.mjs"];
  for (const candidate of candidates) {
    if (candidate === undefined) continue;
    const path = join(folder, candidate);
    if (existsSync(path) && statSync(path).isFile()) return path;
  }
  return undefined;
}

function rootExport(exports: unknown): unknown {
  if (typeof exports !== "object" || exports === null || Array.isArray(exports)) return exports;
  const keys = Object.keys(exports);
  return keys.some((key) => key.startsWith(".")) ? (exports as Record<string, unknown>)["."] : exports;
}

function pickExport(target: unknown): string | undefined {
  if (typeof target === "string") return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const picked = pickExport(item);
      if (picked !== undefined) return picked;
    }
    return undefined;
  }
  if (typeof target !== "object" || target === null) return undefined;
  for (const [condition, value] of Object.entries(target)) {
    if (IMPORT_CONDITIONS.includes(condition)) {
      const picked = pickExport(value);
      if (picked !== undefined) return picked;
    }
  }
  return undefined;
}
