import { describe, expect, it } from "vitest";
import type { BenchSummary, PeerSummary } from "../src/aggregate-results.js";
import { checkTargets } from "../src/check-targets.js";
import { TextChecker } from "../src/expected-text.js";
import { renderMarginalCpuChart } from "../src/report/render-marginal-cpu-chart.js";
import { GENERATED_END, GENERATED_START, replaceGeneratedSection } from "../src/report/replace-generated-section.js";
import { percentile, summarize } from "../src/statistics.js";

const summary = (values: number[]) => summarize(values);

function peer(id: string, kind: PeerSummary["kind"], microsPerEvent: number, fixedMs: number, floorMicros = 1, floorFixed = 0.3): PeerSummary {
  return {
    id,
    label: id,
    kind,
    format: "openai-chat",
    floorId: "floor-chat",
    errors: [],
    ttft: { ms: summary([1, 1.1]), addedP50Ms: kind === "ours" ? 0.1 : 1, addedP99Ms: 0.5 },
    fixedCpu: { ms: fixedMs, perRequestMs: summary([fixedMs]), ratioToFloor: fixedMs / floorFixed },
    marginalCpu: { microsPerEvent, rounds: summary([microsPerEvent]), ratioToFloor: microsPerEvent / floorMicros },
    throughput: { eventsPerSecond: summary([600_000]), ratioToFloor: 1, eventCount: 50_000 },
    largeEvent: [
      { eventBytes: 1 << 20, cpuMs: summary([1]), wallMs: summary([5]), ratioToFloor: 1 },
      { eventBytes: 4 << 20, cpuMs: summary([4.2]), wallMs: summary([20]), ratioToFloor: 1 },
    ],
    largeEventScaling: { cpuRatio: 4.2, sizeRatio: 4 },
    memory: { longStreamEvents: 200_000, longStreamGrowthBytes: 10_000, sequentialStreams: 1000, sequentialGrowthBytes: 20_000, rssMaxBytes: 1 << 26 },
    concurrency: [{ streams: 1000, eventsPerSecond: 1, offeredEventsPerSecond: 1, eventLoopDelayP99Ms: 3, eventLoopDelayMaxMs: 5, clientCpuShare: 0.3, serverCpuShare: 0.3 }],
  };
}

function benchSummary(peers: PeerSummary[]): BenchSummary {
  return {
    mode: "full",
    startedAt: "2026-01-01T00:00:00.000Z",
    durationMs: 1,
    machine: { cpuModel: "test", logicalCpus: 2, memoryGiB: 1, nodeVersion: "v20", v8Version: "x", platform: "linux x64", kernel: "6", taskset: true },
    loadAverage: { start: [0, 0, 0], end: [0, 0, 0] },
    build: {},
    peers,
    imports: [{ id: "ours-mantle", label: "ours", kind: "ours", errors: [], importMs: summary([8]), rssDeltaMiB: 1, modules: { count: 20, loadsCredentialChain: false } }],
    sigv4: [{ id: "ours", errors: [], bodies: [{ bytes: 2048, microsPerSignature: summary([6]) }] }],
  };
}

describe("statistics", () => {
  it("interpolates percentiles between ranks", () => {
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([5], 0.99)).toBe(5);
    expect(percentile([], 0.5)).toBeNaN();
  });
});

describe("text checker", () => {
  it("accepts the exact text in any delta split and ignores empty deltas", () => {
    const checker = new TextChecker("hello world");
    for (const piece of ["hel", "", "lo", " world"]) checker.accept(piece);
    expect(() => checker.verify(3, "t")).not.toThrow();
  });

  it("rejects a wrong character, a missing tail and a wrong delta count", () => {
    const wrong = new TextChecker("hello");
    wrong.accept("help");
    expect(() => wrong.verify(1, "t")).toThrow(/differs/);
    const short = new TextChecker("hello");
    short.accept("hell");
    expect(() => short.verify(1, "t")).toThrow(/4 of 5/);
    const merged = new TextChecker("hello");
    merged.accept("hello");
    expect(() => merged.verify(2, "t")).toThrow(/1 text deltas, expected 2/);
  });
});

describe("targets", () => {
  it("marks a target met, missed or not measured", () => {
    const floor = peer("floor-chat", "floor", 1, 0.3);
    const ours = peer("ours-mantle-chat", "ours", 1.4, 0.45);
    const sdk = peer("openai-chat", "sdk", 7, 4);
    const results = checkTargets(benchSummary([floor, ours, sdk]));
    const find = (target: string) => results.find((result) => result.target === target && result.subject === "ours-mantle-chat");
    expect(find("marginal-cpu-vs-floor")?.met).toBe(true);
    expect(find("marginal-cpu-vs-sdk")?.met).toBe(true);
    expect(find("fixed-cpu")?.met).toBe(true);
    expect(find("large-event-linear")?.met).toBe(true);
    expect(results.find((result) => result.target === "sigv4")?.met).toBe(true);

    const slow = peer("ours-mantle-chat", "ours", 4, 2);
    const missed = checkTargets(benchSummary([floor, slow, sdk]));
    expect(missed.find((result) => result.target === "marginal-cpu-vs-sdk" && result.subject === "ours-mantle-chat")?.met).toBe(false);

    const gap: PeerSummary = { ...peer("ours-mantle-chat", "ours", 1, 1), gap: "not built" };
    delete gap.marginalCpu;
    const missing = checkTargets(benchSummary([floor, gap, sdk]));
    const result = missing.find((item) => item.target === "marginal-cpu-vs-floor" && item.subject === "ours-mantle-chat");
    expect(result?.met).toBeUndefined();
    expect(result?.actual).toContain("not built");
  });
});

describe("reports", () => {
  it("draws one bar per peer with a marginal CPU figure", () => {
    const svg = renderMarginalCpuChart(benchSummary([peer("floor-chat", "floor", 1, 0.3), peer("ours-mantle-chat", "ours", 1.4, 0.4)]));
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<rect x="330"/g)).toHaveLength(2);
    expect(svg).toContain("1.40 µs (1.40× floor)");
  });

  it("replaces only the generated section of BENCHMARKS.md", () => {
    const document = `# B\nintro\n${GENERATED_START}\nold\n${GENERATED_END}\noutro\n`;
    const updated = replaceGeneratedSection(document, "new table");
    expect(updated).toBe(`# B\nintro\n${GENERATED_START}\n\nnew table\n\n${GENERATED_END}\noutro\n`);
    expect(() => replaceGeneratedSection("no markers", "x")).toThrow(/markers/);
  });
});
