import type { FinishReason } from "@bedrock-kit/plugin-host";

/** Chat Completions `finish_reason` → contract reason. */
export function mapChatCompletionsFinishReason(reason: string): FinishReason {
  switch (reason) {
    case "stop":
      return "stop";
    case "length":
      return "length";
    case "tool_calls":
    case "function_call":
      return "tool-calls";
    case "content_filter":
      return "content-filter";
    default:
      return "other";
  }
}
