import http from "node:http";
import https from "node:https";
import { urlToHttpOptions } from "node:url";
import { BedrockKitError, type Transport, type TransportRequest, type TransportResponse } from "@bedrock-kit/plugin-host";
import { createBoundedMemo } from "../bounded-memo.js";
import { IncomingBodyIterator } from "./incoming-body-iterator.js";
import { RequestDeadlines, watchIdle, type Deadline, type IdleWatch } from "./request-deadlines.js";
import { describeUrl, failureError, networkError, type TransportFailure } from "./transport-errors.js";

/** Options of {@link createNodeHttpTransport}. */
export interface NodeHttpTransportOptions {
  /** Keep connections open between requests (default true). */
  keepAlive?: boolean;
  /** Concurrent sockets per host (default: unlimited). */
  maxSockets?: number;
  /** Default for requests that set no `maxBodyBytes` on `text()` (default 8 MiB). */
  maxBodyBytes?: number;
  /**
   * The watch that runs first-byte and idle timeouts (default: one of its own on `Date.now`).
   * Tests pass one to inject a clock or to see what is still watched.
   */
  deadlines?: RequestDeadlines;
}

const DEFAULT_MAX_BODY_BYTES = 8 * 1024 * 1024;

/**
 * The default transport: `node:http`/`https` with keep-alive agents. Global `fetch` costs several
 * times more CPU per request and per chunk (see docs/adr/0002-node-http-transport.md); this is the
 * hot path of every call.
 */
export function createNodeHttpTransport(options: NodeHttpTransportOptions = {}): Transport {
  const agentOptions = {
    keepAlive: options.keepAlive ?? true,
    maxSockets: options.maxSockets ?? Infinity,
    scheduling: "lifo" as const,
  };
  const httpAgent = new http.Agent(agentOptions);
  const httpsAgent = new https.Agent(agentOptions);
  const defaultMaxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const targetOf = createBoundedMemo(parseTarget, MAX_PARSED_TARGETS);
  const shared: SharedState = {
    // Without a socket cap a request never waits in the agent's queue for a socket.
    mayQueue: agentOptions.maxSockets !== Infinity,
    defaultMaxBodyBytes,
    deadlines: options.deadlines ?? new RequestDeadlines(),
  };
  return (request) => {
    const target = targetOf(request.url);
    return send(request, target, target.https ? httpsAgent : httpAgent, shared);
  };
}

/** What every request of one transport shares. */
interface SharedState {
  /** Whether a request may wait in the agent's queue (a finite `maxSockets`). */
  mayQueue: boolean;
  defaultMaxBodyBytes: number;
  /** First-byte and idle timeouts of all requests in flight, on one timer. */
  deadlines: RequestDeadlines;
}

/** A request URL parsed once: the URL (for checks and error messages) and `node:http`'s options for it. */
interface ParsedTarget {
  url: URL;
  https: boolean;
  /** Plain HTTP to a host other than this machine: refused. */
  refused: boolean;
  options: http.RequestOptions;
}

/** Largest number of distinct URLs a transport remembers parsed (a call's URL repeats per model). */
const MAX_PARSED_TARGETS = 256;

/**
 * A request URL parsed into its target. A provider calls the same few URLs (one per model and
 * operation), and `new URL` plus the request options cost about 10 µs per call, so each transport
 * remembers the answers (`createBoundedMemo`).
 */
function parseTarget(href: string): ParsedTarget {
  const url = new URL(href);
  const secure = url.protocol === "https:";
  return {
    url,
    https: secure,
    refused: !secure && !(url.protocol === "http:" && isLoopbackUrl(url)),
    options: urlToHttpOptions(url),
  };
}

let sharedTransport: Transport | undefined;

/** The process-wide default transport (one connection pool), created on first use. */
export function defaultTransport(): Transport {
  sharedTransport ??= createNodeHttpTransport();
  return sharedTransport;
}

const LOOPBACK_HOSTS = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** Whether a URL points at this machine (plain HTTP is only allowed there). */
export function isLoopbackUrl(url: URL): boolean {
  return LOOPBACK_HOSTS.has(url.hostname) || url.hostname.startsWith("127.");
}

