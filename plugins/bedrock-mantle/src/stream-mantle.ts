import {
  BedrockKitError,
  type CallMetadata,
  type ChatRequest,
  type ModelDefinition,
  type StreamContext,
  type StreamEvent,
} from "@bedrock-kit/plugin-host";
import { classifyMantleError } from "./classify-mantle-error.js";
import { errorWithMetadata, finishWithMetadata, mantleCallMetadata, rememberResponseRegion } from "./mantle-call-outcome.js";
import type { MantleConfig } from "./mantle-config-schema.js";
import { MANTLE_PROVIDER_ID } from "./mantle-provider-id.js";
import { openStream, type MantleCallDependencies, type MantleCallState } from "./open-mantle-call.js";
import { attemptMantleCall } from "./attempt-mantle-call.js";
import { routeToStoringRegion, type MantleResponseRegions } from "./mantle-response-regions.js";

/**
 * The provider's `stream()`: opens the call (fallback, auth refresh and transient retries happen
 * before the first event; a failure there rejects), then passes the adapter's events through. The
 * only per-event work is a type check (to time the first token and decorate the terminal event with
 * metadata and cost). A stream always ends with exactly one `finish` or `error`.
 *
 * A hand-written iterator rather than an async generator (docs/adr/0920): each event costs one
 * `then` on the adapter's promise instead of a generator resume and a yield, and nothing runs until
 * the first `next()`, as with a generator.
 */
export function streamMantle(
  model: ModelDefinition,
  request: ChatRequest,
  context: StreamContext<MantleConfig>,
  dependencies: MantleCallDependencies | (() => Promise<MantleCallDependencies>),
): AsyncIterable<StreamEvent> {
  return { [Symbol.asyncIterator]: () => new MantleStreamIterator(model, request, context, dependencies) };
}

const DONE: IteratorReturnResult<undefined> = Object.freeze({ value: undefined, done: true });

class MantleStreamIterator implements AsyncIterator<StreamEvent> {
  private phase: "new" | "open" | "done" = "new";
  private startedAt = 0;
  private iterator: AsyncIterator<StreamEvent> | undefined;
  private state: MantleCallState | undefined;
  private responseRegions: MantleResponseRegions | undefined;
  private timeToFirstTokenMs: number | undefined;
  /** The current `next()` or `return()`, so a call made before it settles waits its turn. */
  private pending: Promise<IteratorResult<StreamEvent>> | undefined;
  /** Releasing the adapter's iterator after the terminal event (or an early exit). */
  private released: Promise<unknown> | undefined;
  // Each clears `pending` itself: one event's `next()` then costs a single `then`, not a second
  // one (and a closure) to learn when it settled.
  private readonly onResult = (result: IteratorResult<StreamEvent>): IteratorResult<StreamEvent> => {
    this.pending = undefined;
    return this.deliver(result);
  };
  private readonly onFailure = (error: unknown): IteratorResult<StreamEvent> => {
    this.pending = undefined;
    // Adapters yield failures after the first byte as events; a throw here is a bug or a
    // transport failure they did not catch. Report it as the stream's one terminal event.
    const classified = classifyMantleError(error);
    return this.terminal(errorWithMetadata({ type: "error", error: classified }, this.metadata(), this.state!));
  };

  constructor(
    private readonly model: ModelDefinition,
    private readonly request: ChatRequest,
    private readonly context: StreamContext<MantleConfig>,
    private readonly dependencies: MantleCallDependencies | (() => Promise<MantleCallDependencies>),
  ) {}

  next(): Promise<IteratorResult<StreamEvent>> {
    if (this.pending !== undefined) {
      const again = () => this.next();
      return this.pending.then(again, again);
    }
    if (this.phase === "open") {
      const step = this.iterator!.next().then(this.onResult, this.onFailure);
      this.pending = step;
      return step;
    }
    if (this.phase === "new") return this.track(this.open());
    return this.release().then(() => DONE);
  }

  return(): Promise<IteratorResult<StreamEvent>> {
    if (this.pending !== undefined) {
      const again = () => this.return();
      return this.pending.then(again, again);
    }
    // Early exit by the consumer (or after the terminal event): release the connection.
    this.phase = "done";
    return this.release().then(() => DONE);
  }

  private track(step: Promise<IteratorResult<StreamEvent>>): Promise<IteratorResult<StreamEvent>> {
    this.pending = step;
    const settle = () => {
      if (this.pending === step) this.pending = undefined;
    };
    step.then(settle, settle);
    return step;
  }

  private async open(): Promise<IteratorResult<StreamEvent>> {
    const { model, request, context } = this;
    this.phase = "done";
    this.startedAt = context.clock.now();
    const dependencies = this.dependencies;
    const resolved = typeof dependencies === "function" ? await dependencies() : dependencies;
    const responseRegions = resolved.responseRegions;
    this.responseRegions = responseRegions;
    // A continuation goes to the region that stored the previous response (docs/adr/1002).
    const routed = responseRegions === undefined ? model : routeToStoringRegion(model, request, context.config, context.env, responseRegions);
    // The attempt loop directly (not `openMantleCall`): one async layer less before the first event.
    const { result, state } = await attemptMantleCall(routed, request, context, resolved, openStream);
    const { iterator, first } = result;
    this.iterator = iterator;
    this.state = state;
    this.phase = "open";
    return this.deliver(first);
  }

  private deliver(result: IteratorResult<StreamEvent>): IteratorResult<StreamEvent> {
    if (result.done) {
      const state = this.state!;
      const error = new BedrockKitError({
        code: "stream-corrupt",
        message: `The ${state.api} stream for ${state.wireId} ended without a finish or error event.`,
        hint: "The connection may have been cut by a proxy; retry the call.",
        provider: MANTLE_PROVIDER_ID,
        ...(state.requestId !== undefined && { requestId: state.requestId }),
      });
      return this.terminal(errorWithMetadata({ type: "error", error }, this.metadata(), state));
    }
    const event = result.value;
    switch (event.type) {
      case "text-delta":
      case "reasoning-delta":
        this.timeToFirstTokenMs ??= this.context.clock.now() - this.startedAt;
        return result;
      case "finish": {
        const finish = finishWithMetadata(event, this.model, this.metadata(event.metadata));
        rememberResponseRegion(finish, this.state!, this.responseRegions);
        return this.terminal(finish);
      }
      case "error":
        return this.terminal(errorWithMetadata(event, this.metadata(event.metadata), this.state!));
      default:
        return result;
    }
  }

  private terminal(event: StreamEvent): IteratorResult<StreamEvent> {
    this.phase = "done";
    return { value: event, done: false };
  }

  private metadata(fromAdapter?: CallMetadata): CallMetadata {
    return mantleCallMetadata(this.state!, this.startedAt, this.context.clock.now(), this.timeToFirstTokenMs, fromAdapter);
  }

  private release(): Promise<unknown> {
    this.released ??= this.iterator?.return?.().catch(() => undefined) ?? Promise.resolve();
    return this.released;
  }
}
