/**
 * A scenario tells the mock server how to shape one response. It travels in the model id, because
 * every client under test (SDKs included) sends the model id unchanged, in the body or in the
 * Converse path, so no client needs a custom header or URL.
 */
export type BenchScenario =
  /** `eventCount` text deltas; the first alone, the rest in ~16 KiB writes, no pause. */
  | { mode: "burst"; eventCount: number }
  /** Like burst, with a pause of `gapMs` after the first text delta (time-to-first-token mode). */
  | { mode: "ttft"; eventCount: number; gapMs: number }
  /** `eventsPerWrite` deltas per write, one write every `intervalMs` (token pacing). */
  | { mode: "paced"; eventCount: number; intervalMs: number; eventsPerWrite: number }
  /** The whole body in writes of `writeBytes` (pathological fragmentation). */
  | { mode: "fragmented"; eventCount: number; writeBytes: number }
  /** One text delta of `eventBytes` bytes of text, delivered in `writeBytes` writes. */
  | { mode: "large"; eventBytes: number; writeBytes: number };

/** The wire formats the mock serves. */
export type WireFormat = "openai-chat" | "openai-responses" | "anthropic-messages" | "converse-stream";

/** Every wire format, in report order. */
export const WIRE_FORMATS: readonly WireFormat[] = ["openai-chat", "openai-responses", "anthropic-messages", "converse-stream"];

/** Encodes a scenario as a model id (`bench.burst.2000`). */
export function scenarioModelId(scenario: BenchScenario): string {
  switch (scenario.mode) {
    case "burst":
      return `bench.burst.${scenario.eventCount}`;
    case "ttft":
      return `bench.ttft.${scenario.eventCount}.${scenario.gapMs}`;
    case "paced":
      return `bench.paced.${scenario.eventCount}.${scenario.intervalMs}.${scenario.eventsPerWrite}`;
    case "fragmented":
      return `bench.fragmented.${scenario.eventCount}.${scenario.writeBytes}`;
    case "large":
      return `bench.large.${scenario.eventBytes}.${scenario.writeBytes}`;
  }
}

/** Decodes a model id made by {@link scenarioModelId}; `undefined` when it is not one. */
export function parseScenarioModelId(modelId: string): BenchScenario | undefined {
  const [prefix, mode, ...rest] = modelId.split(".");
  if (prefix !== "bench") return undefined;
  const numbers = rest.map(Number);
  if (numbers.some((value) => !Number.isSafeInteger(value) || value < 0)) return undefined;
  const [first = 0, second = 0, third = 0] = numbers;
  switch (mode) {
    case "burst":
      return numbers.length === 1 ? { mode, eventCount: first } : undefined;
    case "ttft":
      return numbers.length === 2 ? { mode, eventCount: first, gapMs: second } : undefined;
    case "paced":
      return numbers.length === 3 && second > 0 && third > 0
        ? { mode, eventCount: first, intervalMs: second, eventsPerWrite: third }
        : undefined;
    case "fragmented":
      return numbers.length === 2 && second > 0 ? { mode, eventCount: first, writeBytes: second } : undefined;
    case "large":
      return numbers.length === 2 && second > 0 ? { mode, eventBytes: first, writeBytes: second } : undefined;
    default:
      return undefined;
  }
}

/** How many text deltas a scenario's stream carries. */
export function scenarioDeltaCount(scenario: BenchScenario): number {
  return scenario.mode === "large" ? 1 : scenario.eventCount;
}
