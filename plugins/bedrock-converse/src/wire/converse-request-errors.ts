import { BedrockKitError } from "@bedrock-kit/plugin-host";

/** A request the wire code refuses to send because Bedrock would reject it (pre-empted 400). */
export function invalidRequest(message: string, hint: string): BedrockKitError {
  return new BedrockKitError({ code: "invalid-request", message, hint, retryable: false });
}

/** Bedrock's constraint on tool names and tool-use ids. */
export const CONVERSE_NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;
