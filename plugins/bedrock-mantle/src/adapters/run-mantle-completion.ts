import { collectCompletion, type CompletionResult, type StreamEvent } from "@bedrock-kit/plugin-host";
import { abortedError, connectionLostError, streamCorruptError } from "./adapter-errors.js";
import { completeTerminalEvent, readRequestId, type CallObservation } from "./call-metadata.js";
import type { MantleCallInput, MantleSendRequest } from "./mantle-wire-adapter.js";
import { checkContentType, classifiedHttpFailure, isSuccessStatus } from "./read-response-failure.js";
import type { MappedResponse } from "./wire-event-mapper.js";

/** What differs between the three APIs' non-streaming calls. */
export interface CompletionCallPlan {
  /** Build the request with `stream: false` (pure; may throw a classified error). */
  buildRequest(): MantleSendRequest;
  /** The parsed body → the events a stream would have given (the same mapping as streaming). */
  mapResponse(body: unknown): MappedResponse;
}

async function* replay(events: readonly StreamEvent[]): AsyncGenerator<StreamEvent, void, undefined> {
  yield* events;
}

/** One non-streaming call, answered through the same mapping as a stream and collected. */
export async function runMantleCompletion(input: MantleCallInput, plan: CompletionCallPlan): Promise<CompletionResult> {
  const { signal, clock } = input;
  const observation: CallObservation = { startedAt: clock.now() };
  if (signal?.aborted) throw abortedError();
  const response = await input.send(plan.buildRequest());
  const cancelOnAbort = () => response.cancel();
  signal?.addEventListener("abort", cancelOnAbort, { once: true });
  try {
    if (!isSuccessStatus(response.status)) throw await classifiedHttpFailure(input, response);
    checkContentType(response, "json", input);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw signal?.aborted ? abortedError() : connectionLostError(error);
    }
    if (signal?.aborted) throw abortedError();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch (error) {
      throw streamCorruptError(`The response body is not valid JSON (${text.length} characters).`, error);
    }
    const requestId = readRequestId(response.headers);
    if (requestId !== undefined) observation.requestId = requestId;
    const mapped = plan.mapResponse(body);
    if (mapped.responseId !== undefined) observation.responseId = mapped.responseId;
    for (const event of mapped.events) completeTerminalEvent(event, input, observation);
    return await collectCompletion(replay(mapped.events));
  } finally {
    signal?.removeEventListener("abort", cancelOnAbort);
    response.cancel();
  }
}
