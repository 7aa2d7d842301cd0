import type { FinishReason } from "@bedrock-kit/plugin-host";

/** Anthropic `stop_reason` → contract reason. */
export function mapAnthropicStopReason(reason: string | undefined): FinishReason {
  switch (reason) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool-calls";
    case "refusal":
      return "content-filter";
    default:
      // pause_turn (server tools, which Mantle lacks) and anything newer.
      return "other";
  }
}
