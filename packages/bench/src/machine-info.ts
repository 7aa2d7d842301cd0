import { readFileSync } from "node:fs";
import os from "node:os";
import { HAS_TASKSET } from "./run-node-process.js";

/** Where a run happened, for the method section. */
export interface MachineInfo {
  cpuModel: string;
  logicalCpus: number;
  /** MHz from /proc/cpuinfo, when it says. */
  cpuMhz?: number;
  memoryGiB: number;
  nodeVersion: string;
  v8Version: string;
  platform: string;
  kernel: string;
  taskset: boolean;
  /** Whether the pinned CPUs were kept from going idle (keep-cpus-awake.ts); unset in older results. */
  cpusKeptAwake?: boolean;
}

/** Reads the CPU model from /proc/cpuinfo (falls back to `os.cpus()`). */
export function machineInfo(): MachineInfo {
  let cpuModel = os.cpus()[0]?.model ?? "unknown";
  let cpuMhz: number | undefined;
  try {
    const cpuinfo = readFileSync("/proc/cpuinfo", "utf8");
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1]?.trim() ?? cpuModel;
    const mhz = /^cpu MHz\s*:\s*([\d.]+)$/m.exec(cpuinfo)?.[1];
    if (mhz !== undefined) cpuMhz = Math.round(Number(mhz));
  } catch {
    // Not Linux: os.cpus() is all there is.
  }
  return {
    cpuModel,
    logicalCpus: os.availableParallelism(),
    cpuMhz,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    nodeVersion: process.version,
    v8Version: process.versions.v8,
    platform: `${os.platform()} ${os.arch()}`,
    kernel: os.release(),
    taskset: HAS_TASKSET,
  };
}
