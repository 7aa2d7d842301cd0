import type { ChatRequest, CompletionResult, ModelDefinition, StreamContext } from "@bedrock-kit/plugin-host";
import { attemptMantleCall, type MantleAttempt, type MantleCallDependencies } from "./attempt-mantle-call.js";
import { finishWithMetadata, mantleCallMetadata, rememberResponseRegion } from "./mantle-call-outcome.js";
import type { MantleConfig } from "./mantle-config-schema.js";
import { routeToStoringRegion } from "./mantle-response-regions.js";

// A non-streaming call shows nothing until it has answered, so every failure is retryable by the loop.
const completeOnce: MantleAttempt<CompletionResult> = (adapter, input) => adapter.complete(input);

/**
 * The provider's `complete()`: one non-streaming call (`stream: false`) through the adapter of the
 * model's API, with the same continuation routing, surface fallback, auth refresh and transient
 * retries as `stream()`, and the same metadata and cost on its `finish`. A failure rejects with the
 * classified error.
 */
export async function completeMantle(
  model: ModelDefinition,
  request: ChatRequest,
  context: StreamContext<MantleConfig>,
  dependencies: MantleCallDependencies | (() => Promise<MantleCallDependencies>),
): Promise<CompletionResult> {
  const startedAt = context.clock.now();
  const resolved = typeof dependencies === "function" ? await dependencies() : dependencies;
  const responseRegions = resolved.responseRegions;
  // A continuation goes to the region that stored the previous response (docs/adr/1002).
  const routed = responseRegions === undefined ? model : routeToStoringRegion(model, request, context.config, context.env, responseRegions);
  const { result, state } = await attemptMantleCall(routed, request, context, resolved, completeOnce);
  const adapterFinish = result.finish;
  const metadata = mantleCallMetadata(state, startedAt, context.clock.now(), undefined, adapterFinish.metadata);
  const finish = finishWithMetadata(adapterFinish, model, metadata);
  rememberResponseRegion(finish, state, responseRegions);
  return { ...result, finish };
}
