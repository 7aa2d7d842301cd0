import { invalidRequestError } from "./adapter-errors.js";
import { isJsonObject } from "./json-guards.js";

/** Keys of the Messages API that only Anthropic's own platform serves. */
const UNSUPPORTED_TOP_LEVEL_KEYS = ["mcp_servers", "container"] as const;

function containsCacheControl(value: unknown, depth: number): boolean {
  if (depth > 32 || typeof value !== "object" || value === null) return false;
  if (Array.isArray(value)) return value.some((element) => containsCacheControl(element, depth + 1));
  for (const key of Object.keys(value)) {
    if (key === "cache_control") return true;
    if (containsCacheControl((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/**
 * Refuse, before sending, what Mantle's Messages API lacks: explicit prompt caching
 * (`cache_control`), server tools (web search, code execution, bash, text editor…), MCP servers and
 * containers. Sending them would fail upstream with a less useful message, or be silently ignored.
 */
export function checkAnthropicProviderOptions(options: Record<string, unknown> | undefined): void {
  if (options === undefined) return;
  if (containsCacheControl(options, 0)) {
    throw invalidRequestError(
      "Mantle's Messages API does not support explicit prompt caching (cache_control).",
      "Remove cache_control from providerOptions.anthropic, or use the amazon-bedrock (Converse) provider, which supports cache points for Claude.",
    );
  }
  for (const key of UNSUPPORTED_TOP_LEVEL_KEYS) {
    if (options[key] !== undefined) {
      throw invalidRequestError(
        `Mantle's Messages API does not support \`${key}\`.`,
        `Remove ${key} from providerOptions.anthropic; run such tools on the host side as ordinary function tools.`,
      );
    }
  }
  const tools = options.tools;
  if (tools === undefined) return;
  if (!Array.isArray(tools)) {
    throw invalidRequestError("providerOptions.anthropic.tools must be an array.", "Declare tools in the request's `tools` instead.");
  }
  for (const tool of tools) {
    const type = isJsonObject(tool) ? tool.type : undefined;
    if (type !== undefined && type !== "custom") {
      throw invalidRequestError(
        `Server tool ${JSON.stringify(type)} is not available on Mantle's Messages API.`,
        "Offer only custom tools (name, description, input_schema), declared in the request's `tools`; run web search or code on the host side.",
      );
    }
  }
}
