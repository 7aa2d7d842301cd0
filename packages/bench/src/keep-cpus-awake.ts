import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { HAS_TASKSET } from "./run-node-process.js";

/** Whether `chrt` exists (Linux with util-linux), which can start a process under SCHED_IDLE. */
export const HAS_CHRT = process.platform === "linux" && spawnSync("chrt", ["--version"], { stdio: "ignore" }).status === 0;

/**
 * The spinner: a busy loop that checks every few milliseconds whether the bench that started it is
 * still its parent, and exits when it is not, so a bench killed with SIGKILL leaves nothing spinning.
 */
const SPINNER_SOURCE = "const parent = process.ppid; for (;;) { for (let i = 0; i < 2e6; i++); if (process.ppid !== parent) process.exit(0); }";

/** Spinners running on the pinned CPUs. */
export interface CpuKeepAwake {
  /** The CPUs kept awake. */
  readonly cpus: readonly number[];
  /** Process ids of the spinners (for tests and for the log). */
  readonly pids: readonly number[];
  /** Stops every spinner (idempotent). */
  stop(): void;
}

/**
 * Keeps the given CPUs from going idle with one SCHED_IDLE busy loop per CPU, for the length of a
 * run. Why: on a VM, a client and a mock that wait on each other let both vCPUs halt between
 * requests, and waking a halted vCPU is up to the hypervisor. On the 2-core VM of our runs that
 * wake-up switches, for seconds at a time, from ~0.3 ms to 3–8 ms per round trip (a bare `node:net`
 * ping-pong with 20 ms gaps shows it: ~65 consecutive round trips of 3.8/6.8/7.8 ms), which swamped
 * first-text-delta percentiles of whichever peer ran at the time (floor and ours alike). A
 * SCHED_IDLE task runs only when nothing else wants the CPU, so the processes measured take the
 * CPU at once; their CPU time is their own (measured per process), unchanged within 2% in an A/B.
 * Returns `undefined` where it cannot run (no `chrt` or `taskset`, not Linux).
 */
export async function keepCpusAwake(cpus: readonly number[]): Promise<CpuKeepAwake | undefined> {
  if (!HAS_CHRT || !HAS_TASKSET) return undefined;
  const children: ChildProcess[] = cpus.map((cpu) =>
    spawn("chrt", ["--idle", "0", "taskset", "-c", String(cpu), process.execPath, "-e", SPINNER_SOURCE], { stdio: "ignore" }),
  );
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    process.off("exit", stop);
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  };
  process.on("exit", stop);
  // A spinner that could not start (no permission, a missing binary) exits at once: then none run.
  const started = await Promise.all(
    children.map(
      (child) =>
        new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(true), 200);
          child.once("exit", () => {
            clearTimeout(timer);
            resolve(false);
          });
          child.once("error", () => {
            clearTimeout(timer);
            resolve(false);
          });
        }),
    ),
  );
  if (started.includes(false)) {
    stop();
    return undefined;
  }
  return { cpus: [...cpus], pids: children.map((child) => child.pid!), stop };
}
