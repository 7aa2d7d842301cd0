import { BedrockKitError, type StreamEvent, type TransportResponse } from "@bedrock-kit/plugin-host";
import { readConverseCompat } from "../converse-model-compat.js";
import { prepareConverseRequest } from "./build-converse-request-body.js";
import { ConverseCallTracker, abortedError, toBedrockKitError } from "./converse-call-tracker.js";
import { ConverseEventMapper } from "./converse-event-mapper.js";
import { classifyHttpFailure, converseSendRequest, isSuccessStatus } from "./converse-http.js";
import type { ConverseCallInput } from "./converse-wire.js";
import { dispatchConverseMessage } from "./dispatch-converse-message.js";
import { EventStreamDecoder } from "./event-stream-decoder.js";
import { replayConverse } from "./replay-converse.js";

/**
 * Stream one call over ConverseStream: `start`, deltas, then exactly one `finish` or `error`.
 *
 * Until the first body byte, every failure (a request Bedrock would reject, a non-OK status
 * classified by `input.classifyHttpError`, a connection failure) rejects the iterator's first
 * `next()`, so the caller may retry without repeating output. After it, a failure is one `error`
 * event. Models with `compat.toolsRequireNonStreaming` are called on `/converse` when the request
 * carries a tool configuration, and the answer is replayed as the same events. Honours
 * `input.signal`; `return()` cancels the body at once, even while a read is pending.
 */
