import type { RuntimeAuth, Transport, TransportResponse, TransportTimeouts } from "@bedrock-kit/plugin-host";
import type { MantleSend } from "./adapters/mantle-wire-adapter.js";
import type { MantleApi } from "./mantle-config-schema.js";

/** What one authenticated sender needs. */
export interface MantleSendOptions {
  /** The surface base (`…/v1`, `…/openai/v1`, `…/anthropic/v1`); adapters append the operation path. */
  baseUrl: string;
  /** The API called (decides the project header's name). */
  api: MantleApi;
  /** Auth from `getAuth`: bearer headers, or a signer for the exact body. */
  auth: RuntimeAuth;
  /** HTTP transport. */
  transport: Transport;
  /** Mantle project id, if configured. */
  projectId?: string;
  /** Extra headers from config. */
  headers?: Record<string, string>;
  /** Per-request timeouts. */
  timeouts?: TransportTimeouts;
  /** Cancels the request. */
  signal?: AbortSignal;
  /** Sees every response's headers (for the request id and Retry-After). */
  onResponse?: (response: TransportResponse) => void;
}

/**
 * The adapters' `send`: URL = surface base + path; headers = config extras, adapter headers, the
 * project header (`OpenAI-Project` on OpenAI surfaces, `anthropic-workspace` on Messages) and auth
 * (bearer headers, or a SigV4 signature over the exact body bytes, computed last so it covers all).
 */
export function createMantleSend(options: MantleSendOptions): MantleSend {
  const projectHeaderName = options.api === "anthropic-messages" ? "anthropic-workspace" : "openai-project";
  return async (request) => {
    const url = options.baseUrl + request.path;
    const headers: Record<string, string> = { ...options.headers, ...request.headers };
    if (options.projectId !== undefined) headers[projectHeaderName] = options.projectId;
    Object.assign(headers, options.auth.headers);
    if (options.auth.sign !== undefined) {
      Object.assign(headers, options.auth.sign({ method: request.method, url, headers, body: request.body }));
    }
    const response = await options.transport({
      method: request.method,
      url,
      headers,
      body: request.body,
      ...(options.signal !== undefined && { signal: options.signal }),
      ...(options.timeouts !== undefined && { timeouts: options.timeouts }),
    });
    options.onResponse?.(response);
    return response;
  };
}
