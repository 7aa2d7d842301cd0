import type { BenchSummary, PeerSummary } from "./aggregate-results.js";

/** One target, evaluated on one subject. */
export interface TargetResult {
  /** Short id of the target (`marginal-cpu`, `import`…). */
  target: string;
  /** The peer, import target or signer it applies to. */
  subject: string;
  /** The rule, in words. */
  rule: string;
  /** What was measured. */
  actual: string;
  /** `true` met, `false` missed, `undefined` not measured (a gap or an error). */
  met: boolean | undefined;
  /** Where the target comes from: gated by `--check` (issue 8) or informational (research A5/A6). */
  source: "issue-8" | "research";
}

/** Official SDK peers per wire format (the "at most half of every official SDK" rule). */
const OFFICIAL_SDK_OF_FORMAT: Record<string, string[]> = {
  "openai-chat": ["openai-chat"],
  "openai-responses": ["openai-responses"],
  "anthropic-messages": ["anthropic-sdk"],
  "converse-stream": ["aws-sdk-converse"],
};

const MB = 1_000_000;
/** ≤ 2.2× per doubling of the event size. */
const LINEARITY_PER_DOUBLING = 2.2;

const fmt = (value: number, digits = 2) => (Number.isFinite(value) ? value.toFixed(digits) : "n/a");
const signed = (value: number, digits = 1) => (Number.isFinite(value) ? `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(digits)}` : "n/a");

function notMeasured(peer: PeerSummary): string {
  return peer.gap !== undefined ? `gap: ${peer.gap}` : peer.errors.length > 0 ? `error: ${peer.errors[0]}` : "not measured";
}

function checkPeer(peer: PeerSummary, summary: BenchSummary): TargetResult[] {
  const results: TargetResult[] = [];
  const add = (target: string, rule: string, actual: string, met: boolean | undefined, source: TargetResult["source"] = "issue-8") =>
    results.push({ target, subject: peer.id, rule, actual, met, source });
  const missing = notMeasured(peer);

  const marginal = peer.marginalCpu;
  add(
    "marginal-cpu-vs-floor",
    "marginal CPU per event ≤ 1.6× the floor",
    marginal ? `${fmt(marginal.microsPerEvent)} µs = ${fmt(marginal.ratioToFloor)}× floor` : missing,
    marginal ? marginal.ratioToFloor <= 1.6 : undefined,
  );
  for (const sdkId of OFFICIAL_SDK_OF_FORMAT[peer.format] ?? []) {
    const sdk = summary.peers.find((candidate) => candidate.id === sdkId)?.marginalCpu;
    const share = marginal && sdk ? marginal.microsPerEvent / sdk.microsPerEvent : Number.NaN;
    add(
      "marginal-cpu-vs-sdk",
      `marginal CPU per event ≤ 0.5× ${sdkId}`,
      marginal && sdk ? `${fmt(marginal.microsPerEvent)} µs vs ${fmt(sdk.microsPerEvent)} µs = ${fmt(share)}×` : missing,
      marginal && sdk ? share <= 0.5 : undefined,
    );
  }

  const fixed = peer.fixedCpu;
  add(
    "fixed-cpu",
    "fixed CPU per request ≤ 0.5 ms or ≤ 1.6× the floor",
    fixed ? `${fmt(fixed.ms, 3)} ms = ${fmt(fixed.ratioToFloor)}× floor` : missing,
    fixed ? fixed.ms <= 0.5 || fixed.ratioToFloor <= 1.6 : undefined,
  );

  const ttft = peer.ttft;
  add(
    "ttft-added",
    "first text delta: ≤ 0.25 ms p50 and ≤ 1 ms p99 over the floor",
    ttft ? `${signed(ttft.addedP50Ms, 3)} ms p50, ${signed(ttft.addedP99Ms, 3)} ms p99` : missing,
    ttft ? ttft.addedP50Ms <= 0.25 && ttft.addedP99Ms <= 1 : undefined,
  );

  const memory = peer.memory;
  add(
    "heap-flat",
    "heap growth after GC < 1 MB over a long stream and over many sequential streams",
    memory
      ? `${fmt(memory.longStreamGrowthBytes / 1024, 0)} KiB over ${memory.longStreamEvents} events; ${fmt(memory.sequentialGrowthBytes / 1024, 0)} KiB over ${memory.sequentialStreams} streams`
      : missing,
    memory ? memory.longStreamGrowthBytes < MB && memory.sequentialGrowthBytes < MB : undefined,
  );

  const large = peer.largeEvent?.at(-1);
  const floorLarge = summary.peers.find((candidate) => candidate.id === peer.floorId)?.largeEvent?.at(-1);
  const added = large && floorLarge ? large.cpuMs.p50 - floorLarge.cpuMs.p50 : Number.NaN;
  const size = large ? `${large.eventBytes / 2 ** 20} MiB` : "";
  // The absolute 10 ms assumed in-process framing; delivered as 1,460-byte segments over node:http,
  // the floor itself spends tens of ms receiving the segments, so the gate is our cost above it.
  add(
    "large-event",
    "largest single event (4 MiB in 1,460 B writes): client CPU ≤ 10 ms above the floor's",
    large && floorLarge ? `${fmt(large.cpuMs.p50, 1)} ms vs floor ${fmt(floorLarge.cpuMs.p50, 1)} ms for ${size} (${signed(added)} ms)` : missing,
    large && floorLarge ? added <= 10 : undefined,
  );
  add(
    "large-event-absolute",
    "largest single event < 10 ms client CPU in absolute terms",
    large ? `${fmt(large.cpuMs.p50, 1)} ms for ${size} (the floor: ${fmt(floorLarge?.cpuMs.p50 ?? Number.NaN, 1)} ms)` : missing,
    large ? large.cpuMs.p50 < 10 : undefined,
    "research",
  );
  const scaling = peer.largeEventScaling;
  const allowed = scaling ? LINEARITY_PER_DOUBLING ** Math.log2(scaling.sizeRatio) : Number.NaN;
  add(
    "large-event-linear",
    `large-event CPU linear in size (≤ ${LINEARITY_PER_DOUBLING}× per doubling)`,
    scaling ? `${fmt(scaling.cpuRatio)}× for ${fmt(scaling.sizeRatio, 0)}× the size (allowed ${fmt(allowed)}×)` : missing,
    scaling ? scaling.cpuRatio <= allowed : undefined,
  );

  add(
    "keep-alive",
    "sequential calls reuse the keep-alive connection (< 0.05 new connections per call)",
    peer.connectionsPerRequest !== undefined ? `${fmt(peer.connectionsPerRequest)} new connections per call` : missing,
    peer.connectionsPerRequest !== undefined ? peer.connectionsPerRequest < 0.05 : undefined,
    "research",
  );
  const throughput = peer.throughput;
  add(
    "throughput",
    "one-connection throughput ≥ 500 k events/s",
    throughput ? `${fmt(throughput.eventsPerSecond.p50 / 1000, 0)} k events/s` : missing,
    throughput ? throughput.eventsPerSecond.p50 >= 500_000 : undefined,
    "research",
  );
  const busiest = peer.concurrency?.at(-1);
  add(
    "event-loop-delay",
    "event-loop delay p99 < 10 ms at the highest concurrency",
    busiest ? `${fmt(busiest.eventLoopDelayP99Ms)} ms at ${busiest.streams} streams` : missing,
    busiest ? busiest.eventLoopDelayP99Ms < 10 : undefined,
    "research",
  );
  return results;
}

