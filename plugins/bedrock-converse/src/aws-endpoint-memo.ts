import { createBoundedMemo, parseAwsEndpoint, type AwsEndpointInfo } from "@bedrock-kit/aws-auth";

/** Reads what an endpoint URL says about signing for it (`parseAwsEndpoint`'s signature). */
export type AwsEndpointParser = (url: string) => AwsEndpointInfo | undefined;

/** Distinct URLs remembered before the memo starts over: a host calls a handful of base URLs. */
export const MAX_REMEMBERED_ENDPOINTS = 256;

/**
 * `parseAwsEndpoint` remembered per URL, for one provider instance. Every call resolves its
 * signing region from the model's base URL, which is one of a few fixed strings; parsing it
 * (`new URL` and three host patterns) was most of the call's setup and runs cold between paced
 * requests (issue 8, docs/adr/0920). Bounded like the transport's parsed URLs: past the limit
 * the memo is cleared, never grown. The answers are shared, so they are frozen.
 */
export function createAwsEndpointMemo(limit: number = MAX_REMEMBERED_ENDPOINTS): AwsEndpointParser {
  return createBoundedMemo(parseAwsEndpoint, limit);
}
