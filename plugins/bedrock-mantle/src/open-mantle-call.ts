import type { ChatRequest, ModelDefinition, StreamContext, StreamEvent } from "@bedrock-kit/plugin-host";
import { attemptMantleCall, type MantleAttempt, type MantleCallDependencies, type MantleCallState } from "./attempt-mantle-call.js";
import type { MantleConfig } from "./mantle-config-schema.js";

export type { MantleCallDependencies, MantleCallState } from "./attempt-mantle-call.js";

/** A call whose first event has arrived. */
export interface OpenedMantleCall {
  /** The adapter's iterator, positioned after `first`. */
  iterator: AsyncIterator<StreamEvent>;
  /** The first event (or done). */
  first: IteratorResult<StreamEvent>;
  /** How the call went so far. */
  state: MantleCallState;
}

/** A call's adapter iterator and its first event. */
export type FirstEvent = Omit<OpenedMantleCall, "state">;

/** One streaming attempt: retryable until its first event, after which the caller may have shown output. */
export const openStream: MantleAttempt<FirstEvent> = async (adapter, input) => {
  const iterator = adapter.stream(input)[Symbol.asyncIterator]();
  return { iterator, first: await iterator.next() };
};

/**
 * Open one streaming call and wait for its first event, with the fallback, auth refresh and
 * transient retries of {@link attemptMantleCall}. Nothing is retried after the first event, so
 * output is never repeated.
 */
export async function openMantleCall(
  model: ModelDefinition,
  request: ChatRequest,
  context: StreamContext<MantleConfig>,
  dependencies: MantleCallDependencies,
): Promise<OpenedMantleCall> {
  const { result, state } = await attemptMantleCall(model, request, context, dependencies, openStream);
  return { iterator: result.iterator, first: result.first, state };
}
