import { BedrockKitError, type StreamEvent } from "@bedrock-kit/plugin-host";
import { abortedError, connectionLostError, MANTLE_PROVIDER_ID, streamCorruptError } from "./adapter-errors.js";
import { completeTerminalEvent, readRequestId, type CallObservation } from "./call-metadata.js";
import type { MantleCallInput, MantleSendRequest } from "./mantle-wire-adapter.js";
import { checkContentType, classifiedHttpFailure, isSuccessStatus } from "./read-response-failure.js";
import type { MantleStreamDecoder } from "./mantle-stream-decoder.js";

/** What differs between the three APIs' streaming calls. */
export interface StreamCallPlan {
  /** Build the request (pure; may throw a classified error, which rejects the first `next()`). */
  buildRequest(): MantleSendRequest;
  /** The call's decoder (created once). */
  createDecoder(): MantleStreamDecoder;
}

function emptyBodyError(input: MantleCallInput, status: number): BedrockKitError {
  return new BedrockKitError({
    code: "unavailable",
    message: `${input.model.baseUrl} answered HTTP ${status} with an empty body.`,
    hint: "Retry the call; if it persists, check proxies between this host and Mantle.",
    status,
    provider: MANTLE_PROVIDER_ID,
  });
}

/**
 * One streaming call: send, then decode the body as it arrives. Everything up to and including the
 * first body chunk happens in the first `next()`, so every failure before the first byte rejects it
 * (a caller may retry or fall back without having shown anything); after it, a failure is one
 * `error` event and the end. After the terminal event the rest of the body is read and dropped
 * (as the official SDKs do), so the connection can be reused; `return()` cancels the body.
 */
export async function* runMantleStream(input: MantleCallInput, plan: StreamCallPlan): AsyncGenerator<StreamEvent, void, undefined> {
  const { model, signal, clock } = input;
  const observation: CallObservation = { startedAt: clock.now() };
  if (signal?.aborted) throw abortedError();
  const response = await input.send(plan.buildRequest());
  const cancelOnAbort = () => response.cancel();
  signal?.addEventListener("abort", cancelOnAbort, { once: true });
  try {
    if (!isSuccessStatus(response.status)) throw await classifiedHttpFailure(input, response);
    checkContentType(response, "text/event-stream", input);
    const body = response.body[Symbol.asyncIterator]();
    let chunk: IteratorResult<Uint8Array>;
    try {
      chunk = await body.next();
    } catch (error) {
      throw signal?.aborted ? abortedError() : connectionLostError(error);
    }
    if (signal?.aborted) throw abortedError();
    if (chunk.done) throw emptyBodyError(input, response.status);

    const requestId = readRequestId(response.headers);
    if (requestId !== undefined) observation.requestId = requestId;
    const decoder = plan.createDecoder();
    const events = decoder.events;
    yield { type: "start", model: model.wireId, api: model.api };

    let bodyEnded = false;
    let finished = false;
    let reading = false;
    try {
      for (;;) {
        if (bodyEnded) decoder.end();
        else decoder.feed(chunk.value);
        for (let position = 0; position < events.length; position++) {
          const event = events[position] as StreamEvent;
          if (observation.firstTokenAt === undefined && (event.type === "text-delta" || event.type === "reasoning-delta")) {
            observation.firstTokenAt = clock.now();
          } else if (event.type === "finish" || event.type === "error") {
            finished = event.type === "finish";
            const responseId = decoder.responseId;
            if (responseId !== undefined) observation.responseId = responseId;
            completeTerminalEvent(event, input, observation);
          }
          yield event;
        }
        events.length = 0;
        if (decoder.terminated) break;
        reading = true;
        chunk = await body.next();
        reading = false;
        if (signal?.aborted) {
          yield completeTerminalEvent({ type: "error", error: abortedError() }, input, observation);
          return;
        }
        if (chunk.done) bodyEnded = true;
      }
    } catch (error) {
      if (!decoder.terminated) {
        const failure = signal?.aborted ? abortedError() : reading ? connectionLostError(error) : streamCorruptError("The response could not be decoded.", error);
        yield completeTerminalEvent({ type: "error", error: failure }, input, observation);
      }
      return;
    }
    if (bodyEnded || !finished) return;
    try {
      while (!(await body.next()).done) {
        // Bytes after the terminal event carry nothing; reading them lets the connection be reused.
      }
    } catch {
      // The answer is complete; a connection failing afterwards changes nothing for the caller.
    }
  } finally {
    signal?.removeEventListener("abort", cancelOnAbort);
    response.cancel();
  }
}
