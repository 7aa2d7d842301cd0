import type { Usage } from "@bedrock-kit/plugin-host";
import { countField, objectField, type JsonObject } from "./json-guards.js";

/**
 * OpenAI usage folds cached tokens into the input count (`prompt_tokens` / `input_tokens` include
 * `cached_tokens`, and `cache_write_tokens` where reported), while the contract's `input` is the
 * uncached remainder, so both are subtracted.
 */
function normalized(totalInput: number, details: JsonObject | undefined, topLevel: JsonObject, output: number): Usage {
  const cacheRead = countField(details, "cached_tokens");
  const cacheWrite = countField(details, "cache_write_tokens") || countField(topLevel, "cache_write_tokens");
  return { input: Math.max(0, totalInput - cacheRead - cacheWrite), output, cacheRead, cacheWrite };
}

/** Chat Completions `usage` → contract usage. */
export function chatCompletionsUsage(usage: JsonObject): Usage {
  return normalized(countField(usage, "prompt_tokens"), objectField(usage, "prompt_tokens_details"), usage, countField(usage, "completion_tokens"));
}

/** Responses `usage` → contract usage. */
export function responsesUsage(usage: JsonObject): Usage {
  return normalized(countField(usage, "input_tokens"), objectField(usage, "input_tokens_details"), usage, countField(usage, "output_tokens"));
}
