import type { WireFormat } from "./bench-scenario.js";
import { IMPORT_TARGETS } from "./import-targets.js";
import type { PeerKind } from "./peers/peer-definition.js";
import { PEERS, floorOf } from "./peers/peer-registry.js";
import type { RawResults } from "./raw-results.js";
import { SIGNER_IDS } from "./sigv4-signers.js";
import { median, summarize, type Summary } from "./statistics.js";

/** Aggregated numbers of one peer; every ratio is to the floor of its wire format in the same run. */
export interface PeerSummary {
  id: string;
  label: string;
  kind: PeerKind;
  format: WireFormat;
  floorId: string;
  gap?: string;
  errors: string[];
  /** Call start to first text delta (TTFT mode), ms, over all requests of all processes. */
  ttft?: { ms: Summary; addedP50Ms: number; addedP99Ms: number };
  /** CPU per 5-event request: median of the per-round means, and the per-request distribution. */
  fixedCpu?: { ms: number; perRequestMs: Summary; ratioToFloor: number };
  /** (CPU at 2,000 − CPU at 5) / 1,995 per round; median and spread over rounds. */
  marginalCpu?: { microsPerEvent: number; rounds: Summary; ratioToFloor: number };
  /** New TCP connections per sequential request (median over processes; 0 = keep-alive reused). */
  connectionsPerRequest?: number;
  /** Events/s of one connection on the long stream, over all requests. */
  throughput?: { eventsPerSecond: Summary; ratioToFloor: number; eventCount: number };
  /** One large event in small writes: client CPU and wall time per request. */
  largeEvent?: Array<{ eventBytes: number; cpuMs: Summary; wallMs: Summary; ratioToFloor: number }>;
  /** CPU(largest) / CPU(smallest) of the large-event sizes, and the size ratio it should track. */
  largeEventScaling?: { cpuRatio: number; sizeRatio: number };
  /** Paced concurrent streams, per level (one process; medians when several). */
  concurrency?: Array<{
    streams: number;
    eventsPerSecond: number;
    offeredEventsPerSecond: number;
    eventLoopDelayP99Ms: number;
    eventLoopDelayMaxMs: number;
    clientCpuShare: number;
    serverCpuShare: number;
  }>;
  /** Heap after GC (bytes). */
  memory?: { longStreamEvents: number; longStreamGrowthBytes: number; sequentialStreams: number; sequentialGrowthBytes: number; rssMaxBytes: number };
}

/** Aggregated import numbers of one library. */
export interface ImportSummary {
  id: string;
  label: string;
  kind: PeerKind;
  gap?: string;
  errors: string[];
  importMs?: Summary;
  addedOverFloorMs?: number;
  rssDeltaMiB?: number;
  modules?: { count: number; loadsCredentialChain: boolean };
}

/** Aggregated SigV4 numbers of one signer. */
export interface SigV4Summary {
  id: string;
  gap?: string;
  errors: string[];
  bodies: Array<{ bytes: number; microsPerSignature: Summary }>;
}

/** The results of a run, as reported. */
export interface BenchSummary {
  mode: RawResults["mode"];
  startedAt: string;
  durationMs: number;
  machine: RawResults["machine"];
  loadAverage: RawResults["loadAverage"];
  build: RawResults["build"];
  peers: PeerSummary[];
  imports: ImportSummary[];
  sigv4: SigV4Summary[];
}

function ratio(value: number, floor: number | undefined): number {
  return floor === undefined || floor === 0 ? Number.NaN : value / floor;
}

