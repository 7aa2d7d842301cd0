import type { MantleSurfacePrefix } from "./mantle-surface-rules.js";

/**
 * Users paste whichever Mantle URL their other tool used: `…/v1` (OpenAI SDK docs), `…/openai/v1`
 * (Codex, the OpenAI SDK's Bedrock client), `…/anthropic` or `…/anthropic/v1` (Anthropic SDK). The
 * surface is chosen per model, so only the host root is kept; the pasted surface is remembered as a
 * hint for ids the routing rules do not know. Longest suffix first, so that `/openai/v1` is not read
 * as `/v1` leaving `/openai` behind.
 */
const SURFACE_SUFFIXES: ReadonlyArray<{ suffix: string; prefix: MantleSurfacePrefix }> = [
  { suffix: "/anthropic/v1", prefix: "/anthropic/v1" },
  { suffix: "/openai/v1", prefix: "/openai/v1" },
  { suffix: "/anthropic", prefix: "/anthropic/v1" },
  { suffix: "/v1", prefix: "/v1" },
];

/** A pasted Mantle URL split into its host root and the surface it pointed at, if any. */
export interface ParsedMantleBaseUrl {
  /** Host root without a trailing slash (`https://bedrock-mantle.us-east-1.api.aws`). */
  root: string;
  /** The surface the pasted URL ended with. */
  pastedPrefix?: MantleSurfacePrefix;
}

/** Split a pasted Mantle URL into its host root and surface. */
export function parseMantleBaseUrl(baseUrl: string): ParsedMantleBaseUrl {
  const trimmed = baseUrl.trim().replace(/\/+$/, "");
  const lower = trimmed.toLowerCase();
  for (const { suffix, prefix } of SURFACE_SUFFIXES) {
    if (lower.endsWith(suffix)) return { root: trimmed.slice(0, -suffix.length).replace(/\/+$/, ""), pastedPrefix: prefix };
  }
  return { root: trimmed };
}

/** The host root of a pasted Mantle URL (`https://bedrock-mantle.us-east-1.api.aws`), without a trailing slash. */
export function normalizeMantleBaseUrl(baseUrl: string): string {
  return parseMantleBaseUrl(baseUrl).root;
}
