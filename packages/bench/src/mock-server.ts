/**
 * The loopback upstream of the benchmarks: a minimal `node:http` server, run in its own process
 * (pinned to its own core by the runner), that answers Mantle's three APIs and ConverseStream with
 * pre-encoded bodies shaped by the scenario in the model id. It checks nothing and computes nothing
 * per request beyond reading the model id, so its cost is the same for every client under test.
 *
 * Prints `{"port":N}` on stdout once listening. `GET /__stats` returns its CPU time (so the runner
 * can tell when the server, not the client, was the bottleneck) and the connections accepted (so a
 * client that does not reuse its keep-alive socket shows).
 */
import http from "node:http";
import { performance } from "node:perf_hooks";
import { setImmediate as yieldToLoop } from "node:timers/promises";
import { parseScenarioModelId, type WireFormat } from "./bench-scenario.js";
import { wireContentType } from "./encode-wire-events.js";
import { planResponseWrites, type WritePlan } from "./plan-response-writes.js";

const plans = new Map<string, WritePlan>();

function planFor(format: WireFormat, modelId: string): WritePlan | undefined {
  const key = `${format}|${modelId}`;
  let plan = plans.get(key);
  if (plan === undefined) {
    const scenario = parseScenarioModelId(modelId);
    if (scenario === undefined) return undefined;
    plan = planResponseWrites(format, modelId, scenario);
    plans.set(key, plan);
  }
  return plan;
}

function formatOfPath(path: string): { format: WireFormat; modelFromPath?: string } | undefined {
  if (path.endsWith("/chat/completions")) return { format: "openai-chat" };
  if (path.endsWith("/responses")) return { format: "openai-responses" };
  if (path.endsWith("/messages")) return { format: "anthropic-messages" };
  const converse = /^\/model\/([^/]+)\/converse-stream$/.exec(path);
  if (converse) return { format: "converse-stream", modelFromPath: decodeURIComponent(converse[1]!) };
  return undefined;
}

/** Paced streams share one timer per interval: one write per stream per tick. */
interface PacedStream {
  response: http.ServerResponse;
  writes: Buffer[];
  next: number;
}
const pacedGroups = new Map<number, { streams: Set<PacedStream>; timer: NodeJS.Timeout }>();

function tickPaced(intervalMs: number): void {
  const group = pacedGroups.get(intervalMs);
  if (group === undefined) return;
  for (const stream of group.streams) {
    if (stream.response.destroyed) {
      group.streams.delete(stream);
      continue;
    }
    // Respect backpressure: a client that cannot keep up gets its events later, not buffered here.
    if (stream.response.writableNeedDrain) continue;
    stream.response.write(stream.writes[stream.next++]);
    if (stream.next === stream.writes.length) {
      stream.response.end();
      group.streams.delete(stream);
    }
  }
  if (group.streams.size === 0) {
    clearInterval(group.timer);
    pacedGroups.delete(intervalMs);
  }
}

function startPaced(response: http.ServerResponse, plan: WritePlan, from: number): void {
  let group = pacedGroups.get(plan.intervalMs);
  if (group === undefined) {
    const intervalMs = plan.intervalMs;
    group = { streams: new Set(), timer: setInterval(() => tickPaced(intervalMs), intervalMs) };
    pacedGroups.set(intervalMs, group);
  }
  group.streams.add({ response, writes: plan.writes, next: from });
}

/** Busy-waits (the mock owns its core): timers cannot pace writes tens of µs apart. */
function spin(micros: number): void {
  const until = performance.now() + micros / 1000;
  while (performance.now() < until) {
    // Waiting on purpose.
  }
}

function waitForDrain(response: http.ServerResponse): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      response.off("drain", done);
      response.off("close", done);
      resolve();
    };
    response.on("drain", done);
    response.on("close", done);
  });
}

async function sendPlan(response: http.ServerResponse, plan: WritePlan): Promise<void> {
  response.write(plan.writes[0]);
  if (plan.writes.length === 1) {
    response.end();
    return;
  }
  if (plan.intervalMs > 0) {
    startPaced(response, plan, 1);
    return;
  }
  if (plan.gapAfterFirstMs > 0) await new Promise((resolve) => setTimeout(resolve, plan.gapAfterFirstMs));
  for (let index = 1; index < plan.writes.length; index += 1) {
    if (response.destroyed) return;
    if (plan.spinMicrosBetweenWrites > 0) spin(plan.spinMicrosBetweenWrites);
    const flushed = response.write(plan.writes[index]);
    if (plan.yieldBetweenWrites) await yieldToLoop();
    else if (!flushed) await waitForDrain(response);
  }
  response.end();
}

function readBody(request: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    request.on("error", reject);
  });
}

function reply(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  response.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text) });
  response.end(text);
}

let requestCount = 0;
let connectionCount = 0;

async function handle(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
  const path = (request.url ?? "/").split("?")[0]!;
  if (request.method === "GET" && path === "/__stats") {
    const usage = process.cpuUsage();
    reply(response, 200, { cpuMicros: usage.user + usage.system, uptimeMs: process.uptime() * 1000, requestCount, connectionCount });
    return;
  }
  const body = await readBody(request);
  const route = request.method === "POST" ? formatOfPath(path) : undefined;
  if (route === undefined) {
    reply(response, 404, { message: `no route for ${request.method} ${path}` });
    return;
  }
  let modelId = route.modelFromPath;
  if (modelId === undefined) {
    try {
      modelId = (JSON.parse(body) as { model?: string }).model;
    } catch {
      modelId = undefined;
    }
  }
  const plan = modelId === undefined ? undefined : planFor(route.format, modelId);
  if (plan === undefined) {
    reply(response, 400, { message: `model ${String(modelId)} is not a bench scenario` });
    return;
  }
  requestCount += 1;
  response.writeHead(200, {
    "content-type": wireContentType(route.format),
    "cache-control": "no-cache",
    "x-amzn-requestid": "bench-request-id",
    "request-id": "bench-request-id",
    "x-request-id": "bench-request-id",
  });
  await sendPlan(response, plan);
}

const server = http.createServer({ keepAlive: true, noDelay: true }, (request, response) => {
  handle(request, response).catch((error: unknown) => {
    process.stderr.write(`mock-server: ${String(error)}\n`);
    response.destroy();
  });
});
// Counting connections shows whether a client reuses its keep-alive socket or opens one per call.
server.on("connection", () => {
  connectionCount += 1;
});
// Clients hold up to 1,000 idle keep-alive sockets between phases; never close them under a run.
server.keepAliveTimeout = 10 * 60_000;
server.headersTimeout = 10 * 60_000 + 1_000;
server.requestTimeout = 0;
server.maxRequestsPerSocket = 0;
server.listen({ host: "127.0.0.1", port: 0, backlog: 4096 }, () => {
  const address = server.address();
  process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : 0 })}\n`);
});
process.on("SIGTERM", () => process.exit(0));
