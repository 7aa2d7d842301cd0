import { createBoundedMemo } from "@bedrock-kit/aws-auth";
import { parseMantleBaseUrl, type ParsedMantleBaseUrl } from "./normalize-mantle-base-url.js";

/** Splits a model's base URL into root and pasted surface (`parseMantleBaseUrl`'s signature). */
export type MantleBaseUrlParser = (baseUrl: string) => ParsedMantleBaseUrl;

/** Distinct base URLs remembered before the memo starts over: a host calls a handful. */
export const MAX_REMEMBERED_BASE_URLS = 256;

/**
 * `parseMantleBaseUrl` remembered per URL, for one provider instance: every call splits its model's
 * base URL (trim, case fold, four suffix checks), one of a few fixed strings, and that work runs
 * cold between paced requests (issue 8, docs/adr/0920). Bounded: past the limit the memo is
 * cleared, never grown. The answers are shared, so they are frozen.
 */
export function createMantleBaseUrlMemo(limit: number = MAX_REMEMBERED_BASE_URLS): MantleBaseUrlParser {
  return createBoundedMemo(parseMantleBaseUrl, limit);
}
