/**
 * `@bedrock-kit/plugin-bedrock-converse/provider`: the provider factory and its building blocks
 * (classifiers, curated catalog, constants) for embedding hosts and tests. Importing this loads the
 * whole implementation; the package's main entry stays tiny and only registers the plugin
 * (docs/adr/0910-lazy-plugin-entry.md).
 */
export {
  createConverseProvider,
  CONVERSE_ENV_VARS,
  type ConverseProvider,
  type ConverseProviderOptions,
  type ConverseWireFunctions,
} from "./converse-provider.js";
// The zod schema (converseConfigSchema) is at the subpath `@bedrock-kit/plugin-bedrock-converse/config-schema`:
// importing the plugin loads no zod (docs/adr/0900-lazy-config-schemas.md).
export { DEFAULT_CONVERSE_CREDENTIAL_SOURCES } from "./converse-config-values.js";
export type { ConverseConfig, ConverseCredentialSource } from "./converse-config-schema.js";
export { CURATED_CONVERSE_MODELS, DEFAULT_CONVERSE_MODEL_ID, findCuratedModel, type CuratedConverseModel } from "./converse-curated-catalog.js";
export { classifyConverseHttpFailure, classifyConverseError, CONVERSE_PROVIDER_ID, type ConverseErrorContext, type ConverseFailureKind, type ClassifiedConverseFailure } from "./classify-converse-error.js";
export type { CredentialProviderFactory } from "./converse-runtime-auth.js";
export type { ConverseModelCompat } from "./converse-model-compat.js";
export { readConverseCompat } from "./converse-model-compat.js";
export { createLazyConverseProvider, type LazyConverseProvider, type LazyConverseProviderOptions } from "./lazy-converse-provider.js";
