import http from "node:http";
import http2 from "node:http2";
import net from "node:net";
import type { EmulatorRequest, EmulatorResponse } from "./http-exchange.js";

/** A listening socket that speaks HTTP/1.1 and cleartext HTTP/2 (prior knowledge) on one port. */
export interface DualProtocolListener {
  /** The port actually bound. */
  readonly port: number;
  /** Stop accepting and destroy every open connection. */
  close(): Promise<void>;
}

const HTTP2_PREFACE_START = "PRI";

/**
 * Listens on `host:port` and hands each connection to an HTTP/1.1 or HTTP/2 server depending on its
 * first bytes. `@aws-sdk/client-bedrock-runtime` defaults to `NodeHttp2Handler`, which speaks h2c
 * with prior knowledge to an `http://` endpoint, while our plugins, `openai` and `@anthropic-ai/sdk`
 * speak HTTP/1.1: both must work unchanged on the same URL (ADR 0300).
 */
export async function listenDualProtocol(
  host: string,
  port: number,
  handle: (request: EmulatorRequest, response: EmulatorResponse) => void,
): Promise<DualProtocolListener> {
  const http1Server = http.createServer({ keepAliveTimeout: 5_000 }, handle);
  const http2Server = http2.createServer({}, handle);
  // A client that breaks its own HTTP/2 session affects only that session; the server keeps serving.
  http2Server.on("sessionError", () => undefined);
  const openSockets = new Set<net.Socket>();

  const front = net.createServer((socket) => {
    openSockets.add(socket);
    socket.once("close", () => openSockets.delete(socket));
    socket.once("data", (firstChunk: Buffer) => {
      socket.pause();
      socket.unshift(firstChunk);
      const isHttp2 = firstChunk.toString("latin1", 0, HTTP2_PREFACE_START.length) === HTTP2_PREFACE_START;
      (isHttp2 ? http2Server : http1Server).emit("connection", socket);
      process.nextTick(() => socket.resume());
    });
    // A client that resets before sending anything must not crash the process.
    socket.on("error", () => socket.destroy());
  });
  // After listening, an accept error (a client gone before accept) must not bring the emulator down.
  front.on("error", () => undefined);

  await new Promise<void>((resolve, reject) => {
    front.once("error", reject);
    front.listen(port, host, () => {
      front.off("error", reject);
      resolve();
    });
  });
  const address = front.address();
  const boundPort = typeof address === "object" && address !== null ? address.port : port;

  return {
    port: boundPort,
    close: () =>
      new Promise<void>((resolve) => {
        front.close(() => resolve());
        for (const socket of openSockets) socket.destroy();
        openSockets.clear();
        http1Server.close();
        http2Server.close();
      }),
  };
}
