/** Per-request timeouts, in milliseconds; `0` or unset disables one. */
export interface TransportTimeouts {
  /** From the call to an open connection. */
  connectMs?: number;
  /** From the request being sent to the response headers. */
  firstByteMs?: number;
  /** Longest silence between two body chunks. */
  idleMs?: number;
}

/** One HTTP request, fully formed (signed or carrying its bearer header). */
export interface TransportRequest {
  /** HTTP method. */
  method: "GET" | "POST" | "DELETE";
  /** Absolute URL. */
  url: string;
  /** Request headers, lower-case names. */
  headers: Record<string, string>;
  /** The exact body bytes (what was signed). */
  body?: string | Uint8Array;
  /** Cancels the request and its body at any point. */
  signal?: AbortSignal;
  /** Timeouts for this request. */
  timeouts?: TransportTimeouts;
  /** Largest body `text()` will buffer, in bytes; more is an error. */
  maxBodyBytes?: number;
}

/** The response to a {@link TransportRequest}; the body has not been read yet. */
export interface TransportResponse {
  /** HTTP status. */
  status: number;
  /** Response headers, lower-case names. */
  headers: Record<string, string | undefined>;
  /** The body, chunk by chunk; read it once, or call `cancel()`. */
  body: AsyncIterable<Uint8Array>;
  /** Read the whole body as UTF-8, bounded by `maxBodyBytes`. */
  text(): Promise<string>;
  /** Drop the body and release the connection. Safe to call more than once. */
  cancel(): void;
}

/**
 * Sends one request and resolves once the response headers arrive. Rejects with a
 * `BedrockKitError` (`unavailable`, `timeout`, `aborted`) when there is no response.
 * Body iteration rejects the same way when the connection fails mid-body.
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>;
