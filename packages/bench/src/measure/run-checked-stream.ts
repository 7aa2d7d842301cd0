import { performance } from "node:perf_hooks";
import { scenarioDeltaCount, scenarioModelId, type BenchScenario } from "../bench-scenario.js";
import { expectedText, largeEventText, TextChecker } from "../expected-text.js";
import type { PeerSession } from "../peers/peer-definition.js";

/** Timing of one checked stream. */
export interface StreamTiming {
  /** Call start to the end of the stream, ms. */
  wallMs: number;
  /** Call start to the first text delta, ms. */
  firstDeltaMs: number;
  /** Process CPU (user + system) spent between call start and the end, µs. */
  cpuMicros: number;
}

const expectedTexts = new Map<string, string>();

function expectedFor(scenario: BenchScenario): string {
  const key = scenario.mode === "large" ? `large:${scenario.eventBytes}` : `n:${scenario.eventCount}`;
  let text = expectedTexts.get(key);
  if (text === undefined) {
    text = scenario.mode === "large" ? largeEventText(scenario.eventBytes) : expectedText(scenario.eventCount);
    expectedTexts.set(key, text);
  }
  return text;
}

/**
 * Runs one stream and checks it: exactly the expected number of text deltas, concatenating to
 * exactly the expected text. Throws otherwise, so a wrong client cannot report a number.
 * `onDelta` (optional) sees the running delta count, for heap sampling.
 */
export async function runCheckedStream(
  session: PeerSession,
  scenario: BenchScenario,
  label: string,
  onDelta?: (deltaCount: number) => void,
): Promise<StreamTiming> {
  const checker = new TextChecker(expectedFor(scenario));
  let firstDeltaAt = 0;
  const accept = checker.accept;
  const onText = onDelta
    ? (text: string) => {
        if (firstDeltaAt === 0) firstDeltaAt = performance.now();
        accept(text);
        onDelta(checker.deltas);
      }
    : (text: string) => {
        if (firstDeltaAt === 0) firstDeltaAt = performance.now();
        accept(text);
      };
  const cpuBefore = process.cpuUsage();
  const startedAt = performance.now();
  await session.stream(scenarioModelId(scenario), onText);
  const endedAt = performance.now();
  const cpu = process.cpuUsage(cpuBefore);
  checker.verify(scenarioDeltaCount(scenario), `${label} ${scenarioModelId(scenario)}`);
  return { wallMs: endedAt - startedAt, firstDeltaMs: firstDeltaAt - startedAt, cpuMicros: cpu.user + cpu.system };
}