function summarizePeer(raw: RawResults, peerId: string): PeerSummary | undefined {
  const peer = PEERS.find((candidate) => candidate.id === peerId);
  const entry = raw.peers[peerId];
  if (peer === undefined || entry === undefined) return undefined;
  const summary: PeerSummary = {
    id: peer.id,
    label: peer.label,
    kind: peer.kind,
    format: peer.format,
    floorId: floorOf(peer).id,
    errors: entry.errors,
    ...(entry.gap !== undefined ? { gap: entry.gap } : {}),
  };
  const streaming = entry.streaming;
  const ttft = streaming.flatMap((result) => result.ttftMs ?? []);
  if (ttft.length > 0) summary.ttft = { ms: summarize(ttft), addedP50Ms: Number.NaN, addedP99Ms: Number.NaN };
  const plan = raw.config.streaming.cpu;
  const rounds = streaming.flatMap((result) => result.cpuRounds ?? []);
  if (plan && rounds.length > 0) {
    const smallMs = rounds.map((round) => round.smallMicros / 1000);
    const marginal = rounds.map((round) => (round.largeMicros - round.smallMicros) / (plan.largeEventCount - plan.smallEventCount));
    summary.fixedCpu = {
      ms: median(smallMs),
      perRequestMs: summarize(streaming.flatMap((result) => result.cpuSmall?.cpuMicros ?? []).map((micros) => micros / 1000)),
      ratioToFloor: Number.NaN,
    };
    summary.marginalCpu = { microsPerEvent: median(marginal), rounds: summarize(marginal), ratioToFloor: Number.NaN };
  }
  const connections = streaming.flatMap((result) => (result.connectionsPerRequest === undefined ? [] : [result.connectionsPerRequest]));
  if (connections.length > 0) summary.connectionsPerRequest = median(connections);
  const throughput = streaming.flatMap((result) => result.throughput?.eventsPerSecond ?? []);
  if (throughput.length > 0 && raw.config.streaming.throughput) {
    summary.throughput = { eventsPerSecond: summarize(throughput), ratioToFloor: Number.NaN, eventCount: raw.config.streaming.throughput.eventCount };
  }
  const sizes = raw.config.streaming.largeEvent?.eventBytes ?? [];
  const large = sizes
    .map((eventBytes) => {
      const entries = streaming.flatMap((result) => result.largeEvent ?? []).filter((item) => item.eventBytes === eventBytes);
      if (entries.length === 0) return undefined;
      return {
        eventBytes,
        cpuMs: summarize(entries.flatMap((item) => item.cpuMs)),
        wallMs: summarize(entries.flatMap((item) => item.wallMs)),
        ratioToFloor: Number.NaN,
      };
    })
    .filter((item) => item !== undefined);
  if (large.length > 0) {
    summary.largeEvent = large;
    if (large.length > 1) {
      const first = large[0]!;
      const last = large[large.length - 1]!;
      summary.largeEventScaling = { cpuRatio: last.cpuMs.p50 / first.cpuMs.p50, sizeRatio: last.eventBytes / first.eventBytes };
    }
  }
  if (entry.concurrency.length > 0) {
    const levels = entry.concurrency[0]!.levels.map((level) => level.streams);
    summary.concurrency = levels.map((streams) => {
      const values = entry.concurrency.map((result) => result.levels.find((level) => level.streams === streams)!);
      const pick = (select: (level: (typeof values)[number]) => number) => median(values.map(select));
      return {
        streams,
        eventsPerSecond: pick((level) => level.eventsPerSecond),
        offeredEventsPerSecond: pick((level) => level.offeredEventsPerSecond),
        eventLoopDelayP99Ms: pick((level) => level.eventLoopDelayP99Ms),
        eventLoopDelayMaxMs: pick((level) => level.eventLoopDelayMaxMs),
        clientCpuShare: pick((level) => level.clientCpuShare),
        serverCpuShare: pick((level) => level.serverCpuShare),
      };
    });
  }
  if (entry.memory.length > 0) {
    const memory = entry.memory;
    const growth = memory.map((result) => {
      const samples = result.longStream.samples;
      return samples.length > 1 ? samples[samples.length - 1]!.heapUsed - samples[0]!.heapUsed : Number.NaN;
    });
    summary.memory = {
      longStreamEvents: raw.config.memory.longStream.eventCount,
      longStreamGrowthBytes: median(growth),
      sequentialStreams: raw.config.memory.sequential.streams,
      sequentialGrowthBytes: median(memory.map((result) => result.sequential.heapAtEnd - result.sequential.heapAtBaseline)),
      rssMaxBytes: median(memory.map((result) => Math.max(result.longStream.rssMax, result.sequential.rssAtEnd))),
    };
  }
  return summary;
}

