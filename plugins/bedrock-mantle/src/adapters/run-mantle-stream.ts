import { BedrockKitError, type StreamEvent, type TransportResponse } from "@bedrock-kit/plugin-host";
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

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/**
 * One streaming call: send, then decode the body as it arrives. Everything up to and including the
 * first body chunk happens in the first `next()`, so every failure before the first byte rejects it
 * (a caller may retry or fall back without having shown anything); after it, a failure is one
 * `error` event and the end. After the terminal event the rest of the body is read and dropped
 * (as the official SDKs do), so the connection can be reused; `return()` cancels the body.
 */
export function runMantleStream(input: MantleCallInput, plan: StreamCallPlan): AsyncIterableIterator<StreamEvent> {
  return new MantleStreamRun(input, plan);
}

/**
 * A hand-written iterator rather than an async generator (docs/adr/0920): the events decoded from
 * one chunk are served from the decoder's array with one resolved promise each (a generator's
 * `yield` costs an await and a resume on top), and `return()` cancels the body at once, even while a
 * read is pending (a generator queues it behind the read). It behaves as the generator did: nothing
 * runs until the first `next()`, calls made without waiting are served in order.
 */
class MantleStreamRun implements AsyncIterableIterator<StreamEvent> {
  /** `ending`: our own terminal event (abort, lost connection) was served; the next step closes. */
  private state: "new" | "streaming" | "ending" | "done" = "new";
  private returned = false;
  private cancelled = false;
  private readonly observation: CallObservation = { startedAt: 0 };
  private response: TransportResponse | undefined;
  private body: AsyncIterator<Uint8Array> | undefined;
  private decoder: MantleStreamDecoder | undefined;
  /** The decoder's event array and the next one to serve from it. */
  private events: StreamEvent[] = [];
  private position = 0;
  /** A chunk read and not yet fed to the decoder (the first one waits behind `start`). */
  private chunk: IteratorResult<Uint8Array> | undefined;
  private bodyEnded = false;
  private finished = false;
  private inFlight: Promise<IteratorResult<StreamEvent>> | undefined;
  private readonly onAbort = () => this.response?.cancel();

  constructor(
    private readonly input: MantleCallInput,
    private readonly plan: StreamCallPlan,
  ) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<StreamEvent>> {
    if (this.position < this.events.length) return Promise.resolve(this.serve());
    if (this.inFlight !== undefined) {
      // A caller that does not wait for the previous `next()`: serve it in order, after that one.
      const again = () => this.next();
      return this.inFlight.then(again, again);
    }
    if (this.state === "done") return Promise.resolve(DONE);
    const step = this.state === "new" ? this.open() : this.advance();
    this.inFlight = step;
    const settle = () => {
      if (this.inFlight === step) this.inFlight = undefined;
    };
    step.then(settle, settle);
    return step;
  }

  return(): Promise<IteratorResult<StreamEvent>> {
    this.returned = true;
    this.state = "done";
    this.events.length = 0;
    this.position = 0;
    this.close();
    return Promise.resolve(DONE);
  }

  /** Everything up to the first body byte, then `start`; any failure here rejects the first `next()`. */
  private async open(): Promise<IteratorResult<StreamEvent>> {
    const { input } = this;
    this.state = "streaming";
    this.observation.startedAt = input.clock.now();
    try {
      if (input.signal?.aborted) throw abortedError();
      const response = await input.send(this.plan.buildRequest());
      this.response = response;
      if (this.returned) return this.end();
      input.signal?.addEventListener("abort", this.onAbort, { once: true });
      if (!isSuccessStatus(response.status)) throw await classifiedHttpFailure(input, response);
      checkContentType(response, "text/event-stream", input);
      this.body = response.body[Symbol.asyncIterator]();
      let first: IteratorResult<Uint8Array>;
      try {
        first = await this.body.next();
      } catch (error) {
        throw input.signal?.aborted ? abortedError() : connectionLostError(error);
      }
      if (this.returned) return this.end();
      if (input.signal?.aborted) throw abortedError();
      if (first.done) throw emptyBodyError(input, response.status);
      const requestId = readRequestId(response.headers);
      if (requestId !== undefined) this.observation.requestId = requestId;
      this.decoder = this.plan.createDecoder();
      this.events = this.decoder.events;
      this.chunk = first;
    } catch (error) {
      this.end();
      // A consumer that already left does not want to hear how the cancelled open ended.
      if (this.returned) return DONE;
      throw error;
    }
    return { value: { type: "start", model: input.model.wireId, api: input.model.api }, done: false };
  }

