import { createHash } from "node:crypto";
import type { CacheUsage } from "./plan-answer.js";
import { countWords, isRecord, type PromptSegment } from "./conversation.js";

/**
 * Minimum cacheable prefix, in tokens (the emulator's words), when neither the model nor the
 * emulator options set one. The facts file is silent on minimums; AWS documents 1,024 tokens per
 * checkpoint for most Claude models (Haiku-class models need more), so 1,024 is the default (ADR 0303).
 */
export const DEFAULT_MIN_CACHE_TOKENS = 1024;

/** Cache lifetime when the marker names no `ttl` (Bedrock's default, refreshed on every hit). */
export const DEFAULT_CACHE_TTL_MS = 5 * 60 * 1000;

const TTL_BY_NAME: Readonly<Record<string, number>> = { "5m": DEFAULT_CACHE_TTL_MS, "1h": 60 * 60 * 1000 };

// Bounds memory in long benchmarks; the oldest-touched entry goes first.
const MAX_ENTRIES = 10_000;

const NO_CACHE: CacheUsage = { cacheRead: 0, cacheWrite: 0 };

/**
 * The lifetime a cache marker asks for: `ttl: "1h"` on a `cachePoint` or `cache_control` object,
 * otherwise undefined (the default five minutes).
 */
export function cacheTtlMsOf(marker: unknown): number | undefined {
  if (!isRecord(marker) || typeof marker.ttl !== "string") return undefined;
  return TTL_BY_NAME[marker.ttl];
}

/** One request's cache lookup. */
export interface PromptCacheLookup {
  /** The model the entries belong to (caches are per model). */
  readonly modelId: string;
  /** The prompt in order, with its cache markers. */
  readonly segments: readonly PromptSegment[];
  /** The emulator clock's now, in milliseconds. */
  readonly nowMs: number;
  /** The model's own minimum cacheable prefix; undefined = the emulator-wide one. */
  readonly minCacheTokens?: number;
}

/** The end of one segment: a place a cache entry may start from or be found at. */
interface Boundary {
  /** Index of the segment the prefix ends with. */
  readonly index: number;
  /** Hash of the model and the prefix's segment texts. */
  readonly key: string;
  /** Words in the prefix. */
  readonly words: number;
}

/** A marked boundary whose prefix is long enough to cache. */
interface Checkpoint extends Boundary {
  readonly ttlMs: number;
}

/**
 * How far before a marker a read may match, in segments (about one per content block). Bedrock,
 * like Anthropic, checks roughly the 20 blocks before each checkpoint for an earlier entry, which is
 * what lets a follow-up turn whose marker moved to its new last message read the previous turn.
 */
const LOOKBACK_SEGMENTS = 20;

/** Boundaries of `segments` from the first that reaches `minimum` words (shorter prefixes are never cached). */
function boundariesOf(modelId: string, segments: readonly PromptSegment[], minimum: number): Boundary[] {
  const boundaries: Boundary[] = [];
  const hash = createHash("sha256");
  hash.update(modelId);
  let words = 0;
  for (const [index, segment] of segments.entries()) {
    hash.update(`\u0000${segment.text}`);
    words += countWords(segment.text);
    // An empty prefix has nothing to cache, whatever the minimum.
    if (words === 0 || words < minimum) continue;
    boundaries.push({ index, key: hash.copy().digest("base64"), words });
  }
  return boundaries;
}

/**
 * Anthropic-style prompt caching as Bedrock meters it. A cache marker whose prefix reaches the
 * model's minimum is a checkpoint; shorter prefixes are neither written nor read, so their tokens
 * stay plain input. A request reads the longest prefix an earlier request wrote that is still warm
 * and ends at one of its checkpoints or shortly before one, then writes the rest of the prompt up to
 * its last checkpoint. A hit refreshes the entry's lifetime; entries age on the emulator's clock,
 * so tests stay deterministic (ADR 0303).
 */
export class PromptCache {
  private readonly expiries = new Map<string, number>();

  /** @param defaultMinCacheTokens minimum cacheable prefix for models that set none (0 caches any non-empty prefix). */
  constructor(private readonly defaultMinCacheTokens: number = DEFAULT_MIN_CACHE_TOKENS) {}

  /** Works out the request's cache read and write, and records what it wrote or refreshed. */
  use(lookup: PromptCacheLookup): CacheUsage {
    const { segments, nowMs } = lookup;
    if (!segments.some((segment) => segment.cacheMarker)) return NO_CACHE;
    const boundaries = boundariesOf(lookup.modelId, segments, lookup.minCacheTokens ?? this.defaultMinCacheTokens);
    const checkpoints: Checkpoint[] = [];
    for (const boundary of boundaries) {
      const segment = segments[boundary.index] as PromptSegment;
      if (segment.cacheMarker) checkpoints.push({ ...boundary, ttlMs: segment.cacheTtlMs ?? DEFAULT_CACHE_TTL_MS });
    }
    const last = checkpoints.at(-1);
    if (!last) return NO_CACHE;

    const hit = this.longestWarmPrefix(boundaries, checkpoints, nowMs);
    const cacheRead = hit ? hit.boundary.words : 0;
    if (hit) this.remember(hit.boundary.key, nowMs + hit.ttlMs);
    // Checkpoints the read covers were neither read nor written; the later ones are written.
    for (const checkpoint of checkpoints) {
      if (checkpoint.words > cacheRead) this.remember(checkpoint.key, nowMs + checkpoint.ttlMs);
    }
    return { cacheRead, cacheWrite: last.words - cacheRead };
  }

  /** The longest warm entry at a boundary within the lookback window of a checkpoint, with that checkpoint's TTL. */
  private longestWarmPrefix(boundaries: readonly Boundary[], checkpoints: readonly Checkpoint[], nowMs: number) {
    for (let position = boundaries.length - 1; position >= 0; position -= 1) {
      const boundary = boundaries[position] as Boundary;
      const owner = checkpoints.find((checkpoint) => checkpoint.index >= boundary.index && checkpoint.index - boundary.index <= LOOKBACK_SEGMENTS);
      if (!owner) continue;
      const expiry = this.expiries.get(boundary.key);
      if (expiry !== undefined && expiry > nowMs) return { boundary, ttlMs: owner.ttlMs };
    }
    return undefined;
  }

  private remember(key: string, expiry: number): void {
    this.expiries.delete(key);
    this.expiries.set(key, expiry);
    if (this.expiries.size > MAX_ENTRIES) {
      const oldest = this.expiries.keys().next();
      if (!oldest.done) this.expiries.delete(oldest.value);
    }
  }
}
