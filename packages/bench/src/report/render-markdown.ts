import type { BenchSummary, PeerSummary } from "../aggregate-results.js";
import type { TargetResult } from "../check-targets.js";
import type { BenchConfig } from "../bench-config.js";

const fmt = (value: number | undefined, digits = 2): string => (value === undefined || !Number.isFinite(value) ? "–" : value.toFixed(digits));
const ratio = (value: number | undefined): string => (value === undefined || !Number.isFinite(value) ? "" : ` (${value.toFixed(2)}×)`);
const signed = (value: number | undefined, digits = 2): string =>
  value === undefined || !Number.isFinite(value) ? "–" : `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(digits)}`;

function name(peer: PeerSummary): string {
  return peer.kind === "ours" ? `**${peer.id}**` : peer.id;
}

function unavailable(peer: PeerSummary): string | undefined {
  if (peer.gap !== undefined) return `not measured — ${peer.gap}`;
  if (peer.errors.length > 0 && peer.marginalCpu === undefined) return `failed — ${peer.errors[0]}`;
  return undefined;
}

function streamingTable(summary: BenchSummary): string[] {
  const lines = [
    "| Peer | TTFT p50 / p99 ms (added over floor) | Fixed CPU / request, ms (× floor) | Marginal CPU / event, µs, p50 [p90] (× floor) | 1-conn events/s, k (× floor) | Large event CPU ms, p50: 1 MiB / 4 MiB (4 MiB × floor) | New connections / call |",
    "|---|---|---|---|---|---|---|",
  ];
  for (const peer of summary.peers) {
    const missing = unavailable(peer);
    if (missing !== undefined) {
      lines.push(`| ${name(peer)} | ${missing} | | | | | |`);
      continue;
    }
    const ttft = peer.ttft ? `${fmt(peer.ttft.ms.p50)} / ${fmt(peer.ttft.ms.p99)} (${signed(peer.ttft.addedP50Ms)} / ${signed(peer.ttft.addedP99Ms)})` : "–";
    const fixed = peer.fixedCpu ? `${fmt(peer.fixedCpu.ms, 3)}${ratio(peer.fixedCpu.ratioToFloor)}` : "–";
    const marginal = peer.marginalCpu ? `${fmt(peer.marginalCpu.microsPerEvent)} [${fmt(peer.marginalCpu.rounds.p90)}]${ratio(peer.marginalCpu.ratioToFloor)}` : "–";
    const throughput = peer.throughput ? `${fmt(peer.throughput.eventsPerSecond.p50 / 1000, 0)}${ratio(peer.throughput.ratioToFloor)}` : "–";
    const large = peer.largeEvent
      ? `${peer.largeEvent.map((item) => fmt(item.cpuMs.p50, 1)).join(" / ")}${ratio(peer.largeEvent.at(-1)?.ratioToFloor)}`
      : "–";
    lines.push(`| ${name(peer)} | ${ttft} | ${fixed} | ${marginal} | ${throughput} | ${large} | ${fmt(peer.connectionsPerRequest)} |`);
  }
  return lines;
}

function concurrencyTable(summary: BenchSummary): string[] {
  const levels = summary.peers.find((peer) => peer.concurrency)?.concurrency?.map((level) => level.streams) ?? [];
  if (levels.length === 0) return [];
  const header = levels.map((streams) => `${streams} streams: k events/s · ELD p99 ms · client CPU`).join(" | ");
  const lines = [`| Peer | ${header} |`, `|---|${levels.map(() => "---").join("|")}|`];
  for (const peer of summary.peers) {
    if (!peer.concurrency) continue;
    const cells = levels.map((streams) => {
      const level = peer.concurrency!.find((item) => item.streams === streams);
      return level
        ? `${fmt(level.eventsPerSecond / 1000, 1)} · ${fmt(level.eventLoopDelayP99Ms, 1)} · ${fmt(level.clientCpuShare * 100, 0)}%`
        : "–";
    });
    lines.push(`| ${name(peer)} | ${cells.join(" | ")} |`);
  }
  const offered = summary.peers.find((peer) => peer.concurrency)?.concurrency ?? [];
  const server = summary.peers.flatMap((peer) => peer.concurrency ?? []);
  lines.push(
    "",
    `Nominal offered load (the mock's timers fire a little late, so 1-ms pacing delivers ~10% less): ${offered.map((level) => `${level.streams} streams → ${fmt(level.offeredEventsPerSecond / 1000, 0)} k events/s`).join(", ")}. ` +
      `Mock server CPU share during the levels: max ${fmt(Math.max(...server.map((level) => level.serverCpuShare)) * 100, 0)}% of its core.`,
  );
  return lines;
}

function memoryTable(summary: BenchSummary): string[] {
  const lines = ["| Peer | Heap growth after GC over one long stream | Heap growth after GC over sequential streams | Max RSS |", "|---|---|---|---|"];
  for (const peer of summary.peers) {
    if (!peer.memory) continue;
    const memory = peer.memory;
    lines.push(
      `| ${name(peer)} | ${signed(memory.longStreamGrowthBytes / 1024, 0)} KiB (${memory.longStreamEvents.toLocaleString("en-US")} events) | ${signed(memory.sequentialGrowthBytes / 1024, 0)} KiB (${memory.sequentialStreams.toLocaleString("en-US")} streams) | ${fmt(memory.rssMaxBytes / 2 ** 20, 0)} MiB |`,
    );
  }
  return lines;
}

