import type { MantleSendRequest } from "./mantle-wire-adapter.js";

/** What every request builder takes besides the model and the call. */
export interface BuildRequestOptions {
  /** Ask for an SSE stream (`true`) or one JSON answer (`false`). */
  stream: boolean;
}

/** A POST of a JSON body, accepting SSE or JSON back. */
export function jsonSendRequest(path: string, body: unknown, stream: boolean, extraHeaders?: Record<string, string>): MantleSendRequest {
  return {
    method: "POST",
    path,
    headers: {
      "content-type": "application/json",
      accept: stream ? "text/event-stream" : "application/json",
      ...extraHeaders,
    },
    body: JSON.stringify(body),
  };
}

/** `data:` URL of an inline image, as the OpenAI APIs take it. */
export function imageDataUrl(mediaType: string, data: string): string {
  return `data:${mediaType};base64,${data}`;
}
