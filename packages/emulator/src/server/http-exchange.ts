import type { IncomingHttpHeaders, OutgoingHttpHeaders } from "node:http";
import type { AuthKind } from "../emulator-types.js";
import type { Principal } from "../auth/principal.js";

/** The part of an HTTP/1.1 or HTTP/2-compat request the emulator reads. */
export interface EmulatorRequest {
  readonly method?: string | undefined;
  readonly url?: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly socket: { destroy(): void } | null;
  on(event: "data", listener: (chunk: Buffer) => void): unknown;
  on(event: "end" | "close", listener: () => void): unknown;
  on(event: "error", listener: (error: Error) => void): unknown;
}

/** The part of an HTTP/1.1 or HTTP/2-compat response the emulator writes. */
export interface EmulatorResponse {
  readonly headersSent: boolean;
  readonly writableEnded: boolean;
  setHeader(name: string, value: string | number | readonly string[]): unknown;
  writeHead(status: number, headers?: OutgoingHttpHeaders): unknown;
  write(chunk: string | Uint8Array, callback?: (error?: Error | null) => void): boolean;
  end(chunk?: string | Uint8Array): unknown;
  on(event: "close", listener: () => void): unknown;
}

/** One request being served: what arrived, and what the pipeline learned about it. */
export interface Exchange {
  readonly request: EmulatorRequest;
  readonly response: EmulatorResponse;
  readonly method: string;
  readonly url: URL;
  readonly body: Buffer;
  /** The `x-amzn-requestid` sent with the response. */
  readonly requestId: string;
  /** Route name for stats and faults. */
  readonly route: string;
  /** Who the caller is, once authenticated. */
  principal?: Principal;
  /** How the caller authenticated. */
  authKind?: AuthKind;
  /** The model the request named (for the request log). */
  model?: string;
  /** The status sent. */
  status?: number;
}

/** A complete non-streaming response. */
export interface PreparedResponse {
  status: number;
  contentType: string;
  body: string;
  headers?: Record<string, string>;
}

/** Sends a complete response; a second send for the same exchange is ignored. */
export function sendPrepared(exchange: Exchange, prepared: PreparedResponse): void {
  const { response } = exchange;
  if (response.headersSent || response.writableEnded) return;
  exchange.status = prepared.status;
  response.writeHead(prepared.status, {
    ...prepared.headers,
    "content-type": prepared.contentType,
    "content-length": Buffer.byteLength(prepared.body),
  });
  response.end(prepared.body);
}

/** Sends `value` as JSON with `status`. */
export function sendJson(exchange: Exchange, status: number, value: unknown, headers?: Record<string, string>): void {
  sendPrepared(exchange, {
    status,
    contentType: "application/json",
    body: JSON.stringify(value),
    ...(headers ? { headers } : {}),
  });
}

/** Reads the whole request body, or returns undefined once it exceeds `maxBytes`. */
export function readRequestBody(request: EmulatorRequest, maxBytes: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    request.on("data", (chunk: Buffer) => {
      if (tooLarge) return;
      size += chunk.length;
      if (size > maxBytes) {
        tooLarge = true;
        chunks.length = 0;
        return;
      }
      chunks.push(chunk);
    });
    request.on("end", () => resolve(tooLarge ? undefined : Buffer.concat(chunks, size)));
    request.on("error", reject);
  });
}

/** The request header as one string (repeated headers joined as Node does), or undefined. */
export function headerValue(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name];
  if (value === undefined) return undefined;
  return Array.isArray(value) ? value.join(", ") : value;
}

/** Parses a JSON request body; undefined when it is not a JSON object. */
export function parseJsonObject(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0) return undefined;
  try {
    const value: unknown = JSON.parse(body.toString("utf8"));
    return typeof value === "object" && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
