import type { FaultConfig, RouteFaults } from "../emulator-types.js";

/**
 * The faults in force and the per-route call counters that `throttleEveryNth` needs. Replacing the
 * faults restarts the counters so a test's "every 3rd call" counts from its own first call.
 */
export class FaultSettings {
  private config: FaultConfig;
  private readonly calls = new Map<string, number>();

  constructor(config: FaultConfig = {}) {
    this.config = copyConfig(config);
  }

  /** Replaces the faults in force. */
  replace(config: FaultConfig): void {
    this.config = copyConfig(config);
    this.calls.clear();
  }

  /** The faults for `route`: `"*"` overridden field by field by the route's own entry. */
  forRoute(route: string): RouteFaults {
    const everyRoute = this.config["*"];
    const own = (this.config as Record<string, RouteFaults | undefined>)[route];
    if (!everyRoute) return own ?? {};
    return own ? { ...everyRoute, ...own } : everyRoute;
  }

  /** Counts a call on `route` and says whether it is the Nth that must be throttled. */
  countCallAndCheckThrottle(route: string, faults: RouteFaults): boolean {
    const count = (this.calls.get(route) ?? 0) + 1;
    this.calls.set(route, count);
    const every = faults.throttleEveryNth;
    return every !== undefined && every > 0 && count % every === 0;
  }
}

function copyConfig(config: FaultConfig): FaultConfig {
  const copy: FaultConfig = {};
  for (const [route, faults] of Object.entries(config) as [keyof FaultConfig, RouteFaults | undefined][]) {
    if (faults) copy[route] = { ...faults };
  }
  return copy;
}
