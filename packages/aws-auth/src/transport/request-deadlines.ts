/** One watched deadline: when `deadline` (ms since the epoch, by the watch's clock) passes, `expire` runs once. */
export interface Deadline {
  /** When it expires. May only move later while watched (an idle deadline moves with each chunk). */
  deadline: number;
  /** Called once when the deadline has passed, after it was removed from the watch. */
  expire(): void;
}

/**
 * The transport's first-byte and idle timeouts, without a timer per request.
 *
 * A `setTimeout` per call is cheap in a loop but not per keep-alive call: Node keys timer lists
 * by duration, and a call's first-byte timer (60 s) was always the only one of its duration, so
 * every call created a timer list, inserted it into the timer heap and removed it a few hundred
 * microseconds later; the idle timeout (`socket.setTimeout`) did the same again, and the agent
 * cleared it when the socket went back to the pool. Together that was ~15-20 µs of CPU per call on
 * the 2-core bench VM, more when the call runs cold (docs/adr/0920).
 *
 * Here a request only records a number. One unref'd timer per transport is armed for the earliest
 * deadline known when it is armed; deadlines only move later, so when it fires it expires what has
 * passed and re-arms for the earliest of the rest. A timer that fires after its request finished
 * finds nothing and is not re-armed. Unref'd: a watched request's socket keeps the process alive,
 * the watch alone never does.
 */
export class RequestDeadlines {
  private readonly watched = new Set<Deadline>();
  private timer: NodeJS.Timeout | undefined;
  /** When the armed timer fires (by the clock), or +Infinity when none is armed. */
  private armedFor = Number.POSITIVE_INFINITY;

  /** @param now The clock deadlines are measured on (ms). */
  constructor(readonly now: () => number = Date.now) {}

  /** Starts watching a deadline (its `deadline` already set). */
  add(entry: Deadline): void {
    this.watched.add(entry);
    if (entry.deadline < this.armedFor) this.arm(entry.deadline);
  }

  /** Stops watching a deadline; a no-op when it is not watched. */
  delete(entry: Deadline): void {
    this.watched.delete(entry);
  }

  /** Number of deadlines watched. */
  get size(): number {
    return this.watched.size;
  }

  /** Whether the watch's timer keeps the process alive (never: it is unref'd). */
  get keepsProcessAlive(): boolean {
    return this.timer?.hasRef() ?? false;
  }

  /** Whether a timer is armed. */
  get armed(): boolean {
    return this.timer !== undefined;
  }

  private arm(at: number): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.armedFor = at;
    this.timer = setTimeout(() => this.fire(), Math.max(0, at - this.now()));
    this.timer.unref();
  }

  private fire(): void {
    this.timer = undefined;
    this.armedFor = Number.POSITIVE_INFINITY;
    const now = this.now();
    let next = Number.POSITIVE_INFINITY;
    const expired: Deadline[] = [];
    for (const entry of this.watched) {
      if (entry.deadline <= now) expired.push(entry);
      else if (entry.deadline < next) next = entry.deadline;
    }
    for (const entry of expired) this.watched.delete(entry);
    if (next !== Number.POSITIVE_INFINITY) this.arm(next);
    // Expire after re-arming: an expiry may add or remove deadlines (a destroyed request settles).
    for (const entry of expired) entry.expire();
  }
}

/** A body's idle timeout: silence longer than `idleMs` since the last sign of life expires it. */
export interface IdleWatch {
  /** A sign of life (a chunk arrived, or the consumer read a queued one): the clock starts again. */
  touch(): void;
  /** The body is over (ended, failed or released): stop watching. Idempotent. */
  stop(): void;
}

/** Starts an idle timeout on `deadlines`; `expire` runs once if it passes. */
export function watchIdle(deadlines: RequestDeadlines, idleMs: number, expire: () => void): IdleWatch {
  const now = deadlines.now;
  const entry: Deadline = { deadline: now() + idleMs, expire };
  deadlines.add(entry);
  return {
    touch() {
      entry.deadline = now() + idleMs;
    },
    stop() {
      deadlines.delete(entry);
    },
  };
}
