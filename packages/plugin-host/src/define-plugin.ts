import type { Provider } from "./provider.js";

/** What a plugin's `register` receives. */
export interface PluginApi {
  /** Register one provider. Ids must be unique across all loaded plugins. */
  registerProvider<Config>(provider: Provider<Config>): void;
}

/** A bedrock-kit plugin: a package's default export. */
export interface Plugin {
  /** Package-unique id (`bedrock-mantle`). */
  id: string;
  /** Human-readable name. */
  name: string;
  /** Registers the plugin's providers. Synchronous and free of I/O. */
  register(api: PluginApi): void;
}

/** Declare a plugin (identity function that checks the shape at compile time). */
export function definePlugin(plugin: Plugin): Plugin {
  return plugin;
}

/** Whether a module's export looks like a {@link Plugin}. */
export function isPlugin(value: unknown): value is Plugin {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as Plugin).id === "string" &&
    typeof (value as Plugin).register === "function"
  );
}