export function streamConverse(input: ConverseCallInput): AsyncIterable<StreamEvent> {
  return { [Symbol.asyncIterator]: () => new ConverseStreamIterator(input) };
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/** Bytes read and ignored after the terminal event before the body is cancelled instead. */
const DRAIN_LIMIT_BYTES = 64 * 1024;

/**
 * A hand-written iterator rather than an async generator: events decoded from one chunk are
 * served from a queue with one resolved promise each (a generator costs about twice that per
 * `yield`), and `return()` can cancel the body while a read is pending (a generator queues it
 * behind the read).
 */
class ConverseStreamIterator implements AsyncIterableIterator<StreamEvent> {
  private readonly queue: StreamEvent[] = [];
  private head = 0;
  private state: "new" | "open" | "closed" = "new";
  private returned = false;
  private inFlight: Promise<unknown> | undefined;
  private response: TransportResponse | undefined;
  private body: AsyncIterator<Uint8Array> | undefined;
  private mapper: ConverseEventMapper | undefined;
  private decoder: EventStreamDecoder | undefined;
  private tracker: ConverseCallTracker | undefined;
  /** Set for models whose answer is fetched whole and replayed. */
  private replay: AsyncIterator<StreamEvent> | undefined;
  private bodyEnded = false;
  private readonly onAbort = () => this.response?.cancel();

  constructor(private readonly input: ConverseCallInput) {}

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<StreamEvent>> {
    if (this.head < this.queue.length) return Promise.resolve({ value: this.queue[this.head++]!, done: false });
    if (this.inFlight !== undefined) {
      // A caller that does not wait for the previous `next()`: serve it in order, after that one.
      const retry = () => this.next();
      return this.inFlight.then(retry, retry);
    }
    if (this.replay !== undefined) return this.replay.next();
    const pulling = this.pull();
    this.inFlight = pulling;
    const settle = () => {
      if (this.inFlight === pulling) this.inFlight = undefined;
    };
    pulling.then(settle, settle);
    return pulling;
  }

  return(): Promise<IteratorResult<StreamEvent>> {
    this.returned = true;
    this.close();
    this.drop();
    if (this.replay !== undefined) return this.replay.return?.() ?? Promise.resolve(DONE);
    return Promise.resolve(DONE);
  }

  /** Forget queued events (the consumer left; a read it interrupted may still have queued some). */
  private drop(): IteratorReturnResult<undefined> {
    this.queue.length = 0;
    this.head = 0;
    return DONE;
  }

  private async pull(): Promise<IteratorResult<StreamEvent>> {
    if (this.state === "new") {
      try {
        await this.open();
      } catch (error) {
        this.close();
        // A consumer that already left does not want to hear how the cancelled open ended.
        if (this.returned) return this.drop();
        throw error;
      }
      if (this.replay !== undefined) return this.replay.next();
      if (this.returned) return this.drop();
    } else {
      this.queue.length = 0;
      this.head = 0;
      while (this.queue.length === 0) {
        if (this.state === "closed") return DONE;
        if (this.mapper!.terminated) {
          await this.drain();
          this.close();
          return DONE;
        }
        await this.read();
        if (this.returned) return this.drop();
      }
    }
    return { value: this.queue[this.head++]!, done: false };
  }

  /** Everything up to the first body byte; any failure here rejects the first `next()`. */
  private async open(): Promise<void> {
    const { input } = this;
    this.state = "open";
    const startedAt = input.clock.now();
    const prepared = prepareConverseRequest(input.model, input.request);
    if (readConverseCompat(input.model.compat).toolsRequireNonStreaming === true && prepared.body.toolConfig !== undefined) {
      // Such models (Llama 4) refuse tool use on ConverseStream: "doesn't support tool use in streaming mode".
      this.replay = replayConverse(input, prepared, startedAt);
      return;
    }
    if (input.signal?.aborted) throw abortedError();
    const response = await input.send(converseSendRequest(input.model.wireId, "converse-stream", prepared.body));
    this.response = response;
    if (this.returned) {
      response.cancel();
      return;
    }
    if (input.signal?.aborted) throw abortedError();
    if (!isSuccessStatus(response.status)) throw await classifyHttpFailure(response, input);
    const tracker = new ConverseCallTracker(input.model, input.clock, startedAt, response.headers["x-amzn-requestid"]);
    const contentType = response.headers["content-type"];
    if (contentType !== undefined && !contentType.toLowerCase().startsWith(EVENT_STREAM_CONTENT_TYPE)) {
      throw tracker.stampError(notAnEventStreamError(contentType));
    }
    input.signal?.addEventListener("abort", this.onAbort, { once: true });
    this.tracker = tracker;
    this.body = response.body[Symbol.asyncIterator]();
    let first: IteratorResult<Uint8Array>;
    try {
      first = await this.body.next();
    } catch (error) {
      throw tracker.stampError(input.signal?.aborted ? abortedError() : toBedrockKitError(error));
    }
    if (input.signal?.aborted) throw tracker.stampError(abortedError());
    if (first.done) throw tracker.stampError(emptyBodyError());

    // From the first body byte on, failures are events.
    const mapper = new ConverseEventMapper({ structuredOutputToolName: prepared.structuredOutputToolName, cost: input.model.cost });
    const queue = this.queue;
    this.mapper = mapper;
    this.decoder = new EventStreamDecoder((message) => dispatchConverseMessage(message, mapper, queue));
    queue.push({ type: "start", model: input.model.wireId, api: "bedrock-converse-stream" });
    this.consume(first);
  }

  /** Read the next chunk into the queue (possibly adding nothing: a chunk may hold no whole frame). */
  private async read(): Promise<void> {
    let next: IteratorResult<Uint8Array>;
    try {
      next = await this.body!.next();
    } catch (error) {
      this.mapper!.fail(this.input.signal?.aborted ? abortedError() : toBedrockKitError(error), this.queue);
      this.settleQueue();
      return;
    }
    if (this.input.signal?.aborted) {
      this.mapper!.fail(abortedError(), this.queue);
      this.settleQueue();
      return;
    }
    this.consume(next);
  }

  private consume(next: IteratorResult<Uint8Array>): void {
    if (next.done) this.bodyEnded = true;
    try {
      if (next.done) this.decoder!.end();
      else this.decoder!.push(next.value);
    } catch (error) {
      this.mapper!.fail(toBedrockKitError(error), this.queue);
    }
    if (next.done) this.mapper!.end(this.queue);
    this.settleQueue();
  }

  /** Stamp the queued events for tracing (the terminal one gets the call metadata). */
  private settleQueue(): void {
    const tracker = this.tracker!;
    for (let index = this.head; index < this.queue.length; index += 1) this.queue[index] = tracker.observe(this.queue[index]!);
  }

  /**
   * After the terminal event, read the rest of the body (normally nothing but its end) and ignore
   * it, as the AWS SDK does, so the keep-alive connection goes back to the pool instead of being
   * destroyed by a cancel. A consumer that stops at the terminal event cancels instead.
   */
  private async drain(): Promise<void> {
    let budget = DRAIN_LIMIT_BYTES;
    try {
      while (!this.bodyEnded && budget > 0 && !this.returned) {
        const next = await this.body!.next();
        if (next.done) this.bodyEnded = true;
        else budget -= next.value.byteLength;
      }
    } catch {
      // The answer is complete; how the rest of the connection ended changes nothing for it.
    }
  }

  private close(): void {
    if (this.state === "closed") return;
    this.state = "closed";
    this.input.signal?.removeEventListener("abort", this.onAbort);
    this.response?.cancel();
    this.body?.return?.().catch(() => {
      // The body is being dropped; a failure to close it changes nothing for the caller.
    });
  }
}

const EVENT_STREAM_CONTENT_TYPE = "application/vnd.amazon.eventstream";

function notAnEventStreamError(contentType: string): BedrockKitError {
  return new BedrockKitError({
    code: "unavailable",
    message: `ConverseStream answered with content-type ${contentType} instead of ${EVENT_STREAM_CONTENT_TYPE}.`,
    hint: "Something other than the Bedrock runtime answered (a proxy or captive portal?); check baseUrl and the network path.",
    retryable: false,
  });
}

function emptyBodyError(): BedrockKitError {
  return new BedrockKitError({
    code: "stream-corrupt",
    message: "ConverseStream answered with an empty body.",
    hint: "Retry the call; if it repeats, check that baseUrl points at the Bedrock runtime and no proxy rewrites the response.",
    retryable: true,
  });
}
