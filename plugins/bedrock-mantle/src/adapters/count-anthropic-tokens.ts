import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { abortedError, connectionLostError, MANTLE_PROVIDER_ID } from "./adapter-errors.js";
import { ANTHROPIC_HEADERS, buildAnthropicMessagesBody } from "./build-anthropic-messages-request.js";
import { isJsonObject } from "./json-guards.js";
import { jsonSendRequest } from "./json-send-request.js";
import type { MantleCallInput, MantleSendRequest } from "./mantle-wire-adapter.js";
import { checkContentType, classifiedHttpFailure, isSuccessStatus } from "./read-response-failure.js";

/** The fields `count_tokens` accepts; the rest of a Messages body (max_tokens, stream…) is rejected there. */
const COUNT_TOKENS_FIELDS = ["model", "messages", "system", "tools", "tool_choice", "thinking", "output_config"] as const;

/** `POST {baseUrl}/messages/count_tokens` for a call (pure). */
export function buildAnthropicCountTokensRequest(input: Pick<MantleCallInput, "model" | "request">): MantleSendRequest {
  const body = buildAnthropicMessagesBody(input.model, input.request, { stream: false });
  const countBody: Record<string, unknown> = {};
  for (const field of COUNT_TOKENS_FIELDS) if (body[field] !== undefined) countBody[field] = body[field];
  return jsonSendRequest("/messages/count_tokens", countBody, false, ANTHROPIC_HEADERS);
}

/**
 * Input tokens the call would use, from Mantle's `count_tokens` (needs IAM
 * `bedrock-mantle:CountTokens`). The bedrock-runtime CountTokens API rejects some newer Claude
 * models; Mantle's counts them.
 */
export async function countAnthropicTokens(input: MantleCallInput): Promise<number> {
  if (input.signal?.aborted) throw abortedError();
  const response = await input.send(buildAnthropicCountTokensRequest(input));
  try {
    if (!isSuccessStatus(response.status)) throw await classifiedHttpFailure(input, response);
    checkContentType(response, "json", input);
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throw input.signal?.aborted ? abortedError() : connectionLostError(error);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const count = isJsonObject(body) ? body.input_tokens : undefined;
    if (typeof count !== "number" || !Number.isFinite(count)) {
      throw new BedrockKitError({
        code: "stream-corrupt",
        message: "The count_tokens response has no input_tokens number.",
        hint: "Check that the model's baseUrl is Mantle's /anthropic/v1 endpoint.",
        provider: MANTLE_PROVIDER_ID,
        retryable: false,
      });
    }
    return count;
  } finally {
    response.cancel();
  }
}
