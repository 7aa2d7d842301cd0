import type { Clock } from "@bedrock-kit/plugin-host";
import pMemoize from "p-memoize";

/** A cached value with the clock that decides when it goes stale. */
interface TimedEntry<Value> {
  value: Value;
  expiresAt: number;
  clock: Clock;
}

/** What one cached load needs. */
export interface DiscoveryLoad<Value> {
  /** Cache key: region, endpoint and credential identity (never a secret). */
  key: string;
  /** Time to live, in ms. */
  ttlMs: number;
  /** The injected clock. */
  clock: Clock;
  /** Produces the value on a miss. */
  load: () => Promise<Value>;
}

/**
 * A per-provider discovery cache: single-flight per key (p-memoize), values kept for their TTL
 * measured on the injected clock, failures never cached (the next catalog call tries again).
 */
export function createDiscoveryCache<Value>(): (request: DiscoveryLoad<Value>) => Promise<Value> {
  const entries = new Map<string, TimedEntry<Value>>();
  const fresh = (key: string): TimedEntry<Value> | undefined => {
    const entry = entries.get(key);
    if (entry === undefined) return undefined;
    if (entry.clock.now() < entry.expiresAt) return entry;
    entries.delete(key);
    return undefined;
  };
  const memoized = pMemoize(
    async (request: DiscoveryLoad<Value>): Promise<TimedEntry<Value>> => {
      const value = await request.load();
      return { value, expiresAt: request.clock.now() + request.ttlMs, clock: request.clock };
    },
    {
      cacheKey: ([request]) => request.key,
      cache: {
        has: (key: string) => fresh(key) !== undefined,
        get: (key: string) => fresh(key),
        set: (key: string, entry: TimedEntry<Value>) => entries.set(key, entry),
        delete: (key: string) => entries.delete(key),
        clear: () => entries.clear(),
      },
    },
  );
  return async (request) => (await memoized(request)).value;
}
