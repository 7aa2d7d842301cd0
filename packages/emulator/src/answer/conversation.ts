/**
 * The surface-independent view of a request that the deterministic answer is computed from.
 * Each surface's request parser produces one; the answer never looks at wire shapes.
 */

/** A piece of the prompt in order (tools, system, messages), for word counts and prompt caching. */
export interface PromptSegment {
  readonly text: string;
  /** The request put a cache marker (`cache_control`, `cachePoint`) after this segment. */
  readonly cacheMarker?: boolean;
  /** Lifetime the marker asked for (`ttl: "1h"`), in milliseconds; absent = the default five minutes. */
  readonly cacheTtlMs?: number;
}

/** What the conversation ends with. */
export type LastTurn =
  | { readonly kind: "user"; readonly text: string }
  | { readonly kind: "tool-result"; readonly text: string };

/** A tool the request offers. */
export interface OfferedTool {
  readonly name: string;
  /** The first `string` property of its input schema, filled with the prompt when called. */
  readonly firstStringProperty?: string;
}

/** The request's tool choice, normalised. */
export type ToolChoice =
  | { readonly kind: "auto" }
  | { readonly kind: "none" }
  | { readonly kind: "any" }
  | { readonly kind: "tool"; readonly name: string };

/** A request, reduced to what decides the answer. */
export interface Conversation {
  readonly segments: readonly PromptSegment[];
  readonly lastTurn: LastTurn;
  readonly tools: readonly OfferedTool[];
  readonly toolChoice: ToolChoice;
  /** Output budget in tokens (words); undefined = the model's limit. */
  readonly maxTokens?: number;
  /** The request asked for reasoning (thinking, reasoning effort…). */
  readonly reasoningRequested: boolean;
}

const WORD_PATTERN = /\S+\s*/g;

/** Words in `text` (the emulator's token unit). */
export function countWords(text: string): number {
  let count = 0;
  WORD_PATTERN.lastIndex = 0;
  while (WORD_PATTERN.exec(text) !== null) count += 1;
  return count;
}

/** `text` split into one delta per word, each keeping its trailing whitespace, so the deltas join back to the text. */
export function splitIntoWordDeltas(text: string): string[] {
  return text.match(WORD_PATTERN) ?? [];
}

/** The name of the first property of type `string` in a JSON schema, if any. */
export function firstStringProperty(schema: unknown): string | undefined {
  if (typeof schema !== "object" || schema === null) return undefined;
  const properties = (schema as { properties?: unknown }).properties;
  if (typeof properties !== "object" || properties === null) return undefined;
  for (const [name, definition] of Object.entries(properties)) {
    if (typeof definition === "object" && definition !== null && (definition as { type?: unknown }).type === "string") return name;
  }
  return undefined;
}

/** Text of a content value that may be a string, an array of `{text}` parts, or something else. */
export function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    const texts: string[] = [];
    for (const part of content) {
      if (typeof part === "string") texts.push(part);
      else if (typeof part === "object" && part !== null && typeof (part as { text?: unknown }).text === "string") {
        texts.push((part as { text: string }).text);
      }
    }
    return texts.join("\n");
  }
  return "";
}

/** True for a plain JSON object. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
