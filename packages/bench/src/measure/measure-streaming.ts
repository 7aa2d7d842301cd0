import type { RequestSamples, StreamingPlan, StreamingResult } from "../client-plan.js";
import type { PeerSession } from "../peers/peer-definition.js";
import { readMockServerStats } from "./mock-server-stats.js";
import { runCheckedStream } from "./run-checked-stream.js";

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

async function sampleRequests(session: PeerSession, eventCount: number, requests: number, label: string): Promise<RequestSamples & { meanMicros: number }> {
  const samples: RequestSamples = { cpuMicros: [] };
  const before = process.cpuUsage();
  for (let index = 0; index < requests; index += 1) {
    const timing = await runCheckedStream(session, { mode: "burst", eventCount }, label);
    samples.cpuMicros.push(timing.cpuMicros);
  }
  const total = process.cpuUsage(before);
  // The mean over the loop keeps the GC and socket work that lands between requests.
  return { ...samples, meanMicros: (total.user + total.system) / requests };
}

/** Most long (2,000-event) warm-up streams per process: an SDK spends 20–40 ms on each. */
const LARGE_WARMUP_REQUESTS = 10;

/** Runs the sequential phases of a streaming plan on one session. */
export async function measureStreaming(session: PeerSession, plan: StreamingPlan, baseUrl: string, label: string): Promise<StreamingResult> {
  const result: StreamingResult = { role: "streaming" };
  for (let index = 0; index < plan.warmupRequests; index += 1) await runCheckedStream(session, { mode: "burst", eventCount: 5 }, label);
  if (plan.cpu) {
    // A few long streams warm the per-event path; the short ones above already warmed the rest.
    for (let index = 0; index < Math.min(LARGE_WARMUP_REQUESTS, Math.max(1, plan.warmupRequests / 10)); index += 1) {
      await runCheckedStream(session, { mode: "burst", eventCount: plan.cpu.largeEventCount }, label);
    }
  }

  if (plan.ttft) {
    result.ttftMs = [];
    for (let index = 0; index < plan.ttft.requests; index += 1) {
      const timing = await runCheckedStream(session, { mode: "ttft", eventCount: plan.ttft.eventCount, gapMs: plan.ttft.gapMs }, label);
      result.ttftMs.push(timing.firstDeltaMs);
    }
  }

  if (plan.cpu) {
    const cpu = plan.cpu;
    result.cpuRounds = [];
    result.cpuSmall = { cpuMicros: [] };
    result.cpuLarge = { cpuMicros: [] };
    for (let round = 0; round < cpu.rounds; round += 1) {
      const statsBefore = round === 0 ? await readMockServerStats(baseUrl) : undefined;
      const small = await sampleRequests(session, cpu.smallEventCount, cpu.smallRequests, label);
      if (statsBefore !== undefined) {
        const statsAfter = await readMockServerStats(baseUrl);
        // Minus the stats request's own connection.
        result.connectionsPerRequest = (statsAfter.connectionCount - statsBefore.connectionCount - 1) / cpu.smallRequests;
      }
      const large = await sampleRequests(session, cpu.largeEventCount, cpu.largeRequests, label);
      result.cpuRounds.push({ smallMicros: small.meanMicros, largeMicros: large.meanMicros });
      result.cpuSmall.cpuMicros.push(...small.cpuMicros);
      result.cpuLarge.cpuMicros.push(...large.cpuMicros);
    }
  }

  if (plan.throughput) {
    result.throughput = { eventsPerSecond: [], cpuMicros: [] };
    for (let index = 0; index < plan.throughput.requests; index += 1) {
      const timing = await runCheckedStream(session, { mode: "burst", eventCount: plan.throughput.eventCount }, label);
      result.throughput.eventsPerSecond.push(plan.throughput.eventCount / (timing.wallMs / 1000));
      result.throughput.cpuMicros.push(timing.cpuMicros);
    }
  }

  if (plan.largeEvent) {
    result.largeEvent = [];
    let previousSpentMs = 0;
    for (const [sizeIndex, eventBytes] of plan.largeEvent.eventBytes.entries()) {
      const scenario = { mode: "large" as const, eventBytes, writeBytes: plan.largeEvent.writeBytes };
      // A warm-up request per size (the first request of a size grows the heap and runs colder);
      // skipped for a client that already blew the budget on the previous size: a quadratic
      // client spends seconds per 4 MiB request and is 20× off anyway.
      if (sizeIndex === 0 || previousSpentMs < plan.largeEvent.budgetMs) {
        collectGarbage();
        const first = await runCheckedStream(session, scenario, label);
        if (first.wallMs < plan.largeEvent.budgetMs / 4) {
          for (let index = 1; index < (plan.largeEvent.warmupRequests ?? 1); index += 1) await runCheckedStream(session, scenario, label);
        }
      }
      const entry = { eventBytes, cpuMs: [] as number[], wallMs: [] as number[] };
      let spentMs = 0;
      for (let index = 0; index < plan.largeEvent.requests && (index < 2 || spentMs < plan.largeEvent.budgetMs); index += 1) {
        // Back to back, no forced GC in between: each request pays for the collection of the
        // garbage before it, as in a host. A forced full GC before every request made each one pay
        // V8's re-optimisation too (a full GC drops the hidden classes and optimised code that only
        // dead objects used; rebuilding them is background TurboFan CPU, 7–20 ms per request for a
        // plugin's code against ~2 ms for the floor's), which a host pays once per full GC, not per
        // request (docs/adr/0800).
        const timing = await runCheckedStream(session, scenario, label);
        spentMs += timing.wallMs;
        entry.cpuMs.push(timing.cpuMicros / 1000);
        entry.wallMs.push(timing.wallMs);
      }
      result.largeEvent.push(entry);
      previousSpentMs = spentMs;
    }
  }

  if (plan.fragmented) {
    result.fragmentedChecked = 0;
    for (const { eventCount, writeBytes } of plan.fragmented) {
      await runCheckedStream(session, { mode: "fragmented", eventCount, writeBytes }, label);
      result.fragmentedChecked += 1;
    }
  }
  return result;
}
