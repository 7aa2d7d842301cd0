/**
 * `@bedrock-kit/bench` (private): the benchmark harness behind `pnpm bench`. The entry points are
 * scripts (`run-bench.js`, `client-process.js`, `mock-server.js`, `import-probe.js`,
 * `sigv4-probe.js`); this module exports the pieces other tooling may reuse, without side effects.
 */
export { runBench, type RunOptions } from "./bench-runner.js";
export { FULL_CONFIG, SMOKE_CONFIG, type BenchConfig } from "./bench-config.js";
export { aggregateResults, type BenchSummary, type PeerSummary, type ImportSummary, type SigV4Summary } from "./aggregate-results.js";
export { checkTargets, type TargetResult } from "./check-targets.js";
export type { RawResults } from "./raw-results.js";
export { PEERS, peerById, floorOf } from "./peers/peer-registry.js";
export type { PeerDefinition, PeerSession, PeerKind } from "./peers/peer-definition.js";
export { scenarioModelId, parseScenarioModelId, type BenchScenario, type WireFormat } from "./bench-scenario.js";
export { renderResultsMarkdown } from "./report/render-markdown.js";
export { renderMarginalCpuChart } from "./report/render-marginal-cpu-chart.js";
