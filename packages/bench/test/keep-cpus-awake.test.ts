import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HAS_CHRT, keepCpusAwake } from "../src/keep-cpus-awake.js";
import { HAS_TASKSET } from "../src/run-node-process.js";

const canSpin = HAS_CHRT && HAS_TASKSET;

/** The fields of /proc/PID/stat after the command name (field 3, the state, first); undefined once the process is reaped. */
function statFields(pid: number): string[] | undefined {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  } catch {
    return undefined;
  }
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/**
 * Whether the process runs. A spinner orphaned by a killed parent is reaped by whoever adopts it; where
 * that is a PID 1 or subreaper that never reaps (some CI containers), it stays a zombie, which has
 * exited but still answers `kill(pid, 0)`. So a zombie (state Z) counts as gone.
 */
function isRunning(pid: number): boolean {
  const fields = statFields(pid);
  return fields !== undefined && fields[0] !== "Z";
}

/** Field 41 of /proc/PID/stat is the scheduling policy; SCHED_IDLE is 5. */
function schedulingPolicy(pid: number): number {
  return Number(statFields(pid)?.[41 - 3]);
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return condition();
}

describe.runIf(canSpin)("keepCpusAwake", () => {
  it("runs one SCHED_IDLE spinner per CPU until stopped", async () => {
    const awake = await keepCpusAwake([0]);
    expect(awake).toBeDefined();
    try {
      expect(awake!.pids).toHaveLength(1);
      const pid = awake!.pids[0]!;
      expect(isRunning(pid)).toBe(true);
      expect(schedulingPolicy(pid)).toBe(5);
    } finally {
      awake!.stop();
      awake!.stop();
    }
    expect(await waitUntil(() => !isRunning(awake!.pids[0]!), 2000)).toBe(true);
  });

  it("leaves nothing spinning when the bench is killed outright", { timeout: 20_000 }, async () => {
    // A parent that starts a spinner, prints its pid, then waits to be killed with SIGKILL.
    const module = fileURLToPath(new URL("../dist/keep-cpus-awake.js", import.meta.url));
    const parent = spawn(
      process.execPath,
      ["--input-type=module", "-e", `const { keepCpusAwake } = await import(${JSON.stringify(module)}); const a = await keepCpusAwake([0]); console.log(a.pids[0]); setInterval(() => {}, 1000);`],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    // Runs the built module (the suite runs after the build); a parent that dies first fails the test at once.
    const pid = await new Promise<number>((resolve, reject) => {
      parent.stdout!.once("data", (chunk: Buffer) => resolve(Number(String(chunk).trim())));
      parent.once("exit", (code) => reject(new Error(`the parent exited (${code}) before starting a spinner; is packages/bench built?`)));
    });
    expect(isRunning(pid)).toBe(true);
    parent.kill("SIGKILL");
    // Generous: under SCHED_IDLE the spinner gets almost no CPU while other test files keep both cores busy.
    expect(await waitUntil(() => !isRunning(pid), 10_000)).toBe(true);
  });
});

describe.skipIf(canSpin)("keepCpusAwake without chrt or taskset", () => {
  it("starts nothing", async () => {
    expect(await keepCpusAwake([0])).toBeUndefined();
  });
});
