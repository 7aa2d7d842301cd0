import type { ChatRequest, ModelDefinition, Provider, StreamContext, StreamEvent } from "@bedrock-kit/plugin-host";
import { classifyProviderError } from "./classify-provider-error.js";
import { callLogFields, logCallOutcome } from "./log-call-outcome.js";

/**
 * Pass a provider's events through, holding it to the contract: a failure before the first event
 * rejects (classified), a failure after it becomes one terminal `error` event. Stopping early
 * closes the provider's stream. Every call that ends (finish, error event or rejection) leaves one
 * structured debug line on the context's (redacting) logger: the call metadata, usage and cost.
 */
export async function* streamFromProvider(
  provider: Provider,
  model: ModelDefinition,
  request: ChatRequest,
  context: StreamContext,
): AsyncGenerator<StreamEvent, void, undefined> {
  let iterator: AsyncIterator<StreamEvent>;
  try {
    iterator = provider.stream(model, request, context)[Symbol.asyncIterator]();
  } catch (error) {
    const classified = classifyProviderError(provider, error);
    logCallOutcome(context.logger, callLogFields(provider.id, { error: classified }));
    throw classified;
  }
  let started = false;
  let finished = false;
  try {
    while (true) {
      let step: IteratorResult<StreamEvent>;
      try {
        step = await iterator.next();
      } catch (error) {
        finished = true;
        const classified = classifyProviderError(provider, error);
        logCallOutcome(context.logger, callLogFields(provider.id, { error: classified }));
        if (!started) throw classified;
        yield { type: "error", error: classified };
        return;
      }
      if (step.done === true) {
        finished = true;
        return;
      }
      started = true;
      const event = step.value;
      if (event.type === "finish") logCallOutcome(context.logger, callLogFields(provider.id, event));
      else if (event.type === "error") logCallOutcome(context.logger, callLogFields(provider.id, event));
      yield event;
    }
  } finally {
    if (!finished) await iterator.return?.();
  }
}
