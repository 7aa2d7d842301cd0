/**
 * What one client process measures, chosen by the runner (full or smoke) and passed as JSON on
 * the command line, and what it reports back (one JSON line on stdout).
 */

/** Sequential streams on one keep-alive connection: latency, CPU, throughput, large events. */
export interface StreamingPlan {
  role: "streaming";
  /** Warm-up requests before anything is measured (5 events each, plus up to 10 of the larger size). */
  warmupRequests: number;
  /** Time to the first text delta: TTFT-mode streams (first event alone, then a gap). */
  ttft?: { requests: number; eventCount: number; gapMs: number };
  /** CPU per request at a small and a large event count, in alternating rounds. */
  cpu?: { rounds: number; smallEventCount: number; smallRequests: number; largeEventCount: number; largeRequests: number };
  /** Events per second on one connection over a long burst stream. */
  throughput?: { eventCount: number; requests: number };
  /**
   * One large text event, in small writes, at each size: at least 2 and at most `requests` per size,
   * repeating while a size has used less than `budgetMs` of wall time (a quadratic client spends
   * seconds per request; a linear one gets more samples of a noisy measurement).
   */
  largeEvent?: {
    eventBytes: number[];
    writeBytes: number;
    requests: number;
    budgetMs: number;
    /**
     * Warm-up requests per size (default 1). The first requests of a size run while the heap grows
     * to hold it (4 MiB: 120–145 ms where the steady state is 72–80 ms, floors alike), so one
     * warm-up left the median on the edge between the two; the extra ones run only for a client
     * whose first warm-up took under a quarter of `budgetMs`.
     */
    warmupRequests?: number;
  };
  /** Correctness under pathological fragmentation (no timing reported). */
  fragmented?: Array<{ eventCount: number; writeBytes: number }>;
}

/** Many paced streams at once. */
export interface ConcurrencyPlan {
  role: "concurrency";
  /** Each level runs once to open its connections, then once measured. */
  levels: Array<{ streams: number; eventCount: number; intervalMs: number; eventsPerWrite: number }>;
}

/** Heap after GC over one long stream and over many sequential streams (needs `--expose-gc`). */
export interface MemoryPlan {
  role: "memory";
  /** One long stream; the heap is sampled after GC when these delta counts are reached. */
  longStream: { eventCount: number; sampleAtDeltas: number[] };
  /** Sequential streams; the heap is sampled after GC after `baselineAfter` and after all of them. */
  sequential: { streams: number; eventCount: number; baselineAfter: number };
}

/** Any client plan. */
export type ClientPlan = StreamingPlan | ConcurrencyPlan | MemoryPlan;

/** Per-request numbers of one streaming phase. */
export interface RequestSamples {
  /** Process CPU (user + system, all threads) per request, µs. */
  cpuMicros: number[];
}

/** What a streaming process reports. */
export interface StreamingResult {
  role: "streaming";
  /** Call start to first text delta, ms, one per request. */
  ttftMs?: number[];
  /** One entry per round: mean CPU per request (µs) at the small and large event counts. */
  cpuRounds?: Array<{ smallMicros: number; largeMicros: number }>;
  /** Per-request samples of the CPU phase. */
  cpuSmall?: RequestSamples;
  cpuLarge?: RequestSamples;
  /** Events/s of each long stream, and its CPU. */
  throughput?: { eventsPerSecond: number[]; cpuMicros: number[] };
  /** Per size: CPU and wall time per request. */
  largeEvent?: Array<{ eventBytes: number; cpuMs: number[]; wallMs: number[] }>;
  /** New TCP connections the mock accepted per sequential request (0 when keep-alive is reused). */
  connectionsPerRequest?: number;
  /** Fragmented scenarios that passed the content check. */
  fragmentedChecked?: number;
}

/** What a concurrency process reports, per level. */
export interface ConcurrencyResult {
  role: "concurrency";
  levels: Array<{
    streams: number;
    events: number;
    wallMs: number;
    eventsPerSecond: number;
    /** Offered rate: what the server would send if the client kept up. */
    offeredEventsPerSecond: number;
    eventLoopDelayP99Ms: number;
    eventLoopDelayMaxMs: number;
    /** Client CPU time / wall time (1 = one core busy). */
    clientCpuShare: number;
    /** Server CPU time / wall time over the same window. */
    serverCpuShare: number;
  }>;
}

/** What a memory process reports (bytes). */
export interface MemoryResult {
  role: "memory";
  longStream: { samples: Array<{ deltas: number; heapUsed: number }>; heapAfterEnd: number; rssMax: number };
  sequential: { heapAtBaseline: number; heapAtEnd: number; rssAtEnd: number };
}

/** Any client result. */
export type ClientResult = StreamingResult | ConcurrencyResult | MemoryResult;
