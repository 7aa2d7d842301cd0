import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { createNodeHttpTransport } from "../src/transport/index.js";
import { RequestDeadlines } from "../src/transport/request-deadlines.js";

type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void;
let handler: Handler = (_request, response) => response.end("ok");
let server: http.Server;
let base = "";
const sockets = new Set<import("node:net").Socket>();

beforeAll(async () => {
  server = http.createServer((request, response) => handler(request, response));
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => server.close(resolve));
});

async function collect(body: AsyncIterable<Uint8Array>): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of body) parts.push(Buffer.from(chunk).toString("utf8"));
  return parts.join("");
}

async function failureOf(promise: Promise<unknown>): Promise<BedrockKitError> {
  try {
    await promise;
  } catch (error) {
    expect(BedrockKitError.isInstance(error)).toBe(true);
    return error as BedrockKitError;
  }
  throw new Error("expected a failure");
}

describe("createNodeHttpTransport", () => {
  const transport = createNodeHttpTransport();

  it("sends method, headers and the exact body, and streams the response", async () => {
    handler = (request, response) => {
      const parts: Buffer[] = [];
      request.on("data", (chunk: Buffer) => parts.push(chunk));
      request.on("end", () => {
        response.writeHead(201, { "x-amzn-requestid": "r-1", "content-type": "text/plain" });
        response.write(`${request.method} ${request.headers["x-test"]} `);
        setTimeout(() => response.end(Buffer.concat(parts).toString("utf8")), 5);
      });
    };
    const response = await transport({ method: "POST", url: `${base}/echo`, headers: { "x-test": "yes" }, body: "héllo" });
    expect(response.status).toBe(201);
    expect(response.headers["x-amzn-requestid"]).toBe("r-1");
    expect(await collect(response.body)).toBe("POST yes héllo");
  });

  it("reads text() bounded by maxBodyBytes", async () => {
    handler = (_request, response) => response.end("x".repeat(2048));
    const small = await transport({ method: "GET", url: `${base}/big`, headers: {}, maxBodyBytes: 1024 });
    const error = await failureOf(small.text());
    expect(error.code).toBe("unavailable");
    expect(error.message).toContain("1024-byte cap");
    const large = await transport({ method: "GET", url: `${base}/big`, headers: {}, maxBodyBytes: 4096 });
    expect((await large.text()).length).toBe(2048);
  });

  it("rejects with unavailable when the connection is refused", async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const error = await failureOf(transport({ method: "GET", url: `http://127.0.0.1:${port}/`, headers: {} }));
    expect(error.code).toBe("unavailable");
    expect(error.retryable).toBe(true);
    expect(error.message).toContain("ECONNREFUSED");
  });

  it("rejects with unavailable when the server resets before headers", async () => {
    handler = (request) => request.socket.destroy();
    const error = await failureOf(transport({ method: "GET", url: `${base}/reset`, headers: {} }));
    expect(error.code).toBe("unavailable");
  });

  it("fails body iteration with unavailable on a reset mid-body, after delivering what arrived", async () => {
    handler = (request, response) => {
      response.writeHead(200);
      response.write("first");
      setTimeout(() => request.socket.destroy(), 20);
    };
    const response = await transport({ method: "GET", url: `${base}/mid`, headers: {} });
    const received: string[] = [];
    const error = await failureOf(
      (async () => {
        for await (const chunk of response.body) received.push(Buffer.from(chunk).toString());
      })(),
    );
    expect(received.join("")).toBe("first");
    expect(error.code).toBe("unavailable");
    expect(error.message).toContain("mid-response");
  });

  it("delivers every chunk in order however the consumer paces its reads (backpressure)", async () => {
    const parts = Array.from({ length: 200 }, (_, index) => `${index}:${"x".repeat(1_000)}|`);
    handler = (_request, response) => {
      response.writeHead(200);
      for (const part of parts) response.write(part);
      response.end();
    };
    const response = await transport({ method: "GET", url: `${base}/many`, headers: {} });
    const received: string[] = [];
    let reads = 0;
    for await (const chunk of response.body) {
      received.push(Buffer.from(chunk).toString("utf8"));
      // A slow consumer: the body must wait (paused), not be dropped or reordered.
      if (++reads % 10 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(received.join("")).toBe(parts.join(""));
  });

  it("serves a second next() made before the first settled, in order", async () => {
    handler = (_request, response) => {
      response.writeHead(200);
      response.write("one");
      setTimeout(() => response.end("two"), 10);
    };
    const response = await transport({ method: "GET", url: `${base}/two`, headers: {} });
    const iterator = response.body[Symbol.asyncIterator]();
    const results = await Promise.all([iterator.next(), iterator.next(), iterator.next()]);
    const text = results.filter((result) => !result.done).map((result) => Buffer.from(result.value as Uint8Array).toString());
    expect(text.join("")).toBe("onetwo");
    expect(results.at(-1)?.done).toBe(true);
  });

  it("return() releases the body mid-stream; later reads end", async () => {
    handler = (_request, response) => {
      response.writeHead(200);
      response.write("first");
    };
    const response = await transport({ method: "GET", url: `${base}/stop`, headers: {} });
    const iterator = response.body[Symbol.asyncIterator]();
    expect((await iterator.next()).done).toBe(false);
    expect(await iterator.return?.()).toEqual({ done: true, value: undefined });
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });

  it("a read pending when the response is cancelled settles with unavailable instead of hanging", async () => {
    handler = (_request, response) => {
      response.writeHead(200);
      response.write("first");
    };
    const response = await transport({ method: "GET", url: `${base}/cancel-pending`, headers: {} });
    const iterator = response.body[Symbol.asyncIterator]();
    await iterator.next();
    const pending = iterator.next();
    response.cancel();
    const error = await failureOf(pending);
    expect(error.code).toBe("unavailable");
  });

  it("times out a request that waits for a socket longer than connectMs (capped pool)", async () => {
    const capped = createNodeHttpTransport({ maxSockets: 1 });
    handler = () => undefined; // holds the only socket
    const holder = new AbortController();
    const held = capped({ method: "GET", url: `${base}/hold`, headers: {}, signal: holder.signal }).catch(() => undefined);
    const error = await failureOf(capped({ method: "GET", url: `${base}/queued`, headers: {}, timeouts: { connectMs: 100 } }));
    holder.abort();
    await held;
    expect(error.code).toBe("timeout");
    expect(error.message).toContain("connect");
  });

  it("times out waiting for the first byte", async () => {
    handler = () => undefined; // never answers
    const started = Date.now();
    const error = await failureOf(transport({ method: "GET", url: `${base}/slow`, headers: {}, timeouts: { firstByteMs: 100 } }));
    expect(error.code).toBe("timeout");
    expect(error.message).toContain("first-byte");
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it("times out a stalled body (idle timeout)", async () => {
    handler = (_request, response) => {
      response.writeHead(200);
      response.write("partial");
    };
    const response = await transport({ method: "GET", url: `${base}/stall`, headers: {}, timeouts: { idleMs: 100 } });
    const error = await failureOf(collect(response.body));
    expect(error.code).toBe("timeout");
    expect(error.message).toContain("idle");
  });

  it("a body that keeps trickling never hits the idle timeout; a late first byte within its limit is fine", async () => {
    handler = (_request, response) => {
      setTimeout(() => {
        response.writeHead(200);
        let sent = 0;
        const tick = setInterval(() => {
          response.write(`${sent}|`);
          if (++sent === 8) {
            clearInterval(tick);
            response.end();
          }
        }, 40);
      }, 60);
    };
    const response = await transport({ method: "GET", url: `${base}/trickle`, headers: {}, timeouts: { firstByteMs: 200, idleMs: 120 } });
    // 8 chunks 40 ms apart: 320 ms in all, far past idleMs, but never 120 ms of silence.
    expect(await collect(response.body)).toBe("0|1|2|3|4|5|6|7|");
  });

  it("the timeouts of finished calls are forgotten at once and never fire: the pooled connection stays usable", async () => {
    const deadlines = new RequestDeadlines();
    const fresh = createNodeHttpTransport({ deadlines });
    let connections = 0;
    const countConnection = () => (connections += 1);
    server.on("connection", countConnection);
    try {
      handler = (_request, response) => response.end("done");
      const timeouts = { connectMs: 60, firstByteMs: 60, idleMs: 60 };
      for (let call = 0; call < 5; call += 1) {
        const response = await fresh({ method: "GET", url: `${base}/quick`, headers: {}, timeouts });
        expect(await collect(response.body)).toBe("done");
        expect(deadlines.size).toBe(0);
      }
      // A body read through text(), one cancelled unread, and one that failed: nothing left behind either.
      expect(await (await fresh({ method: "GET", url: `${base}/quick`, headers: {}, timeouts })).text()).toBe("done");
      (await fresh({ method: "GET", url: `${base}/quick`, headers: {}, timeouts })).cancel();
      expect(deadlines.size).toBe(0);
      // Past every deadline those calls set: nothing may fail or destroy the pooled socket.
      await new Promise((resolve) => setTimeout(resolve, 150));
      const response = await fresh({ method: "GET", url: `${base}/quick`, headers: {}, timeouts });
      expect(await response.text()).toBe("done");
      expect(connections).toBeLessThanOrEqual(2);
    } finally {
      server.off("connection", countConnection);
    }
  });

  it("honours an AbortSignal before the request, while waiting, and mid-body", async () => {
    const early = new AbortController();
    early.abort();
    expect((await failureOf(transport({ method: "GET", url: `${base}/x`, headers: {}, signal: early.signal }))).code).toBe("aborted");

    handler = () => undefined;
    const waiting = new AbortController();
    setTimeout(() => waiting.abort(), 30);
    expect((await failureOf(transport({ method: "GET", url: `${base}/x`, headers: {}, signal: waiting.signal }))).code).toBe("aborted");

    handler = (_request, response) => {
      response.writeHead(200);
      response.write("a");
    };
    const midBody = new AbortController();
    const response = await transport({ method: "GET", url: `${base}/x`, headers: {}, signal: midBody.signal });
    setTimeout(() => midBody.abort(), 30);
    const error = await failureOf(collect(response.body));
    expect(error.code).toBe("aborted");
    expect(error.retryable).toBe(false);
  });

  it("cancel() releases a response without reading it", async () => {
    handler = (_request, response) => {
      response.writeHead(500);
      response.write("never read");
    };
    const response = await transport({ method: "GET", url: `${base}/c`, headers: {} });
    response.cancel();
    response.cancel();
    expect(response.status).toBe(500);
  });

  it("refuses plain http to non-loopback hosts and never sends credentials there", async () => {
    const error = await failureOf(
      transport({ method: "POST", url: "http://bedrock-mantle.us-east-1.api.aws/v1/models", headers: { authorization: "Bearer x" } }),
    );
    expect(error.code).toBe("config");
    expect(error.hint).toContain("https://");
  });

  it("reuses keep-alive connections", async () => {
    handler = (_request, response) => response.end("k");
    // Count the connections these calls open, not the server's open sockets: other tests' transports
    // keep their own pooled connections open (Node 24 keeps them longer than Node 20).
    let connections = 0;
    const countConnection = () => (connections += 1);
    server.on("connection", countConnection);
    try {
      for (let attempt = 0; attempt < 5; attempt += 1) {
        const response = await transport({ method: "GET", url: `${base}/k`, headers: {} });
        expect(await response.text()).toBe("k");
      }
      // One at most: this transport may still hold a pooled connection from an earlier test.
      expect(connections).toBeLessThanOrEqual(1);
    } finally {
      server.off("connection", countConnection);
    }
  });
});
