#!/usr/bin/env node
import { runCli } from "./cli/run-cli.js";

const interrupt = new AbortController();
process.once("SIGINT", () => {
  interrupt.abort();
  // A second Ctrl-C while the first is being honoured means "now".
  process.once("SIGINT", () => process.exit(130));
});

const exitCode = await runCli(process.argv.slice(2), {
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  cwd: process.cwd(),
  signal: interrupt.signal,
});
process.exitCode = exitCode;
// Let pending output drain and the process end on its own; if a plugin left a handle open, do not hang.
setTimeout(() => process.exit(exitCode), 2_000).unref();