function fillRatios(peers: PeerSummary[]): void {
  const byId = new Map(peers.map((peer) => [peer.id, peer]));
  for (const peer of peers) {
    const floor = byId.get(peer.floorId);
    if (floor === undefined) continue;
    if (peer.ttft && floor.ttft) {
      peer.ttft.addedP50Ms = peer.ttft.ms.p50 - floor.ttft.ms.p50;
      peer.ttft.addedP99Ms = peer.ttft.ms.p99 - floor.ttft.ms.p99;
    }
    if (peer.fixedCpu) peer.fixedCpu.ratioToFloor = ratio(peer.fixedCpu.ms, floor.fixedCpu?.ms);
    if (peer.marginalCpu) peer.marginalCpu.ratioToFloor = ratio(peer.marginalCpu.microsPerEvent, floor.marginalCpu?.microsPerEvent);
    if (peer.throughput) peer.throughput.ratioToFloor = ratio(peer.throughput.eventsPerSecond.p50, floor.throughput?.eventsPerSecond.p50);
    for (const item of peer.largeEvent ?? []) {
      const floorItem = floor.largeEvent?.find((candidate) => candidate.eventBytes === item.eventBytes);
      item.ratioToFloor = ratio(item.cpuMs.p50, floorItem?.cpuMs.p50);
    }
  }
}

/** Aggregates every sample of a run into the reported numbers. */
export function aggregateResults(raw: RawResults): BenchSummary {
  const peers = PEERS.map((peer) => summarizePeer(raw, peer.id)).filter((peer) => peer !== undefined);
  fillRatios(peers);
  const floorImport = raw.imports.floor?.runs.map((run) => run.importMs) ?? [];
  const imports: ImportSummary[] = IMPORT_TARGETS.filter((target) => raw.imports[target.id] !== undefined).map((target) => {
    const entry = raw.imports[target.id]!;
    const summary: ImportSummary = { id: target.id, label: target.label, kind: target.kind, errors: entry.errors };
    if (entry.gap !== undefined) summary.gap = entry.gap;
    if (entry.runs.length > 0) {
      summary.importMs = summarize(entry.runs.map((run) => run.importMs));
      summary.addedOverFloorMs = summary.importMs.p50 - median(floorImport);
      summary.rssDeltaMiB = median(entry.runs.map((run) => run.rssDeltaBytes)) / 2 ** 20;
    }
    if (entry.modules) summary.modules = entry.modules;
    return summary;
  });
  const sigv4: SigV4Summary[] = SIGNER_IDS.filter((id) => raw.sigv4[id] !== undefined).map((id) => {
    const entry = raw.sigv4[id]!;
    const bytes = [...new Set(entry.runs.flatMap((run) => run.map((body) => body.bytes)))];
    return {
      id,
      errors: entry.errors,
      ...(entry.gap !== undefined ? { gap: entry.gap } : {}),
      bodies: bytes.map((size) => ({
        bytes: size,
        microsPerSignature: summarize(entry.runs.flatMap((run) => run.filter((body) => body.bytes === size).flatMap((body) => body.microsPerSignature))),
      })),
    };
  });
  return {
    mode: raw.mode,
    startedAt: raw.startedAt,
    durationMs: raw.durationMs,
    machine: raw.machine,
    loadAverage: raw.loadAverage ?? { start: [], end: [] },
    build: raw.build,
    peers,
    imports,
    sigv4,
  };
}
