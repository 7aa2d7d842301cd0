/**
 * `@bedrock-kit/plugin-bedrock-converse`: provider `amazon-bedrock`, native Bedrock Converse and
 * ConverseStream with SigV4 or a bearer key, a curated catalog and optional control-plane discovery.
 */
import { definePlugin } from "@bedrock-kit/plugin-host";
import { createConverseProvider } from "./converse-provider.js";

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

/** The plugin: registers the `amazon-bedrock` provider. */
export default definePlugin({
  id: "bedrock-converse",
  name: "Amazon Bedrock (Converse)",
  register(api) {
    api.registerProvider(createConverseProvider());
  },
});
