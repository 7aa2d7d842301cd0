/**
 * Fresh-process import cost: `node --expose-gc dist/import-probe.js <target-id> [--count-modules]`.
 * Times `await import()` of the target's specifiers with `performance.now()`, and the RSS and heap
 * growth after GC. With `--count-modules` (a separate run, since the hook slows loading) it counts
 * every ES module loaded (through a loader hook) and every CommonJS module (`require.cache`), and
 * reports whether the AWS credential chain was loaded.
 */
import { createRequire, register } from "node:module";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { MessageChannel } from "node:worker_threads";
import { CREDENTIAL_CHAIN_MODULE, importTargetById } from "./import-targets.js";

function heapAndRss(): { heapUsed: number; rss: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return { heapUsed: usage.heapUsed, rss: usage.rss };
}

async function main(): Promise<void> {
  const [targetId, flag] = process.argv.slice(2);
  const target = importTargetById(targetId ?? "");
  const countModules = flag === "--count-modules";
  const esmUrls = new Set<string>();
  let channel: MessageChannel | undefined;
  if (countModules) {
    channel = new MessageChannel();
    channel.port1.on("message", (url: string) => esmUrls.add(url));
    register("./count-modules-hook.js", import.meta.url, { data: { port: channel.port2 }, transferList: [channel.port2] });
  }
  const before = heapAndRss();
  const startedAt = performance.now();
  try {
    for (const specifier of target.specifiers) await import(specifier);
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    process.stdout.write(`${JSON.stringify({ ok: false, gap: `${target.specifiers.join(", ")} does not load: ${message}` })}\n`);
    process.exit(0);
  }
  const importMs = performance.now() - startedAt;
  const after = heapAndRss();
  let modules: { count: number; loadsCredentialChain: boolean } | undefined;
  if (channel) {
    // Hook messages arrive asynchronously from the loader thread.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const files = new Set<string>(Object.keys(createRequire(import.meta.url).cache));
    for (const url of esmUrls) if (url.startsWith("file:")) files.add(fileURLToPath(url));
    for (const file of files) if (file.includes("/packages/bench/dist/")) files.delete(file);
    modules = {
      count: files.size,
      loadsCredentialChain: [...files].some((file) => file.includes(CREDENTIAL_CHAIN_MODULE)),
    };
    channel.port1.close();
  }
  process.stdout.write(
    `${JSON.stringify({
      ok: true,
      result: { importMs, rssDeltaBytes: after.rss - before.rss, heapDeltaBytes: after.heapUsed - before.heapUsed, modules },
    })}\n`,
  );
  process.exit(0);
}

main().catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ ok: false, error: String(error) })}\n`);
  process.exit(1);
});
