import type { AuthKind, EmulatorRequestRecord, EmulatorStats } from "../emulator-types.js";
import type { Exchange } from "./http-exchange.js";

const RECENT_LIMIT = 200;

/** Counts requests, auth kinds and statuses, and keeps a short log of recent requests (no secrets). */
export class StatsRecorder {
  private readonly requests = new Map<string, number>();
  private readonly authKinds = new Map<AuthKind, number>();
  private readonly statuses = new Map<string, number>();
  private readonly recent: EmulatorRequestRecord[] = [];

  /** Records one request once its response has been decided. */
  record(exchange: Exchange): void {
    increment(this.requests, exchange.route);
    if (exchange.authKind) increment(this.authKinds, exchange.authKind);
    const status = exchange.status ?? 0;
    increment(this.statuses, String(status));
    this.recent.push({
      route: exchange.route,
      method: exchange.method,
      path: exchange.url.pathname,
      status,
      ...(exchange.authKind ? { authKind: exchange.authKind } : {}),
      ...(exchange.model ? { model: exchange.model } : {}),
      requestId: exchange.requestId,
    });
    if (this.recent.length > RECENT_LIMIT) this.recent.splice(0, this.recent.length - RECENT_LIMIT);
  }

  /** A snapshot the caller may keep. */
  snapshot(): EmulatorStats {
    return {
      requests: Object.fromEntries(this.requests),
      authKinds: Object.fromEntries(this.authKinds),
      statuses: Object.fromEntries(this.statuses),
      recent: this.recent.map((record) => ({ ...record })),
    };
  }
}

function increment<Key>(map: Map<Key, number>, key: Key): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}
