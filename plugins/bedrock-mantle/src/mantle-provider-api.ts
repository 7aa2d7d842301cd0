/**
 * `@bedrock-kit/plugin-bedrock-mantle/provider`: the provider factory and its building blocks
 * (classifiers, parsers, surface rules, constants) for embedding hosts and tests. Importing this
 * loads the whole implementation; the package's main entry stays tiny and only registers the
 * plugin (docs/adr/0910-lazy-plugin-entry.md).
 */
export { createMantleProvider, type MantleProvider, type MantleProviderOptions, type MantleWireAdapters } from "./mantle-provider.js";
// The zod schemas (mantleConfigSchema, mantleAuthSchema, …) are at the subpath
// `@bedrock-kit/plugin-bedrock-mantle/config-schema`: importing the plugin loads no zod (docs/adr/0900).
export {
  readMantleAuthMode,
  readMantleAssumeRole,
  MANTLE_APIS,
  DEFAULT_MANTLE_API_KEY_REF,
  DEFAULT_DISCOVERY_TIMEOUT_MS,
  type MantleApi,
  type MantleAuthMode,
} from "./mantle-config-values.js";
export type { MantleAssumeRole, MantleConfig, MantleConfigInput } from "./mantle-config-schema.js";
export { MANTLE_PROVIDER_ID, MANTLE_ENV_VARS } from "./mantle-provider-id.js";
export { MANTLE_REGIONS, isMantleRegion } from "./mantle-regions.js";
export { normalizeMantleBaseUrl, parseMantleBaseUrl, type ParsedMantleBaseUrl } from "./normalize-mantle-base-url.js";
export { resolveMantleWireId, isConverseStyleModelId, suggestMantleModelId } from "./resolve-mantle-model-id.js";
export {
  lookupMantleModelKnowledge,
  inferReasoningFromId,
  displayNameFromWireId,
  UNKNOWN_MODEL_DEFAULTS,
  type MantleModelKnowledge,
} from "./mantle-model-knowledge.js";
export {
  resolveMantleSurface,
  ruleSurfaceFor,
  alternativeSurface,
  surfaceBaseUrl,
  type MantleSurface,
  type MantleSurfacePrefix,
  type MantleRouteErrorKind,
  type SurfaceChoice,
} from "./mantle-surface-rules.js";
export { classifyMantleError } from "./classify-mantle-error.js";
export {
  classifyMantleHttpError,
  detectMantleRouteError,
  readMantleRequestId,
  type MantleErrorContext,
  type MantleCredentialKind,
} from "./classify-mantle-http-error.js";
export { parseMantleErrorBody, type MantleErrorBody } from "./parse-mantle-error-body.js";
export { parseMantleModelsList } from "./parse-mantle-models-list.js";
export type { MantleModelCompat } from "./mantle-model-compat.js";
export { readMantleCompat } from "./mantle-model-compat.js";
export type { MantleWireAdapter, MantleCallInput, MantleSend, MantleSendRequest, MantleHttpFailure } from "./adapters/mantle-wire-adapter.js";

export { createLazyMantleProvider, type LazyMantleProvider, type LazyMantleProviderOptions } from "./lazy-mantle-provider.js";
