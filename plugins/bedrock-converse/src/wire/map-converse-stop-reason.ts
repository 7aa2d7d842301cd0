import type { FinishReason } from "@bedrock-kit/plugin-host";

/**
 * Map a Converse `stopReason` to the contract's finish reason. `model_context_window_exceeded`
 * (newer Claude models stop with it when the context fills up) is a length stop like `max_tokens`.
 */
export function mapConverseStopReason(stopReason: unknown): FinishReason {
  switch (stopReason) {
    case "end_turn":
    case "stop_sequence":
      return "stop";
    case "max_tokens":
    case "model_context_window_exceeded":
      return "length";
    case "tool_use":
      return "tool-calls";
    case "content_filtered":
    case "guardrail_intervened":
      return "content-filter";
    default:
      return "other";
  }
}
