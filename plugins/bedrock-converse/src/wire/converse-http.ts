import type { BedrockKitError, TransportResponse } from "@bedrock-kit/plugin-host";
import type { ConverseCallInput, ConverseSendRequest } from "./converse-wire.js";

/** The two Converse operations. */
export type ConverseOperation = "converse" | "converse-stream";

/** The request for one operation: `/model/{encodeURIComponent(wireId)}/{operation}` with a JSON body. */
export function converseSendRequest(wireId: string, operation: ConverseOperation, body: Record<string, unknown>): ConverseSendRequest {
  return {
    path: `/model/${encodeURIComponent(wireId)}/${operation}`,
    headers: {
      "content-type": "application/json",
      accept: operation === "converse-stream" ? "application/vnd.amazon.eventstream" : "application/json",
    },
    body: JSON.stringify(body),
  };
}

/** Whether a status is a success. */
export function isSuccessStatus(status: number): boolean {
  return status >= 200 && status < 300;
}

/** Read a non-OK response's body (bounded by the transport) and classify it with the provider's classifier. */
export async function classifyHttpFailure(response: TransportResponse, input: ConverseCallInput): Promise<BedrockKitError> {
  let bodyText = "";
  try {
    bodyText = await response.text();
  } catch {
    // The body of an error response could not be read; the status alone still classifies it.
  } finally {
    response.cancel();
  }
  return input.classifyHttpError({ status: response.status, headers: response.headers, bodyText });
}
