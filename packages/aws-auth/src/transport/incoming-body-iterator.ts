import type { IncomingMessage } from "node:http";
import type { IdleWatch } from "./request-deadlines.js";
import { failureError, networkError, type TransportFailure } from "./transport-errors.js";

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

/** Unread bytes the iterator holds before it pauses the message (Node's own read buffer is 16 KiB). */
export const QUEUED_BYTES_BEFORE_PAUSE = 64 * 1024;

/** Marks a body that closed without its end (the socket went away, or `cancel()` destroyed it). */
const PREMATURE_CLOSE: unique symbol = Symbol("premature close");

function prematureClose(): Error {
  return new Error("closed before the body was complete");
}

/** What the iterator needs from the request that produced the body. */
export interface IncomingBodyOptions {
  /** The request URL, for error messages (redacted by the error helpers). */
  url: URL;
  /** The transport's own failure (timeout, abort, size limit) that destroyed the request, if any. */
  recordedFailure: () => TransportFailure | undefined;
  /** Called once when the body is finished with (ended, failed or returned): detach the abort listener. */
  onSettled: () => void;
  /**
   * The idle timeout, if any: touched when a chunk arrives and when the consumer resumes a paused
   * message (nothing can arrive while it is paused), stopped when the upstream is done.
   */
  idle?: IdleWatch | undefined;
}

/**
 * A response body as an async iterator, read straight from the `IncomingMessage` events. It
 * replaces an async generator over `Readable`'s own async iterator: that pair cost two promise
 * layers, an end-of-stream watcher and a `read()` that concatenates buffered chunks, per call and
 * per chunk; this one costs one promise per chunk the consumer waits for, none for a chunk already
 * queued. Backpressure: once {@link QUEUED_BYTES_BEFORE_PAUSE} wait unread, the message is paused,
 * and resumed when the consumer has read them all. Pausing at the first queued chunk instead cost a
 * pause and a resume (a tick) per call, since the first chunk usually arrives before anyone asks.
 *
 * Semantics (pinned by the transport tests): chunks in order; a connection failure rejects with
 * the transport's recorded failure (timeout, abort) or `unavailable`; a body that closes before its
 * end rejects; `return()` (or the end) releases the connection: a complete body is drained for
 * reuse, an incomplete one destroyed.
 */
export class IncomingBodyIterator implements AsyncIterableIterator<Uint8Array> {
  private readonly queue: Buffer[] = [];
  private head = 0;
  private queuedBytes = 0;
  private paused = false;
  private ended = false;
  private failed: unknown = undefined;
  private settled = false;
  private waiter: { resolve: (result: IteratorResult<Uint8Array>) => void; reject: (error: unknown) => void } | undefined;
  private pending: Promise<IteratorResult<Uint8Array>> | undefined;

  constructor(
    private readonly incoming: IncomingMessage,
    private readonly options: IncomingBodyOptions,
  ) {
    // Listen at once, inside the response event: the first chunk usually arrives in the same read
    // as the headers, and is then queued by the time the consumer asks (no resume round trip).
    this.listen();
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  next(): Promise<IteratorResult<Uint8Array>> {
    if (this.head < this.queue.length) return Promise.resolve(this.take());
    if (this.settled) return Promise.resolve(DONE);
    if (this.pending !== undefined) {
      // A second read before the first settled: serve it after that one, in order.
      const again = () => this.next();
      return this.pending.then(again, again);
    }
    if (this.ended || this.failed !== undefined) return this.finish();
    if (this.paused) {
      // Time spent paused was the consumer's, not upstream silence.
      this.paused = false;
      this.options.idle?.touch();
      this.incoming.resume();
    }
    const pending = new Promise<IteratorResult<Uint8Array>>((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
    this.pending = pending;
    return pending;
  }

  return(): Promise<IteratorResult<Uint8Array>> {
    this.settle();
    return Promise.resolve(DONE);
  }

  private take(): IteratorResult<Uint8Array> {
    const value = this.queue[this.head]!;
    this.queue[this.head++] = undefined as unknown as Buffer;
    this.queuedBytes -= value.byteLength;
    if (this.head === this.queue.length) {
      this.queue.length = 0;
      this.head = 0;
    }
    return { value, done: false };
  }

  private listen(): void {
    const incoming = this.incoming;
    const idle = this.options.idle;
    incoming.on("data", (chunk: Buffer) => {
      if (this.settled) return;
      idle?.touch();
      const waiter = this.waiter;
      if (waiter !== undefined) {
        this.waiter = undefined;
        this.pending = undefined;
        waiter.resolve({ value: chunk, done: false });
        return;
      }
      this.queue.push(chunk);
      this.queuedBytes += chunk.byteLength;
      if (this.queuedBytes >= QUEUED_BYTES_BEFORE_PAUSE && !this.paused) {
        this.paused = true;
        incoming.pause();
      }
    });
    incoming.on("end", () => {
      this.ended = true;
      idle?.stop();
      this.wake();
    });
    incoming.on("error", (error: unknown) => {
      this.failed ??= error;
      idle?.stop();
      this.wake();
    });
    incoming.on("close", () => {
      if (!this.ended) this.failed ??= PREMATURE_CLOSE;
      idle?.stop();
      this.wake();
    });
  }

  /** The body ended or failed: settle a waiting read (queued chunks were delivered before). */
  private wake(): void {
    const waiter = this.waiter;
    if (waiter === undefined || this.head < this.queue.length) return;
    this.waiter = undefined;
    this.pending = undefined;
    this.finish().then(waiter.resolve, waiter.reject);
  }

  private finish(): Promise<IteratorResult<Uint8Array>> {
    this.settle();
    const { url, recordedFailure } = this.options;
    const failure = recordedFailure();
    if (this.failed !== undefined) {
      if (failure) return Promise.reject(failureError(failure, url));
      return Promise.reject(networkError(this.failed === PREMATURE_CLOSE ? prematureClose() : this.failed, url, "body"));
    }
    if (failure) return Promise.reject(failureError(failure, url));
    if (!this.incoming.complete) return Promise.reject(networkError(prematureClose(), url, "body"));
    return Promise.resolve(DONE);
  }

  /** Release the connection once: drain a complete body for reuse, destroy an incomplete one. */
  private settle(): void {
    if (this.settled) return;
    this.settled = true;
    this.queue.length = 0;
    this.head = 0;
    this.queuedBytes = 0;
    this.options.onSettled();
    if (this.incoming.complete) this.incoming.resume();
    else this.incoming.destroy();
  }
}
