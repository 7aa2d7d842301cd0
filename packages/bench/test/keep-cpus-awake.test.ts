import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HAS_CHRT, keepCpusAwake } from "../src/keep-cpus-awake.js";
import { HAS_TASKSET } from "../src/run-node-process.js";

const canSpin = HAS_CHRT && HAS_TASKSET;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Field 41 of /proc/PID/stat is the scheduling policy; SCHED_IDLE is 5. */
function schedulingPolicy(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[41 - 3]);
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

  it("leaves nothing spinning when the bench is killed outright", async () => {
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
    expect(await waitUntil(() => !isRunning(pid), 3000)).toBe(true);
  });
});

describe.skipIf(canSpin)("keepCpusAwake without chrt or taskset", () => {
  it("starts nothing", async () => {
    expect(await keepCpusAwake([0])).toBeUndefined();
  });
});