function importTable(summary: BenchSummary): string[] {
  const lines = ["| Library | Import p50 / p90 ms | Added over floor, ms | RSS growth, MiB | Modules loaded | Credential chain loaded |", "|---|---|---|---|---|---|"];
  for (const target of summary.imports) {
    const label = target.kind === "ours" ? `**${target.label}**` : target.label;
    if (!target.importMs) {
      lines.push(`| ${label} | not measured — ${target.gap ?? target.errors[0] ?? "no runs"} | | | | |`);
      continue;
    }
    lines.push(
      `| ${label} | ${fmt(target.importMs.p50)} / ${fmt(target.importMs.p90)} | ${signed(target.addedOverFloorMs)} | ${fmt(target.rssDeltaMiB, 1)} | ${target.modules?.count ?? "–"} | ${target.modules ? (target.modules.loadsCredentialChain ? "yes" : "no") : "–"} |`,
    );
  }
  return lines;
}

function sigv4Table(summary: BenchSummary): string[] {
  const labels: Record<string, string> = {
    ours: "**ours: `createSigV4Signer` (@bedrock-kit/aws-auth)**",
    "smithy-sha256-js": "@smithy/signature-v4 + @aws-crypto/sha256-js",
    "smithy-hash-node": "@smithy/signature-v4 + @smithy/hash-node (node:crypto)",
  };
  const sizes = [...new Set(summary.sigv4.flatMap((signer) => signer.bodies.map((body) => body.bytes)))].sort((left, right) => left - right);
  const lines = [`| Signer | ${sizes.map((bytes) => `${bytes / 1024} KiB body, µs p50 / p90`).join(" | ")} |`, `|---|${sizes.map(() => "---").join("|")}|`];
  for (const signer of summary.sigv4) {
    if (signer.bodies.length === 0) {
      lines.push(`| ${labels[signer.id] ?? signer.id} | not measured — ${signer.gap ?? signer.errors[0] ?? "no runs"} |${sizes.slice(1).map(() => " |").join("")}`);
      continue;
    }
    const cells = sizes.map((bytes) => {
      const body = signer.bodies.find((item) => item.bytes === bytes);
      return body ? `${fmt(body.microsPerSignature.p50, 1)} / ${fmt(body.microsPerSignature.p90, 1)}` : "–";
    });
    lines.push(`| ${labels[signer.id] ?? signer.id} | ${cells.join(" | ")} |`);
  }
  return lines;
}

function targetsTable(targets: TargetResult[]): string[] {
  const lines = ["| Target | Subject | Measured | Met |", "|---|---|---|---|"];
  for (const target of targets) {
    const met = target.met === undefined ? "not measured" : target.met ? "yes" : "**no**";
    lines.push(`| ${target.rule}${target.source === "research" ? " *(research, not gated)*" : ""} | ${target.subject} | ${target.actual} | ${met} |`);
  }
  return lines;
}

/** The results section of BENCHMARKS.md (generated; the method and analysis around it are written by hand). */
export function renderResultsMarkdown(summary: BenchSummary, targets: TargetResult[], config: BenchConfig): string {
  const machine = summary.machine;
  const streaming = config.streaming;
  const lines = [
    `Run: ${summary.startedAt} · ${summary.mode} · ${(summary.durationMs / 60_000).toFixed(1)} min · ${machine.cpuModel} (${machine.logicalCpus} CPUs${machine.cpuMhz ? `, ${machine.cpuMhz} MHz` : ""}), ${machine.memoryGiB} GiB · Node ${machine.nodeVersion} (V8 ${machine.v8Version}) · ${machine.platform} ${machine.kernel} · pinned: ${machine.taskset ? "yes (client CPU 0, mock CPU 1)" : "no"}${machine.cpusKeptAwake === undefined ? "" : ` · CPUs kept awake: ${machine.cpusKeptAwake ? "yes (SCHED_IDLE spinner each)" : "no"}`} · load average (1 min) ${fmt(summary.loadAverage.start[0])} at start, ${fmt(summary.loadAverage.end[0])} at end`,
    "",
    (config.oneProcessPerPeer
      ? `One process per peer runs every role; ${config.importRuns} import run per library. `
      : `Processes per peer: ${config.streamingRepeats} streaming (peers alternating A B A B), ${config.concurrencyRepeats} concurrency, ${config.memoryRepeats} memory; ${config.importRuns} import runs per library. `) +
      (streaming.ttft && streaming.cpu
        ? `Per streaming process: ${streaming.warmupRequests} warm-up requests, ${streaming.ttft.requests} TTFT requests, ${streaming.cpu.rounds} rounds × (${streaming.cpu.smallRequests} × ${streaming.cpu.smallEventCount} events + ${streaming.cpu.largeRequests} × ${streaming.cpu.largeEventCount.toLocaleString("en-US")} events)` +
          `${streaming.throughput ? `, ${streaming.throughput.requests} × ${streaming.throughput.eventCount.toLocaleString("en-US")}-event streams` : ""}` +
          `${streaming.largeEvent ? `, per large-event size ${streaming.largeEvent.warmupRequests ?? 1} warm-up and 2–${streaming.largeEvent.requests} measured back to back (repeated while under ${streaming.largeEvent.budgetMs} ms of wall time)` : ""}.`
        : ""),
    "",
    "### Streaming, one connection",
    "",
    ...streamingTable(summary),
    "",
    "### Concurrent paced streams",
    "",
    ...concurrencyTable(summary),
    "",
    "### Memory",
    "",
    ...memoryTable(summary),
    "",
    "### Import, fresh process",
    "",
    ...importTable(summary),
    "",
    "### SigV4 signing (ConverseStream request)",
    "",
    ...sigv4Table(summary),
    "",
    "### Targets",
    "",
    ...targetsTable(targets),
  ];
  const errors = summary.peers.flatMap((peer) => peer.errors.map((error) => `- ${peer.id}: ${error}`));
  if (errors.length > 0) lines.push("", "### Errors", "", ...errors);
  return `${lines.join("\n")}\n`;
}
