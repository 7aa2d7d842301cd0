import { pathToFileURL } from "node:url";
import { isPlugin, type Plugin } from "@bedrock-kit/plugin-host";
import { configError } from "../config/config-error.js";
import { resolvePluginEntry } from "./resolve-plugin-entry.js";

/**
 * Import a plugin by package name or path and return its plugin: the default export or a named
 * `plugin` export that passes `isPlugin`.
 */
export async function loadPluginModule(specifier: string, fromDir: string): Promise<Plugin> {
  const entry = resolvePluginEntry(specifier, fromDir);
  let moduleNamespace: Record<string, unknown>;
  try {
    moduleNamespace = (await import(pathToFileURL(entry).href)) as Record<string, unknown>;
  } catch (error) {
    throw configError(
      `Plugin "${specifier}" failed to load: ${firstLine(error)}`,
      "Check that the plugin is built and its dependencies are installed.",
      { cause: error },
    );
  }
  const candidates = [moduleNamespace.default, moduleNamespace.plugin];
  const plugin = candidates.find(isPlugin);
  if (plugin === undefined) {
    throw configError(
      `"${specifier}" is not a bedrock-kit plugin: it has no default or \`plugin\` export made by definePlugin({ id, name, register }).`,
      "Check the package name in `plugins`.",
    );
  }
  return plugin;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split("\n", 1)[0] ?? "";
}
