/**
 * What a plugin's lazy entry needs before its implementation has loaded
 * (docs/adr/0910-lazy-plugin-entry.md), at a subpath of its own so that importing it loads two
 * small modules, not the contract's whole index: the plugin entries stay cheap to import.
 * `classifyError` is synchronous, so these cover the window before the implementation has loaded:
 * every failure a caller can see comes from a method that loaded it first, so in practice only a
 * failed load itself reaches them.
 */
import { BedrockKitError } from "./errors.js";

/** A failure classified without the provider's own classifier: classified errors keep their code, the rest is `unavailable`. */
export function classifyBeforeLoad(error: unknown, providerId: string): BedrockKitError {
  if (BedrockKitError.isInstance(error)) return error.provider === undefined ? error.with({ provider: providerId }) : error;
  const name = (error as { name?: unknown } | undefined)?.name;
  if (name === "AbortError") {
    return new BedrockKitError({ code: "aborted", message: "The call was cancelled.", hint: "Nothing to do: the caller's AbortSignal fired.", provider: providerId, cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new BedrockKitError({
    code: "unavailable",
    message: `Provider ${providerId} failed: ${message}`,
    hint: "Retry the call; if it persists, run `bedrock-kit doctor` and report the error.",
    provider: providerId,
    cause: error,
  });
}

/** The error for an implementation module that did not load (a broken or partial install): retrying will not help. */
export function implementationLoadError(error: unknown, providerId: string, packageName: string): BedrockKitError {
  const message = error instanceof Error ? error.message : String(error);
  return new BedrockKitError({
    code: "unavailable",
    message: `Provider ${providerId} could not load its implementation: ${message}`,
    hint: `Reinstall ${packageName} (a module of the package is missing or broken), then run \`bedrock-kit doctor\`.`,
    retryable: false,
    provider: providerId,
    cause: error,
  });
}

/**
 * A stream whose source is only known after an asynchronous step (loading the provider's
 * implementation on the first call, docs/adr/0910-lazy-plugin-entry.md).
 *
 * Nothing runs until the first `next()`: a failure of `open` rejects that call, i.e. before the
 * first event, as the contract asks. After it, `next`, `return` and `throw` go straight to the real
 * iterator: `next` is a plain function returning the real iterator's promise, so an event costs no
 * extra promise or generator hop (a `for await` loop caches `next` once, so this matters).
 * Closing before the source opened leaves it unopened: the real stream never started, so it holds
 * nothing to release.
 */
export function deferStream<Event>(open: () => Promise<AsyncIterable<Event>>): AsyncIterable<Event> {
  return {
    [Symbol.asyncIterator](): AsyncIterator<Event> {
      let source: AsyncIterator<Event> | undefined;
      let opening: Promise<AsyncIterator<Event>> | undefined;
      let closed = false;
      const openSource = (): Promise<AsyncIterator<Event>> =>
        (opening ??= open().then((iterable) => (source = iterable[Symbol.asyncIterator]())));
      return {
        next(): Promise<IteratorResult<Event>> {
          if (closed) return Promise.resolve({ done: true, value: undefined });
          if (source !== undefined) return source.next();
          return openSource().then((opened) => (closed ? { done: true, value: undefined } : opened.next()));
        },
        async return(value?: unknown): Promise<IteratorResult<Event>> {
          closed = true;
          if (source?.return !== undefined) return source.return(value);
          return { done: true, value: undefined };
        },
        async throw(error?: unknown): Promise<IteratorResult<Event>> {
          closed = true;
          if (source?.throw !== undefined) return source.throw(error);
          throw error;
        },
      };
    },
  };
}

/** A provider implementation loaded on first use: see {@link createImplementationLoader}. */
export interface ImplementationLoader<Implementation> {
  /** The implementation, loading it on the first call (concurrent callers share one load). */
  load(): Promise<Implementation>;
  /** The implementation once loaded, for the synchronous paths (`stream` after the first call, `classifyError`). */
  readonly loaded: Implementation | undefined;
}

/**
 * Load a provider's implementation once per provider instance (a closure: no module-global state).
 * A failed load is forgotten, so a later call tries again (the install may have been repaired), and
 * rejects with {@link implementationLoadError}.
 */
export function createImplementationLoader<Implementation>(
  loadImplementation: () => Promise<Implementation>,
  providerId: string,
  packageName: string,
): ImplementationLoader<Implementation> {
  let loaded: Implementation | undefined;
  let loading: Promise<Implementation> | undefined;
  return {
    load(): Promise<Implementation> {
      if (loaded !== undefined) return Promise.resolve(loaded);
      loading ??= loadImplementation().then(
        (implementation) => (loaded = implementation),
        (error: unknown) => {
          loading = undefined;
          throw implementationLoadError(error, providerId, packageName);
        },
      );
      return loading;
    },
    get loaded() {
      return loaded;
    },
  };
}
