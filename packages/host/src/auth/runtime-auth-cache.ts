import type { Clock, ModelDefinition, RuntimeAuth } from "@bedrock-kit/plugin-host";

/** Refresh this long before `expiresAt` by default (ADR 0201). */
export const DEFAULT_AUTH_REFRESH_MARGIN_MS = 5 * 60_000;

/** What runtime auth is wanted for: a model (whose region wins) or a region. */
export interface AuthTarget {
  /** The model about to be called. */
  model?: ModelDefinition;
  /** The region, when there is no model (discovery, preflight). */
  region?: string;
}

/** Runtime auth per provider and region, prepared single-flight and refreshed before expiry. */
export interface RuntimeAuthCache {
  /** Cached auth while fresh; otherwise one `prepare` shared by every concurrent caller. */
  get(providerId: string, target: AuthTarget): Promise<RuntimeAuth>;
  /** Forget the entry (after a 401), so the next `get` prepares anew. */
  invalidate(providerId: string, target: AuthTarget): void;
  /** Forget everything. */
  clear(): void;
}

/** What the cache needs. */
export interface RuntimeAuthCacheOptions {
  /** Time source; tests inject a fake. */
  clock: Clock;
  /** Refresh this long before `expiresAt`; default 5 minutes. */
  refreshMarginMs?: number;
  /** Prepares auth (calls the provider's `prepareRuntimeAuth`). */
  prepare(providerId: string, target: AuthTarget): Promise<RuntimeAuth>;
}

interface CacheEntry {
  auth?: RuntimeAuth;
  refreshAt: number;
  pending?: Promise<RuntimeAuth>;
}

/** The cache key: provider id and the region the auth is for (`model.region ?? region ?? "default"`). */
export function authCacheKey(providerId: string, target: AuthTarget): string {
  return `${providerId}\u0000${target.model?.region ?? target.region ?? "default"}`;
}

/**
 * When auth received at `receivedAt` should be refreshed: `margin` before it expires, or halfway
 * through its remaining life when that life is shorter than twice the margin (so a short-lived
 * token is still reused for a while). Never, when it has no `expiresAt`.
 */
export function computeRefreshAt(auth: RuntimeAuth, receivedAt: number, marginMs: number): number {
  if (auth.expiresAt === undefined) return Number.POSITIVE_INFINITY;
  const remaining = auth.expiresAt - receivedAt;
  if (remaining <= 0) return receivedAt;
  const margin = remaining < 2 * marginMs ? remaining / 2 : marginMs;
  return auth.expiresAt - margin;
}

/** Create a cache; one per host (no module-global state). */
export function createRuntimeAuthCache(options: RuntimeAuthCacheOptions): RuntimeAuthCache {
  const margin = options.refreshMarginMs ?? DEFAULT_AUTH_REFRESH_MARGIN_MS;
  const entries = new Map<string, CacheEntry>();

  const get = (providerId: string, target: AuthTarget): Promise<RuntimeAuth> => {
    const key = authCacheKey(providerId, target);
    const existing = entries.get(key);
    if (existing?.pending !== undefined) return existing.pending;
    if (existing?.auth !== undefined && options.clock.now() < existing.refreshAt) return Promise.resolve(existing.auth);

    const entry: CacheEntry = { refreshAt: 0 };
    entry.pending = Promise.resolve()
      .then(() => options.prepare(providerId, target))
      .then(
        (auth) => {
          // An invalidate() while preparing dropped this entry: answer the waiters, cache nothing.
          if (entries.get(key) === entry) {
            entry.auth = auth;
            entry.refreshAt = computeRefreshAt(auth, options.clock.now(), margin);
            entry.pending = undefined;
          }
          return auth;
        },
        (error: unknown) => {
          // Failures are not cached: the next call tries again.
          if (entries.get(key) === entry) entries.delete(key);
          throw error;
        },
      );
    entries.set(key, entry);
    return entry.pending;
  };

  return {
    get,
    invalidate(providerId, target) {
      entries.delete(authCacheKey(providerId, target));
    },
    clear() {
      entries.clear();
    },
  };
}
