/**
 * One client process: `node --expose-gc dist/client-process.js <peer-id> <base-url> <plans-json>`.
 * Loads one peer, runs the plans (a JSON array) in order on one session, prints one JSON line
 * (`{"ok":true,"results":[…]}`, `{"ok":false,"gap":…}` or `{"ok":false,"error":…}`) and exits.
 */
import type { ClientPlan, ClientResult } from "./client-plan.js";
import { measureConcurrency } from "./measure/measure-concurrency.js";
import { measureMemory } from "./measure/measure-memory.js";
import { measureStreaming } from "./measure/measure-streaming.js";
import { PeerUnavailableError } from "./peers/peer-definition.js";
import { peerById } from "./peers/peer-registry.js";

async function main(): Promise<void> {
  const [peerId, baseUrl, planJson] = process.argv.slice(2);
  if (peerId === undefined || baseUrl === undefined || planJson === undefined) {
    throw new Error("usage: client-process.js <peer-id> <base-url> <plans-json>");
  }
  const plans = JSON.parse(planJson) as ClientPlan[];
  const peer = peerById(peerId);
  const session = await peer.create(baseUrl);
  const results: ClientResult[] = [];
  for (const plan of plans) {
    if (plan.role === "streaming") results.push(await measureStreaming(session, plan, baseUrl, peer.id));
    else if (plan.role === "concurrency") results.push(await measureConcurrency(session, plan, baseUrl, peer.id));
    else results.push(await measureMemory(session, plan, peer.id));
  }
  process.stdout.write(`${JSON.stringify({ ok: true, results })}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    const line = error instanceof PeerUnavailableError ? { ok: false, gap: message } : { ok: false, error: message, stack: (error as Error)?.stack };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    process.exit(error instanceof PeerUnavailableError ? 0 : 1);
  },
);
