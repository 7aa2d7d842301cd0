import type { ChatRequest, ModelDefinition, Provider, StreamContext, StreamEvent } from "@bedrock-kit/plugin-host";
import { classifyProviderError } from "./classify-provider-error.js";

/**
 * Pass a provider's events through, holding it to the contract: a failure before the first event
 * rejects (classified), a failure after it becomes one terminal `error` event. Stopping early
 * closes the provider's stream.
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
    throw classifyProviderError(provider, error);
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
        if (!started) throw classified;
        yield { type: "error", error: classified };
        return;
      }
      if (step.done === true) {
        finished = true;
        return;
      }
      started = true;
      yield step.value;
    }
  } finally {
    if (!finished) await iterator.return?.();
  }
}
