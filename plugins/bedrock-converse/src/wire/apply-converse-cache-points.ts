import type { ConverseContentBlock, ConverseMessage } from "./convert-to-converse-messages.js";

const CACHE_POINT: Readonly<ConverseContentBlock> = { cachePoint: { type: "default" } };

/** The parts of a request that prompt-cache checkpoints go after. */
export interface CacheableParts {
  /** `system` blocks, or undefined when there is no system prompt. */
  system: ConverseContentBlock[] | undefined;
  /** `toolConfig.tools`, or undefined when no tools are sent or the model caches no tools. */
  tools: Array<Record<string, unknown>> | undefined;
  /** The conversation. */
  messages: ConverseMessage[];
}

/**
 * Add `cachePoint` blocks (in place) after the system prompt, after the tools, and at the end of
 * the last user message, so a follow-up turn reads the whole previous prefix from the cache.
 * A checkpoint is only added after content: Bedrock rejects one with nothing to cache before it.
 */
export function applyConverseCachePoints(parts: CacheableParts): void {
  if (parts.system !== undefined && parts.system.length > 0) parts.system.push({ ...CACHE_POINT });
  if (parts.tools !== undefined && parts.tools.length > 0) parts.tools.push({ ...CACHE_POINT });
  for (let index = parts.messages.length - 1; index >= 0; index -= 1) {
    const message = parts.messages[index]!;
    if (message.role !== "user") continue;
    if (message.content.length > 0) message.content.push({ ...CACHE_POINT });
    return;
  }
}
