import type { Provider } from "@bedrock-kit/plugin-host";
import { BUNDLED_PLUGIN_PACKAGES } from "./host-config-schema.js";
import { loadPluginModule } from "../plugins/load-plugin-module.js";
import { registerProviders } from "../plugins/register-providers.js";

const quietLogger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * The providers of the plugins that ship with bedrock-kit, loaded by package name (never a static
 * import: the host must not depend on them to start). Rejects with the `config` error of the
 * first plugin that fails to load.
 */
export async function loadBundledProviders(fromDir: string = process.cwd()): Promise<Provider[]> {
  const plugins = await Promise.all(BUNDLED_PLUGIN_PACKAGES.map((name) => loadPluginModule(name, fromDir)));
  return [...registerProviders(plugins, quietLogger).values()];
}