function send(
  request: TransportRequest,
  target: ParsedTarget,
  agent: http.Agent,
  shared: SharedState,
): Promise<TransportResponse> {
  const url = target.url;
  if (target.refused) {
    // Credentials ride on every request; they may only travel over TLS or stay on this machine.
    return Promise.reject(
      new BedrockKitError({
        code: "config",
        message: `Refusing to send a request to ${describeUrl(url)}: only https:// (or http:// on loopback) is allowed.`,
        hint: "Set baseUrl to the https:// endpoint, or to http://127.0.0.1:PORT for a local emulator.",
      }),
    );
  }
  const signal = request.signal;
  if (signal?.aborted) return Promise.reject(failureError({ kind: "aborted" }, url));
  const maxBodyBytes = request.maxBodyBytes ?? shared.defaultMaxBodyBytes;
  const deadlines = shared.deadlines;
  const timeouts = request.timeouts ?? {};

  return new Promise<TransportResponse>((resolve, reject) => {
    let failure: TransportFailure | undefined;
    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;
    let firstByte: Deadline | undefined;
    let idle: IdleWatch | undefined;
    const module = target.https ? https : http;
    const outgoing = module.request({ ...target.options, method: request.method, headers: request.headers, agent });
    const body = request.body;

    const clearTimers = () => {
      if (connectTimer !== undefined) clearTimeout(connectTimer);
      if (firstByte !== undefined) deadlines.delete(firstByte);
    };
    const fail = (reason: TransportFailure) => {
      failure ??= reason;
      const queued = outgoing.socket == null;
      outgoing.destroy();
      // A request still waiting in the agent's queue for a socket emits nothing when destroyed
      // (the agent drops it silently once a socket frees up): settle here or the caller hangs.
      if (queued && !settled) {
        settled = true;
        clearTimers();
        detach();
        reject(failureError(failure, url));
      }
    };
    const onAbort = () => fail({ kind: "aborted" });
    signal?.addEventListener("abort", onAbort, { once: true });
    const detach = () => {
      signal?.removeEventListener("abort", onAbort);
      idle?.stop();
    };

    if (timeouts.connectMs) {
      const connectMs = timeouts.connectMs;
      const armConnectTimer = () => {
        connectTimer ??= setTimeout(() => fail({ kind: "timeout", phase: "connect", ms: connectMs }), connectMs);
      };
      // The clock starts at the call when the request may wait for a socket; otherwise only when
      // a new connection is opened. A reused keep-alive socket is already connected: no timer at
      // all (a timer per call, created and cleared at once, is a measurable share of a call).
      if (shared.mayQueue) armConnectTimer();
      outgoing.once("socket", (socket) => {
        if (!socket.connecting) {
          if (connectTimer !== undefined) clearTimeout(connectTimer);
          return;
        }
        armConnectTimer();
        socket.once("connect", () => clearTimeout(connectTimer));
      });
    }
    if (timeouts.firstByteMs) {
      const firstByteMs = timeouts.firstByteMs;
      outgoing.once("finish", () => {
        if (settled) return;
        firstByte = { deadline: deadlines.now() + firstByteMs, expire: () => fail({ kind: "timeout", phase: "first-byte", ms: firstByteMs }) };
        deadlines.add(firstByte);
      });
    }

    outgoing.on("error", (error) => {
      clearTimers();
      detach();
      if (settled) return;
      settled = true;
      reject(failure ? failureError(failure, url) : networkError(error, url, "request"));
    });

    outgoing.once("response", (incoming) => {
      clearTimers();
      settled = true;
      if (timeouts.idleMs) {
        const idleMs = timeouts.idleMs;
        idle = watchIdle(deadlines, idleMs, () => fail({ kind: "timeout", phase: "idle", ms: idleMs }));
      }
      const cancel = () => {
        detach();
        // A fully received body only needs draining to free the socket for reuse.
        if (incoming.complete) incoming.resume();
        else incoming.destroy();
      };
      const headers = incoming.headers as Record<string, string | undefined>;
      const responseBody = new IncomingBodyIterator(incoming, { url, recordedFailure: () => failure, onSettled: detach, idle });
      resolve({
        status: incoming.statusCode ?? 0,
        headers,
        body: responseBody,
        text: () => readText(responseBody, maxBodyBytes, () => fail({ kind: "body-too-large", limit: maxBodyBytes }), url, () => failure),
        cancel,
      });
    });

    if (body === undefined) outgoing.end();
    else outgoing.end(body);
  });
}

async function readText(
  body: AsyncIterable<Uint8Array>,
  maxBodyBytes: number,
  onTooLarge: () => void,
  url: URL,
  recordedFailure: () => TransportFailure | undefined,
): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    total += chunk.byteLength;
    if (total > maxBodyBytes) {
      onTooLarge();
      const failure = recordedFailure();
      throw failure ? failureError(failure, url) : failureError({ kind: "body-too-large", limit: maxBodyBytes }, url);
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks, total).toString("utf8");
}