/** Evaluates every target on our peers, imports and signer. */
export function checkTargets(summary: BenchSummary): TargetResult[] {
  const results: TargetResult[] = [];
  for (const peer of summary.peers.filter((candidate) => candidate.kind === "ours")) results.push(...checkPeer(peer, summary));
  for (const target of summary.imports.filter((candidate) => candidate.kind === "ours")) {
    const missing = target.gap !== undefined ? `gap: ${target.gap}` : target.errors[0] ?? "not measured";
    results.push({
      target: "import",
      subject: target.id,
      rule: "fresh-process import ≤ 15 ms, credential chain not loaded",
      actual: target.importMs
        ? `${fmt(target.importMs.p50)} ms p50${target.modules ? `, ${target.modules.count} modules${target.modules.loadsCredentialChain ? ", LOADS the credential chain" : ""}` : ""}`
        : missing,
      met: target.importMs ? target.importMs.p50 <= 15 && target.modules?.loadsCredentialChain !== true : undefined,
      source: "issue-8",
    });
    results.push({
      target: "import-rss",
      subject: target.id,
      rule: "RSS growth after import ≤ 5 MB",
      actual: target.rssDeltaMiB !== undefined ? `${fmt(target.rssDeltaMiB)} MiB` : missing,
      met: target.rssDeltaMiB !== undefined ? target.rssDeltaMiB * 2 ** 20 <= 5 * MB : undefined,
      source: "research",
    });
  }
  const ours = summary.sigv4.find((signer) => signer.id === "ours");
  const small = ours?.bodies.find((body) => body.bytes <= 4096);
  results.push({
    target: "sigv4",
    subject: "ours",
    rule: "SigV4 sign (2 KB body) ≤ 10 µs",
    actual: small ? `${fmt(small.microsPerSignature.p50)} µs p50` : ours?.gap !== undefined ? `gap: ${ours.gap}` : ours?.errors[0] ?? "not measured",
    met: small ? small.microsPerSignature.p50 <= 10 : undefined,
    source: "issue-8",
  });
  return results;
}
