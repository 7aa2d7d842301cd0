import { BedrockKitError, type Logger, type Plugin, type Provider } from "@bedrock-kit/plugin-host";
import { configError } from "../config/config-error.js";

const PROVIDER_METHODS = ["catalog", "prepareRuntimeAuth", "stream", "classifyError", "preflight"] as const;

/**
 * Run each plugin's `register` and collect its providers, in load order. The same plugin listed
 * twice (preloaded and in `plugins`) registers once; two plugins claiming one provider id is an error.
 */
export function registerProviders(plugins: readonly Plugin[], logger: Logger): Map<string, Provider> {
  const providers = new Map<string, Provider>();
  const ownerOf = new Map<string, string>();
  const registeredPlugins = new Set<string>();
  for (const plugin of plugins) {
    if (registeredPlugins.has(plugin.id)) {
      logger.debug("plugin already loaded; ignoring the second copy", { plugin: plugin.id });
      continue;
    }
    registeredPlugins.add(plugin.id);
    const registerProvider = <Config>(provider: Provider<Config>): void => {
      checkProviderShape(provider, plugin.id);
      const owner = ownerOf.get(provider.id);
      if (owner !== undefined) {
        throw configError(
          `Provider id "${provider.id}" is registered twice (by plugins "${owner}" and "${plugin.id}").`,
          "Load only one of these plugins.",
        );
      }
      ownerOf.set(provider.id, plugin.id);
      providers.set(provider.id, provider as Provider);
    };
    try {
      plugin.register({ registerProvider });
    } catch (error) {
      if (BedrockKitError.isInstance(error) && error.code === "config") throw error;
      throw configError(
        `Plugin "${plugin.id}" failed to register: ${error instanceof Error ? error.message : String(error)}`,
        "This is a bug in the plugin; report it to its authors.",
        { cause: error },
      );
    }
  }
  return providers;
}

function checkProviderShape(provider: Provider<unknown>, pluginId: string): void {
  const candidate = provider as unknown as Record<string, unknown>;
  const missing: string[] = [];
  if (typeof candidate.id !== "string" || candidate.id === "") missing.push("id");
  for (const method of PROVIDER_METHODS) if (typeof candidate[method] !== "function") missing.push(method);
  const schema = candidate.configSchema as { safeParse?: unknown } | undefined;
  if (typeof schema?.safeParse !== "function") missing.push("configSchema");
  if (missing.length > 0) {
    throw configError(
      `Plugin "${pluginId}" registered an incomplete provider (missing ${missing.join(", ")}).`,
      "This is a bug in the plugin; report it to its authors.",
    );
  }
}
