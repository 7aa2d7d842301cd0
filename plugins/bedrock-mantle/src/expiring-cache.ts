import type { Clock } from "@bedrock-kit/plugin-host";

/** A cached value that knows when it stops being fresh. */
export interface Expiring {
  /** Ms since epoch after which the value is stale. */
  expiresAt: number;
}

/**
 * A `Map` whose entries vanish once the injected clock passes their `expiresAt`: the `cache` storage
 * p-memoize reads through, so TTLs follow the host's clock (and a test's fake one) rather than timers.
 */
export class ExpiringCache<Key, Value extends Expiring> {
  private readonly entries = new Map<Key, Value>();

  constructor(private readonly clock: Clock) {}

  has(key: Key): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined) return false;
    if (entry.expiresAt > this.clock.now()) return true;
    this.entries.delete(key);
    return false;
  }

  get(key: Key): Value | undefined {
    return this.has(key) ? this.entries.get(key) : undefined;
  }

  set(key: Key, value: Value): void {
    this.entries.set(key, value);
  }

  delete(key: Key): void {
    this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
