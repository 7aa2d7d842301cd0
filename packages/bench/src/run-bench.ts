/**
 * `pnpm bench` entry.
 *
 *   pnpm bench                 full run (~15 min on 2 cores); writes packages/bench/results/
 *   pnpm bench --smoke         every peer and scenario, a few hundred events, one process per peer;
 *                              fails on wrong counts/content or a crash, never on timing (CI)
 *   pnpm bench --check         full run, then exit 1 unless every issue-8 target is met
 *   pnpm bench --from FILE     no run: re-aggregate, re-render and re-check a results JSON
 *   --peers a,b                only these peers (and their floors), for development
 *   --no-build                 do not `tsc -b` our packages first (when the caller just built them)
 *   --no-keep-awake            let the pinned CPUs idle between requests (see keep-cpus-awake.ts)
 *   --update-docs              also replace the generated section of BENCHMARKS.md
 *   --out DIR                  write results there instead of packages/bench/results/
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { aggregateResults } from "./aggregate-results.js";
import { FULL_CONFIG, SMOKE_CONFIG, type BenchConfig } from "./bench-config.js";
import { REPO_ROOT, runBench } from "./bench-runner.js";
import { checkTargets } from "./check-targets.js";
import type { RawResults } from "./raw-results.js";
import { renderMarginalCpuChart } from "./report/render-marginal-cpu-chart.js";
import { renderResultsMarkdown } from "./report/render-markdown.js";
import { replaceGeneratedSection } from "./report/replace-generated-section.js";

const RESULTS_DIRECTORY = fileURLToPath(new URL("../results/", import.meta.url));
const CHART_FILE = "marginal-cpu-per-event.svg";
const RESULTS_FILE = "bench-results.json";

interface CliOptions {
  smoke: boolean;
  check: boolean;
  from?: string;
  peers?: string[];
  build: boolean;
  keepAwake: boolean;
  updateDocs: boolean;
  out?: string;
}

function parseArguments(argv: string[]): CliOptions {
  const options: CliOptions = { smoke: false, check: false, build: true, keepAwake: true, updateDocs: false };
  for (let index = 0; index < argv.length; index += 1) {
    const argument = argv[index]!;
    const value = () => {
      const next = argv[++index];
      if (next === undefined) throw new Error(`${argument} needs a value`);
      return next;
    };
    // pnpm runs the script in packages/bench; paths are meant relative to where the user typed.
    const path = () => resolve(process.env.INIT_CWD ?? process.cwd(), value());
    if (argument === "--") continue;
    else if (argument === "--smoke") options.smoke = true;
    else if (argument === "--check") options.check = true;
    else if (argument === "--from") options.from = path();
    else if (argument === "--peers") options.peers = value().split(",");
    else if (argument === "--no-build") options.build = false;
    else if (argument === "--no-keep-awake") options.keepAwake = false;
    else if (argument === "--update-docs") options.updateDocs = true;
    else if (argument === "--out") options.out = path();
    else throw new Error(`unknown argument ${argument} (see the header of packages/bench/src/run-bench.ts)`);
  }
  return options;
}

/** Rounds every fractional number to 5 significant digits, to keep the committed JSON small. */
function compact(_key: string, value: unknown): unknown {
  return typeof value === "number" && !Number.isInteger(value) ? Number(value.toPrecision(5)) : value;
}

function withKeepAwake(config: BenchConfig, keepAwake: boolean): BenchConfig {
  return keepAwake ? config : { ...config, keepCpusAwake: false };
}

async function main(): Promise<number> {
  const options = parseArguments(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
  const raw: RawResults = options.from
    ? ((JSON.parse(readFileSync(options.from, "utf8")) as { raw: RawResults }).raw)
    : await runBench({
        config: withKeepAwake(options.smoke ? SMOKE_CONFIG : FULL_CONFIG, options.keepAwake),
        skipBuild: !options.build,
        log,
        ...(options.peers ? { peerFilter: options.peers } : {}),
      });
  const summary = aggregateResults(raw);
  const targets = checkTargets(summary);
  const markdown = renderResultsMarkdown(summary, targets, raw.config);
  process.stdout.write(`\n${markdown}\n`);

  const writeResults = !options.smoke || options.out !== undefined;
  if (writeResults && !options.from) {
    const directory = options.out ?? RESULTS_DIRECTORY;
    mkdirSync(directory, { recursive: true });
    // Summary and targets indented for reading and diffing; the raw samples on one line.
    const document = `{\n"summary": ${JSON.stringify(summary, compact, 1)},\n"targets": ${JSON.stringify(targets, null, 1)},\n"raw": ${JSON.stringify(raw, compact)}\n}\n`;
    writeFileSync(join(directory, RESULTS_FILE), document);
    writeFileSync(join(directory, CHART_FILE), renderMarginalCpuChart(summary));
    writeFileSync(join(directory, "results.md"), markdown);
    log(`wrote ${join(directory, RESULTS_FILE)}, ${CHART_FILE}, results.md`);
  } else if (options.from) {
    const directory = options.out ?? RESULTS_DIRECTORY;
    writeFileSync(join(directory, CHART_FILE), renderMarginalCpuChart(summary));
    writeFileSync(join(directory, "results.md"), markdown);
  }
  if (options.updateDocs) {
    const path = join(REPO_ROOT, "BENCHMARKS.md");
    writeFileSync(path, replaceGeneratedSection(readFileSync(path, "utf8"), markdown));
    log(`updated the generated section of ${path}`);
  }

  const broken = [
    ...summary.peers.flatMap((peer) => peer.errors.map((error) => `${peer.id}: ${error}`)),
    ...summary.imports.flatMap((target) => target.errors.map((error) => `import ${target.id}: ${error}`)),
    ...summary.sigv4.flatMap((signer) => signer.errors.map((error) => `sigv4 ${signer.id}: ${error}`)),
  ];
  const gaps = [
    ...summary.peers.filter((peer) => peer.gap !== undefined).map((peer) => `${peer.id}: ${peer.gap}`),
    ...summary.imports.filter((target) => target.gap !== undefined).map((target) => `import ${target.id}: ${target.gap}`),
    ...summary.sigv4.filter((signer) => signer.gap !== undefined).map((signer) => `sigv4 ${signer.id}: ${signer.gap}`),
  ];
  for (const gap of gaps) log(`GAP (not measured, no number reported): ${gap}`);
  for (const error of broken) log(`BROKEN: ${error}`);
  if (broken.length > 0) {
    log(`${broken.length} failure(s): the bench is broken (a wrong count or content, or a crash)`);
    return 1;
  }
  if (options.check) {
    const gated = targets.filter((target) => target.source === "issue-8");
    const failed = gated.filter((target) => target.met !== true);
    for (const target of failed) log(`TARGET ${target.met === false ? "MISSED" : "NOT MEASURED"}: ${target.subject}: ${target.rule} — ${target.actual}`);
    log(`targets: ${gated.length - failed.length}/${gated.length} met`);
    if (failed.length > 0) return 1;
  }
  log(options.smoke ? "smoke passed: every measured peer streamed the exact expected events" : "done");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[bench] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(2);
  },
);
