import http from "node:http";
import https from "node:https";
import { BedrockKitError, type Transport, type TransportRequest, type TransportResponse } from "@bedrock-kit/plugin-host";
import { describeUrl, failureError, networkError, type TransportFailure } from "./transport-errors.js";

/** Options of {@link createNodeHttpTransport}. */
export interface NodeHttpTransportOptions {
  /** Keep connections open between requests (default true). */
  keepAlive?: boolean;
  /** Concurrent sockets per host (default: unlimited). */
  maxSockets?: number;
  /** Default for requests that set no `maxBodyBytes` on `text()` (default 8 MiB). */
  maxBodyBytes?: number;
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
  return (request) => send(request, request.url.startsWith("https:") ? httpsAgent : httpAgent, defaultMaxBodyBytes);
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

function send(request: TransportRequest, agent: http.Agent, defaultMaxBodyBytes: number): Promise<TransportResponse> {
  const url = new URL(request.url);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopbackUrl(url))) {
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
  const maxBodyBytes = request.maxBodyBytes ?? defaultMaxBodyBytes;
  const timeouts = request.timeouts ?? {};

  return new Promise<TransportResponse>((resolve, reject) => {
    let failure: TransportFailure | undefined;
    let settled = false;
    let connectTimer: NodeJS.Timeout | undefined;
    let firstByteTimer: NodeJS.Timeout | undefined;
    const module = url.protocol === "https:" ? https : http;
    const outgoing = module.request(url, { method: request.method, headers: request.headers, agent });

    const clearTimers = () => {
      if (connectTimer !== undefined) clearTimeout(connectTimer);
      if (firstByteTimer !== undefined) clearTimeout(firstByteTimer);
    };
    const fail = (reason: TransportFailure) => {
      failure ??= reason;
      outgoing.destroy();
    };
    const onAbort = () => fail({ kind: "aborted" });
    signal?.addEventListener("abort", onAbort, { once: true });
    const detach = () => signal?.removeEventListener("abort", onAbort);

    if (timeouts.connectMs) {
      const connectMs = timeouts.connectMs;
      connectTimer = setTimeout(() => fail({ kind: "timeout", phase: "connect", ms: connectMs }), connectMs);
      outgoing.once("socket", (socket) => {
        // A reused keep-alive socket is already connected.
        if (!socket.connecting) clearTimeout(connectTimer);
        else socket.once("connect", () => clearTimeout(connectTimer));
      });
    }
    if (timeouts.firstByteMs) {
      const firstByteMs = timeouts.firstByteMs;
      outgoing.once("finish", () => {
        firstByteTimer = setTimeout(() => fail({ kind: "timeout", phase: "first-byte", ms: firstByteMs }), firstByteMs);
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
        incoming.setTimeout(idleMs, () => fail({ kind: "timeout", phase: "idle", ms: idleMs }));
      }
      const cancel = () => {
        detach();
        // A fully received body only needs draining to free the socket for reuse.
        if (incoming.complete) incoming.resume();
        else incoming.destroy();
      };
      const headers = incoming.headers as Record<string, string | undefined>;
      const body = iterateBody(incoming, url, () => failure, detach);
      resolve({
        status: incoming.statusCode ?? 0,
        headers,
        body,
        text: () => readText(body, maxBodyBytes, () => fail({ kind: "body-too-large", limit: maxBodyBytes }), url, () => failure),
        cancel,
      });
    });

    if (request.body === undefined) outgoing.end();
    else outgoing.end(request.body);
  });
}

async function* iterateBody(
  incoming: http.IncomingMessage,
  url: URL,
  recordedFailure: () => TransportFailure | undefined,
  detach: () => void,
): AsyncGenerator<Uint8Array, void, undefined> {
  try {
    for await (const chunk of incoming) yield chunk as Buffer;
  } catch (error) {
    const failure = recordedFailure();
    throw failure ? failureError(failure, url) : networkError(error, url, "body");
  } finally {
    detach();
    if (incoming.complete) incoming.resume();
    else incoming.destroy();
  }
  const failure = recordedFailure();
  if (failure) throw failureError(failure, url);
  if (!incoming.complete) throw networkError(new Error("closed before the body was complete"), url, "body");
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
