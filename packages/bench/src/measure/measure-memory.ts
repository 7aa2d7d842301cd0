import type { MemoryPlan, MemoryResult } from "../client-plan.js";
import type { PeerSession } from "../peers/peer-definition.js";
import { runCheckedStream } from "./run-checked-stream.js";

function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error("the memory role needs node --expose-gc");
  gc();
  gc();
}

/** Heap after GC along one long stream and across many sequential streams. */
export async function measureMemory(session: PeerSession, plan: MemoryPlan, label: string): Promise<MemoryResult> {
  for (let index = 0; index < 3; index += 1) await runCheckedStream(session, { mode: "burst", eventCount: 2000 }, label);

  const samples: Array<{ deltas: number; heapUsed: number }> = [];
  const sampleAt = new Set(plan.longStream.sampleAtDeltas);
  let rssMax = 0;
  await runCheckedStream(session, { mode: "burst", eventCount: plan.longStream.eventCount }, label, (deltas) => {
    if (!sampleAt.has(deltas)) return;
    collectGarbage();
    const usage = process.memoryUsage();
    rssMax = Math.max(rssMax, usage.rss);
    samples.push({ deltas, heapUsed: usage.heapUsed });
  });
  collectGarbage();
  const heapAfterEnd = process.memoryUsage().heapUsed;

  let heapAtBaseline = 0;
  for (let index = 1; index <= plan.sequential.streams; index += 1) {
    await runCheckedStream(session, { mode: "burst", eventCount: plan.sequential.eventCount }, label);
    if (index === plan.sequential.baselineAfter) {
      collectGarbage();
      heapAtBaseline = process.memoryUsage().heapUsed;
    }
  }
  collectGarbage();
  const end = process.memoryUsage();
  return {
    role: "memory",
    longStream: { samples, heapAfterEnd, rssMax },
    sequential: { heapAtBaseline, heapAtEnd: end.heapUsed, rssAtEnd: end.rss },
  };
}
