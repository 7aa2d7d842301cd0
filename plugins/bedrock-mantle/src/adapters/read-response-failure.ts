import { BedrockKitError, type TransportResponse } from "@bedrock-kit/plugin-host";
import { MANTLE_PROVIDER_ID } from "./adapter-errors.js";
import type { MantleCallInput } from "./mantle-wire-adapter.js";

/** Error bodies are small; a bigger one is a proxy page and its head says enough. */
export const MAX_ERROR_BODY_BYTES = 64 * 1024;

/** Read at most `limit` bytes of a body as UTF-8, then drop the rest; a failing body yields what arrived. */
export async function readBoundedText(response: TransportResponse, limit: number): Promise<string> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for await (const chunk of response.body) {
      chunks.push(chunk);
      total += chunk.byteLength;
      if (total >= limit) break;
    }
  } catch {
    // The status already says what happened; a broken error body only loses detail.
  } finally {
    response.cancel();
  }
  return Buffer.concat(chunks, total).subarray(0, limit).toString("utf8");
}

/** A non-OK response as the provider classifies it. */
export async function classifiedHttpFailure(input: MantleCallInput, response: TransportResponse): Promise<BedrockKitError> {
  const bodyText = await readBoundedText(response, MAX_ERROR_BODY_BYTES);
  return input.classifyHttpError({ status: response.status, headers: response.headers, bodyText });
}

/** Whether a status is a success. */
export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * A 200 in the wrong format (an HTML page from a captive portal or proxy, JSON where SSE was asked)
 * is not Mantle answering; retrying will not change it.
 */
export function checkContentType(response: TransportResponse, expected: string, input: MantleCallInput): void {
  const contentType = response.headers["content-type"];
  if (contentType === undefined || contentType.toLowerCase().includes(expected)) return;
  response.cancel();
  throw new BedrockKitError({
    code: "unavailable",
    message: `Expected ${expected} from ${input.model.baseUrl}, got ${contentType.split(";")[0]} (HTTP ${response.status}).`,
    hint: "Something between this host and Mantle answered instead (proxy, captive portal, wrong baseUrl); check the baseUrl and proxy settings.",
    status: response.status,
    provider: MANTLE_PROVIDER_ID,
    retryable: false,
  });
}
