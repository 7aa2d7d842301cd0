import { createHash } from "node:crypto";
import type { CacheUsage } from "./plan-answer.js";
import { countWords, type PromptSegment } from "./conversation.js";

const TTL_MS = 5 * 60 * 1000;
const MAX_ENTRIES = 10_000;

/**
 * A stand-in for Anthropic-style prompt caching: the prompt up to the last cache marker is written
 * on first sight and read while it stays warm (five minutes, refreshed on each hit), per model. There
 * is no minimum cacheable length, so small test prompts exercise cache accounting too.
 */
export class PromptCache {
  private readonly expiries = new Map<string, number>();

  /** Looks up (and records) the cached prefix of a prompt. */
  use(modelId: string, segments: readonly PromptSegment[], nowMs: number): CacheUsage {
    let lastMarker = -1;
    segments.forEach((segment, index) => {
      if (segment.cacheMarker) lastMarker = index;
    });
    if (lastMarker < 0) return { cacheRead: 0, cacheWrite: 0 };
    const prefix = segments.slice(0, lastMarker + 1);
    const words = prefix.reduce((sum, segment) => sum + countWords(segment.text), 0);
    const hash = createHash("sha256");
    hash.update(modelId);
    for (const segment of prefix) hash.update(`\u0000${segment.text}`);
    const key = hash.digest("base64");

    const expiry = this.expiries.get(key);
    const hit = expiry !== undefined && expiry > nowMs;
    this.expiries.delete(key);
    this.expiries.set(key, nowMs + TTL_MS);
    if (this.expiries.size > MAX_ENTRIES) {
      const oldest = this.expiries.keys().next();
      if (!oldest.done) this.expiries.delete(oldest.value);
    }
    return hit ? { cacheRead: words, cacheWrite: 0 } : { cacheRead: 0, cacheWrite: words };
  }
}
