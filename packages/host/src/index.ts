/**
 * `@bedrock-kit/host`, the reference host: JSON5 config, plugin registry, catalog orchestration,
 * runtime auth refresh. The `bedrock-kit` CLI is built on this API.
 */
export { loadConfigFile, type LoadedConfig } from "./config/load-config-file.js";
export { parseConfigText, validateHostConfig } from "./config/parse-config-text.js";
export { findConfigFile, type ConfigFileLocation } from "./config/find-config-file.js";
export {
  hostConfigSchema,
  BUNDLED_PLUGIN_PACKAGES,
  CONFIG_FILE_ENV_VAR,
  DEFAULT_CATALOG_TIMEOUT_MS,
  DEFAULT_CONFIG_FILE_NAME,
  type HostConfig,
  type HostConfigInput,
} from "./config/host-config-schema.js";
export { buildConfigJsonSchema, formatConfigJsonSchema, CONFIG_SCHEMA_FILE, CONFIG_SCHEMA_ID } from "./config/config-json-schema.js";
export { loadBundledProviders } from "./config/load-bundled-providers.js";
export { createHost } from "./host/create-host.js";
export type { CatalogEntry, CallOptions, CreateHostOptions, Host } from "./host/host-types.js";
export { createSecretResolver, type HostSecretResolver, type SecretResolverOptions } from "./secrets/secret-resolver.js";
export { createSecretMask, type SecretMask } from "./secrets/secret-mask.js";
export { loadPluginModule } from "./plugins/load-plugin-module.js";
export { resolvePluginEntry, isPluginPath } from "./plugins/resolve-plugin-entry.js";
export {
  createRuntimeAuthCache,
  computeRefreshAt,
  authCacheKey,
  DEFAULT_AUTH_REFRESH_MARGIN_MS,
  type AuthTarget,
  type RuntimeAuthCache,
  type RuntimeAuthCacheOptions,
} from "./auth/runtime-auth-cache.js";
export { createJsonLineLogger, parseLogLevel, LOG_LEVEL_ENV_VAR, type LogLevel, type JsonLineLoggerOptions } from "./logging/json-line-logger.js";
