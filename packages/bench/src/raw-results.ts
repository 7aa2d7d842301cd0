import type { BenchConfig } from "./bench-config.js";
import type { ConcurrencyResult, MemoryResult, StreamingResult } from "./client-plan.js";
import type { MachineInfo } from "./machine-info.js";

/** One fresh-process import measurement. */
export interface ImportRun {
  importMs: number;
  rssDeltaBytes: number;
  heapDeltaBytes: number;
}

/** What a run collected before aggregation (every sample, for re-analysis). */
export interface RawResults {
  mode: BenchConfig["mode"];
  startedAt: string;
  durationMs: number;
  machine: MachineInfo;
  /** 1/5/15-minute load averages at the start and the end: other work on the machine skews everything. */
  loadAverage: { start: number[]; end: number[] };
  config: BenchConfig;
  /** Outcome of building our packages before the run (`tsc -b`). */
  build: Record<string, { ok: boolean; message?: string }>;
  imports: Record<string, { runs: ImportRun[]; modules?: { count: number; loadsCredentialChain: boolean }; gap?: string; errors: string[] }>;
  peers: Record<
    string,
    { streaming: StreamingResult[]; concurrency: ConcurrencyResult[]; memory: MemoryResult[]; gap?: string; errors: string[] }
  >;
  sigv4: Record<string, { runs: Array<Array<{ bytes: number; microsPerSignature: number[] }>>; gap?: string; errors: string[] }>;
}