  /** Feed chunks until the decoder has events to serve, the stream ends, or the body fails. */
  private async advance(): Promise<IteratorResult<StreamEvent>> {
    if (this.state === "ending") return this.end();
    const decoder = this.decoder!;
    const events = this.events;
    const signal = this.input.signal;
    events.length = 0;
    this.position = 0;
    let reading = false;
    try {
      for (;;) {
        const chunk = this.chunk;
        if (chunk !== undefined) {
          this.chunk = undefined;
          if (chunk.done) decoder.end();
          else decoder.feed(chunk.value);
          if (events.length > 0) return this.serve();
          // Every mapper ends an unfinished stream with an error; this only guards against a loop.
          if (chunk.done && !decoder.terminated) return this.failWith(streamCorruptError("The response ended without its terminal event."));
        }
        if (decoder.terminated) return await this.finishBody();
        reading = true;
        const next = await this.body!.next();
        reading = false;
        if (this.returned) return DONE;
        if (signal?.aborted) return this.failWith(abortedError());
        if (next.done) this.bodyEnded = true;
        this.chunk = next;
      }
    } catch (error) {
      if (this.returned) return DONE;
      // Events decoded before a throw in the same chunk are dropped with it.
      events.length = 0;
      if (decoder.terminated) return this.end();
      return this.failWith(
        signal?.aborted ? abortedError() : reading ? connectionLostError(error) : streamCorruptError("The response could not be decoded.", error),
      );
    }
  }

  /** The next decoded event, observed on its way out (first-token time; the terminal event completed). */
  private serve(): IteratorResult<StreamEvent> {
    const event = this.events[this.position++]!;
    const observation = this.observation;
    if (observation.firstTokenAt === undefined && (event.type === "text-delta" || event.type === "reasoning-delta")) {
      observation.firstTokenAt = this.input.clock.now();
    } else if (event.type === "finish" || event.type === "error") {
      this.finished = event.type === "finish";
      const responseId = this.decoder!.responseId;
      if (responseId !== undefined) observation.responseId = responseId;
      completeTerminalEvent(event, this.input, observation);
    }
    return { value: event, done: false };
  }

  /** Our own terminal error (abort, lost connection, undecodable body); the step after it closes. */
  private failWith(error: BedrockKitError): IteratorResult<StreamEvent> {
    this.state = "ending";
    return { value: completeTerminalEvent({ type: "error", error }, this.input, this.observation), done: false };
  }

  /** After a finish: read the rest of the body (normally just its end) so the connection can be reused. */
  private async finishBody(): Promise<IteratorResult<StreamEvent>> {
    if (this.finished && !this.bodyEnded) {
      try {
        while (!this.returned && !(await this.body!.next()).done) {
          // Bytes after the terminal event carry nothing.
        }
      } catch {
        // The answer is complete; a connection failing afterwards changes nothing for the caller.
      }
    }
    return this.end();
  }

  private end(): IteratorReturnResult<undefined> {
    this.state = "done";
    this.close();
    return DONE;
  }

  /** Detach from the signal and release the response; a response that arrives later is released by `open`. */
  private close(): void {
    this.input.signal?.removeEventListener("abort", this.onAbort);
    const response = this.response;
    if (response === undefined || this.cancelled) return;
    this.cancelled = true;
    response.cancel();
  }
}
