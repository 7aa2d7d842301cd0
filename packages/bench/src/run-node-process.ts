import { spawn, spawnSync } from "node:child_process";

/** Whether `taskset` exists here (Linux with util-linux). */
export const HAS_TASKSET = spawnSync("taskset", ["--version"], { stdio: "ignore" }).status === 0;

/** How to start one child process. */
export interface NodeProcessOptions {
  /** Script path (absolute). */
  script: string;
  /** Script arguments. */
  args: string[];
  /** Node flags, before the script. */
  nodeFlags?: string[];
  /** Pin to this CPU with `taskset -c`, when taskset exists. */
  cpu?: number;
  /** Kill the process after this long. */
  timeoutMs: number;
}

/** What a finished child printed. */
export interface NodeProcessOutput {
  /** Exit code (`null` when killed). */
  code: number | null;
  stdout: string;
  stderr: string;
  /** True when the timeout killed it. */
  timedOut: boolean;
}

/** Runs node on a script and collects its output. */
export function runNodeProcess(options: NodeProcessOptions): Promise<NodeProcessOutput> {
  const nodeArgs = [...(options.nodeFlags ?? []), options.script, ...options.args];
  const pinned = HAS_TASKSET && options.cpu !== undefined;
  const command = pinned ? "taskset" : process.execPath;
  const args = pinned ? ["-c", String(options.cpu), process.execPath, ...nodeArgs] : nodeArgs;
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let timedOut = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, timedOut });
    });
  });
}

/** The last JSON line a child printed, or `undefined`. */
export function lastJsonLine(stdout: string): unknown {
  const lines = stdout.trim().split("\n").reverse();
  for (const line of lines) {
    if (!line.startsWith("{")) continue;
    try {
      return JSON.parse(line);
    } catch {
      continue;
    }
  }
  return undefined;
}
