import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import os from "node:os";
import { fileURLToPath } from "node:url";
import type { BenchConfig } from "./bench-config.js";
import type { ClientPlan, ClientResult, ConcurrencyResult, MemoryResult, StreamingResult } from "./client-plan.js";
import { IMPORT_TARGETS } from "./import-targets.js";
import { keepCpusAwake } from "./keep-cpus-awake.js";
import { machineInfo } from "./machine-info.js";
import { PEERS } from "./peers/peer-registry.js";
import { alternate, groupByFormat } from "./run-order.js";
import type { RawResults } from "./raw-results.js";
import { HAS_TASKSET, lastJsonLine, runNodeProcess } from "./run-node-process.js";
import { SIGNER_IDS } from "./sigv4-signers.js";

/** The client under test runs on CPU 0, the mock server on CPU 1 (when taskset exists). */
const CLIENT_CPU = 0;
const SERVER_CPU = 1;

const DIST = fileURLToPath(new URL("./", import.meta.url));
/** Repository root, from packages/bench/dist/. */
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));

/** Our packages, built before the run; a failed build turns their peers into reported gaps. */
const OUR_PACKAGES = [
  { directory: "packages/aws-auth", dependents: ["ours-mantle", "ours-converse", "sigv4:ours"] },
  { directory: "plugins/bedrock-mantle", dependents: ["ours-mantle"] },
  { directory: "plugins/bedrock-converse", dependents: ["ours-converse"] },
];

/** Options of one run. */
export interface RunOptions {
  config: BenchConfig;
  /** Only these peers (and their floors); all when unset. */
  peerFilter?: string[];
  /** Skip `tsc -b` of our packages (CI builds first). */
  skipBuild: boolean;
  /** Progress lines. */
  log: (line: string) => void;
}

function buildOurPackages(log: (line: string) => void): RawResults["build"] {
  const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
  const build: RawResults["build"] = {};
  for (const { directory } of OUR_PACKAGES) {
    const started = Date.now();
    const outcome = spawnSync(process.execPath, [tsc, "-b", directory], { cwd: REPO_ROOT, encoding: "utf8" });
    const ok = outcome.status === 0;
    const message = ok ? undefined : `${outcome.stdout}${outcome.stderr}`.trim().split("\n").slice(0, 6).join("\n");
    build[directory] = ok ? { ok } : { ok, message };
    log(`build ${directory}: ${ok ? "ok" : "FAILED"} (${Date.now() - started} ms)${ok ? "" : `\n${message}`}`);
  }
  return build;
}

/** Gap reason for a peer or import target whose package failed to build. */
function buildGap(build: RawResults["build"], dependent: string): string | undefined {
  for (const { directory, dependents } of OUR_PACKAGES) {
    const outcome = build[directory];
    if (outcome && !outcome.ok && dependents.includes(dependent)) return `tsc -b ${directory} failed; not measured (stale output is never used)`;
  }
  return undefined;
}

async function startMockServer(log: (line: string) => void): Promise<{ baseUrl: string; child: ChildProcess }> {
  const script = `${DIST}mock-server.js`;
  const command = HAS_TASKSET ? "taskset" : process.execPath;
  const args = HAS_TASKSET ? ["-c", String(SERVER_CPU), process.execPath, script] : [script];
  const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => log(`mock-server: ${chunk.trim()}`));
  const port = await new Promise<number>((resolve, reject) => {
    let buffered = "";
    child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
      buffered += chunk;
      const newline = buffered.indexOf("\n");
      if (newline >= 0) resolve((JSON.parse(buffered.slice(0, newline)) as { port: number }).port);
    });
    child.on("exit", (code) => reject(new Error(`mock server exited with ${code}`)));
  });
  return { baseUrl: `http://127.0.0.1:${port}`, child };
}

type ChildOutcome<T> = { kind: "ok"; value: T } | { kind: "gap"; reason: string } | { kind: "error"; message: string };

async function runChild<T>(script: string, args: string[], nodeFlags: string[], timeoutMs: number): Promise<ChildOutcome<T>> {
  const output = await runNodeProcess({ script: `${DIST}${script}`, args, nodeFlags, cpu: CLIENT_CPU, timeoutMs });
  const line = lastJsonLine(output.stdout) as { ok?: boolean; result?: T; results?: T; gap?: string; error?: string } | undefined;
  if (output.timedOut) return { kind: "error", message: `timed out after ${timeoutMs} ms` };
  if (line?.ok === true) return { kind: "ok", value: (line.results ?? line.result) as T };
  if (line?.gap !== undefined) return { kind: "gap", reason: line.gap };
  const detail = line?.error ?? (output.stderr.trim().split("\n").slice(-5).join(" | ") || `exit code ${output.code}`);
  return { kind: "error", message: detail };
}

/** Runs the whole benchmark and returns every sample. */
export async function runBench(options: RunOptions): Promise<RawResults> {
  const { config, log } = options;
  const startedAt = new Date();
  const build = options.skipBuild ? {} : buildOurPackages(log);
  const selected = groupByFormat(PEERS).filter(
    (peer) => options.peerFilter === undefined || options.peerFilter.includes(peer.id) || (peer.kind === "floor" && options.peerFilter.some((id) => PEERS.find((candidate) => candidate.id === id)?.format === peer.format)),
  );
  const raw: RawResults = {
    mode: config.mode,
    startedAt: startedAt.toISOString(),
    durationMs: 0,
    machine: machineInfo(),
    loadAverage: { start: os.loadavg(), end: [] },
    config,
    build,
    imports: {},
    peers: {},
    sigv4: {},
  };
  if (!HAS_TASKSET) log("taskset not found: processes are not pinned (numbers are noisier)");
  const awake = config.keepCpusAwake ? await keepCpusAwake([CLIENT_CPU, SERVER_CPU]) : undefined;
  raw.machine.cpusKeptAwake = awake !== undefined;
  if (config.keepCpusAwake) {
    log(awake ? `CPUs ${awake.cpus.join(", ")} kept awake by SCHED_IDLE spinners (pids ${awake.pids.join(", ")})` : "no spinners (chrt or taskset missing, or they would not start): CPUs may idle between requests (first-delta tails are noisier on VMs)");
  }
  try {
    return await measure(options, raw, build, selected);
  } finally {
    awake?.stop();
  }
}

