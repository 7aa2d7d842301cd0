import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import type { ConcurrencyPlan, ConcurrencyResult } from "../client-plan.js";
import type { PeerSession } from "../peers/peer-definition.js";
import { readMockServerStats } from "./mock-server-stats.js";
import { runCheckedStream } from "./run-checked-stream.js";

/** Runs each concurrency level: once to open its connections, then measured. */
export async function measureConcurrency(session: PeerSession, plan: ConcurrencyPlan, baseUrl: string, label: string): Promise<ConcurrencyResult> {
  const result: ConcurrencyResult = { role: "concurrency", levels: [] };
  for (const level of plan.levels) {
    const scenario = { mode: "paced" as const, eventCount: level.eventCount, intervalMs: level.intervalMs, eventsPerWrite: level.eventsPerWrite };
    const warmScenario = { ...scenario, eventCount: Math.min(level.eventCount, 2 * level.eventsPerWrite + 1) };
    await Promise.all(Array.from({ length: level.streams }, () => runCheckedStream(session, warmScenario, label)));

    const histogram = monitorEventLoopDelay({ resolution: 1 });
    const serverBefore = (await readMockServerStats(baseUrl)).cpuMicros;
    const cpuBefore = process.cpuUsage();
    const startedAt = performance.now();
    histogram.enable();
    await Promise.all(Array.from({ length: level.streams }, () => runCheckedStream(session, scenario, label)));
    histogram.disable();
    const wallMs = performance.now() - startedAt;
    const cpu = process.cpuUsage(cpuBefore);
    const serverAfter = (await readMockServerStats(baseUrl)).cpuMicros;
    const events = level.streams * level.eventCount;
    result.levels.push({
      streams: level.streams,
      events,
      wallMs,
      eventsPerSecond: events / (wallMs / 1000),
      offeredEventsPerSecond: (level.streams * level.eventsPerWrite * 1000) / level.intervalMs,
      eventLoopDelayP99Ms: histogram.percentile(99) / 1e6,
      eventLoopDelayMaxMs: histogram.max / 1e6,
      clientCpuShare: (cpu.user + cpu.system) / 1000 / wallMs,
      serverCpuShare: (serverAfter - serverBefore) / 1000 / wallMs,
    });
  }
  return result;
}
