/**
 * The bedrock-kit host contract. Types and pure helpers only: no I/O, no runtime dependencies
 * (zod's types only; the zod schemas live at `@bedrock-kit/plugin-host/config-schemas`).
 */
export type { ModelApi, ModelInput, ModelSource, ModelCost, ModelDefinition, ConfiguredModel } from "./model-definition.js";
export { MODEL_APIS } from "./model-definition.js";
export type {
  TextPart,
  ImagePart,
  ReasoningPart,
  ToolCallPart,
  ToolResultPart,
  UserMessage,
  AssistantMessage,
  ToolMessage,
  Message,
  ToolDefinition,
  ToolChoice,
  ReasoningLevel,
  ResponseFormat,
  ChatRequest,
} from "./chat-request.js";
export { REASONING_LEVELS } from "./chat-request.js";
export type { ErrorCode, BedrockKitErrorOptions } from "./errors.js";
export { BedrockKitError, ERROR_CODES, isRetryableByDefault } from "./errors.js";
export type {
  FinishReason,
  Usage,
  CallMetadata,
  StartEvent,
  TextDeltaEvent,
  ReasoningDeltaEvent,
  ToolCallDeltaEvent,
  ToolCallEvent,
  FinishEvent,
  ErrorEvent,
  StreamEvent,
} from "./stream-events.js";
export { emptyUsage } from "./stream-events.js";
export type { SecretRef, ParsedSecretRef, SecretResolver } from "./secret-reference.js";
export { parseSecretRef, describeSecretRef } from "./secret-reference.js";
export type { TransportTimeouts, TransportRequest, TransportResponse, Transport } from "./transport.js";
export type {
  Clock,
  LogFields,
  Logger,
  Env,
  ProviderContext,
  SignableRequest,
  RuntimeAuth,
  RuntimeAuthContext,
  RuntimeAuthAccess,
  CatalogContext,
  StreamContext,
} from "./runtime-context.js";
export type { ProviderCatalog, PreflightCheck, PreflightRegionReport, PreflightReport, CompletionResult, Provider } from "./provider.js";
export type { PluginApi, Plugin } from "./define-plugin.js";
export { definePlugin, isPlugin } from "./define-plugin.js";
export { mergeModelDefinitions, mergeModelCost } from "./merge-model-definitions.js";
export { qualifyModelId } from "./qualify-model-id.js";
export { claudeModelTraits, type ClaudeModelTraits } from "./claude-model-traits.js";
export { uniqueRegionRefs } from "./unique-region-refs.js";
export { summarizeModelsByRegion, type RegionModelSummary } from "./summarize-models-by-region.js";
export { computeUsageCost } from "./compute-usage-cost.js";
export { collectCompletion } from "./collect-completion.js";
export type { ModelRef } from "./model-ref.js";
export { parseModelRef, formatModelRef } from "./model-ref.js";
// The zod config schemas are a subpath (`@bedrock-kit/plugin-host/config-schemas`): importing the
// contract must not load zod (docs/adr/0900-lazy-config-schemas.md).
export { redactSecrets, redactValue, createRedactingLogger, isSecretKeyName, REDACTED } from "./redact-secrets.js";
export { DEFAULT_ANSWER_TOKENS, THINKING_BUDGET_TOKENS, MINIMUM_THINKING_BUDGET } from "./output-token-budget.js";