async function measure(options: RunOptions, raw: RawResults, build: RawResults["build"], selected: typeof PEERS): Promise<RawResults> {
  const { config, log } = options;

  // Import time: no server needed.
  const targets = IMPORT_TARGETS.filter((target) => selected.some((peer) => peer.importTarget === target.id));
  for (const target of targets) {
    const gap = buildGap(build, target.id);
    raw.imports[target.id] = gap ? { runs: [], gap, errors: [] } : { runs: [], errors: [] };
  }
  for (let round = 0; round < config.importRuns; round += 1) {
    for (const target of alternate(targets, round)) {
      const entry = raw.imports[target.id]!;
      if (entry.gap !== undefined) continue;
      const outcome = await runChild<RawResults["imports"][string]["runs"][number]>("import-probe.js", [target.id], ["--expose-gc"], config.processTimeoutMs);
      if (outcome.kind === "ok") entry.runs.push(outcome.value);
      else if (outcome.kind === "gap") entry.gap = outcome.reason;
      else entry.errors.push(outcome.message);
    }
    log(`import round ${round + 1}/${config.importRuns} done`);
  }
  for (const target of targets) {
    const entry = raw.imports[target.id]!;
    if (entry.gap !== undefined) continue;
    const outcome = await runChild<{ modules?: { count: number; loadsCredentialChain: boolean } }>(
      "import-probe.js",
      [target.id, "--count-modules"],
      ["--expose-gc"],
      config.processTimeoutMs,
    );
    if (outcome.kind === "ok") entry.modules = outcome.value.modules;
    else if (outcome.kind === "error") entry.errors.push(`module count: ${outcome.message}`);
  }

  const server = await startMockServer(log);
  log(`mock server on ${server.baseUrl}${HAS_TASKSET ? ` (CPU ${SERVER_CPU}; clients on CPU ${CLIENT_CPU})` : ""}`);
  try {
    for (const peer of selected) {
      const gap = buildGap(build, peer.importTarget);
      raw.peers[peer.id] = { streaming: [], concurrency: [], memory: [], errors: [], ...(gap ? { gap } : {}) };
    }
    const phases: Array<{ name: string; repeats: number; plans: ClientPlan[] }> = config.oneProcessPerPeer
      ? [{ name: "all roles", repeats: 1, plans: [config.streaming, config.concurrency, config.memory] }]
      : [
          { name: "streaming", repeats: config.streamingRepeats, plans: [config.streaming] },
          { name: "concurrency", repeats: config.concurrencyRepeats, plans: [config.concurrency] },
          { name: "memory", repeats: config.memoryRepeats, plans: [config.memory] },
        ];
    for (const phase of phases) {
      for (let round = 0; round < phase.repeats; round += 1) {
        for (const peer of alternate(selected, round)) {
          const entry = raw.peers[peer.id]!;
          if (entry.gap !== undefined) continue;
          const started = Date.now();
          const outcome = await runChild<ClientResult[]>(
            "client-process.js",
            [peer.id, server.baseUrl, JSON.stringify(phase.plans)],
            ["--expose-gc"],
            config.processTimeoutMs,
          );
          if (outcome.kind === "ok") {
            for (const result of outcome.value) {
              if (result.role === "streaming") entry.streaming.push(result as StreamingResult);
              else if (result.role === "concurrency") entry.concurrency.push(result as ConcurrencyResult);
              else entry.memory.push(result as MemoryResult);
            }
          } else if (outcome.kind === "gap") {
            entry.gap = outcome.reason;
          } else {
            entry.errors.push(`${phase.name}: ${outcome.message}`);
          }
          const status = outcome.kind === "ok" ? "ok" : outcome.kind === "gap" ? `GAP ${outcome.reason}` : `ERROR ${outcome.message}`;
          log(`${phase.name} ${round + 1}/${phase.repeats} ${peer.id}: ${status} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        }
      }
    }
  } finally {
    server.child.kill("SIGTERM");
  }

  const signerGap = buildGap(build, "sigv4:ours");
  for (const signer of SIGNER_IDS) raw.sigv4[signer] = { runs: [], errors: [], ...(signer === "ours" && signerGap ? { gap: signerGap } : {}) };
  for (let round = 0; round < config.sigv4Repeats; round += 1) {
    for (const signer of alternate(SIGNER_IDS, round)) {
      const entry = raw.sigv4[signer]!;
      if (entry.gap !== undefined) continue;
      const outcome = await runChild<RawResults["sigv4"][string]["runs"][number]>(
        "sigv4-probe.js",
        [signer, JSON.stringify(config.sigv4)],
        [],
        config.processTimeoutMs,
      );
      if (outcome.kind === "ok") entry.runs.push(outcome.value);
      else if (outcome.kind === "gap") entry.gap = outcome.reason;
      else entry.errors.push(outcome.message);
    }
  }
  log("sigv4 done");
  raw.durationMs = Date.now() - Date.parse(raw.startedAt);
  raw.loadAverage.end = os.loadavg();
  return raw;
}
