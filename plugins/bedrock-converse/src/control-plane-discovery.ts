import type { RuntimeAuth, Transport, TransportResponse } from "@bedrock-kit/plugin-host";
import { classifyConverseHttpFailure } from "./classify-converse-error.js";
import {
  parseFoundationModelsBody,
  parseInferenceProfilesPage,
  type FoundationModelSummary,
  type InferenceProfileSummary,
} from "./parse-control-plane-models.js";

/** The control plane's lists, as fetched. */
export interface ControlPlaneListing {
  /** `ListFoundationModels`. */
  foundationModels: FoundationModelSummary[];
  /** Every page of `ListInferenceProfiles`. */
  profiles: InferenceProfileSummary[];
}

/** Options of {@link fetchControlPlaneListing}. */
export interface ControlPlaneRequestOptions {
  /** Control-plane base URL, no trailing slash. */
  controlPlaneUrl: string;
  /** The region signed for (for error hints). */
  region: string;
  /** Signs each request (SigV4, service `bedrock`); discovery does not run without one. */
  auth: RuntimeAuth;
  /** HTTP transport. */
  transport: Transport;
  /** Cancels discovery. */
  signal?: AbortSignal;
  /** Profiles per page (1..1000). */
  pageSize?: number;
  /** Upper bound on pages, so a looping `nextToken` cannot spin forever. */
  maxPages?: number;
}

const DISCOVERY_TIMEOUTS = { connectMs: 10_000, firstByteMs: 30_000, idleMs: 30_000 } as const;
const DISCOVERY_MAX_BODY_BYTES = 8 * 1024 * 1024;

/** One signed GET on the control plane; rejects with a classified error on a non-OK answer. */
export async function controlPlaneGet(options: ControlPlaneRequestOptions, pathAndQuery: string): Promise<TransportResponse> {
  const url = `${options.controlPlaneUrl}${pathAndQuery}`;
  const headers: Record<string, string> = { accept: "application/json", ...options.auth.headers };
  const signed = options.auth.sign?.({ method: "GET", url, headers });
  const response = await options.transport({
    method: "GET",
    url,
    headers: signed === undefined ? headers : { ...headers, ...signed },
    timeouts: DISCOVERY_TIMEOUTS,
    maxBodyBytes: DISCOVERY_MAX_BODY_BYTES,
    ...(options.signal !== undefined && { signal: options.signal }),
  });
  if (response.status >= 200 && response.status < 300) return response;
  const bodyText = await response.text().catch(() => "");
  throw classifyConverseHttpFailure(
    { status: response.status, headers: response.headers, bodyText },
    { region: options.region, credential: "aws-sigv4", endpoint: "control-plane" },
  ).error;
}

/**
 * Fetch the foundation models and every page of inference profiles (both signed). Throws on any
 * failure; the caller falls back to the curated catalog.
 */
export async function fetchControlPlaneListing(options: ControlPlaneRequestOptions): Promise<ControlPlaneListing> {
  const pageSize = options.pageSize ?? 1000;
  const maxPages = options.maxPages ?? 50;
  const [foundationModels, profiles] = await Promise.all([
    controlPlaneGet(options, "/foundation-models").then(async (response) => parseFoundationModelsBody(await response.text())),
    (async () => {
      const all: InferenceProfileSummary[] = [];
      const seenTokens = new Set<string>();
      let nextToken: string | undefined;
      for (let page = 0; page < maxPages; page++) {
        const query = `?maxResults=${pageSize}${nextToken === undefined ? "" : `&nextToken=${encodeURIComponent(nextToken)}`}`;
        const response = await controlPlaneGet(options, `/inference-profiles${query}`);
        const parsed = parseInferenceProfilesPage(await response.text());
        all.push(...parsed.profiles);
        if (parsed.nextToken === undefined || seenTokens.has(parsed.nextToken)) break;
        seenTokens.add(parsed.nextToken);
        nextToken = parsed.nextToken;
      }
      return all;
    })(),
  ]);
  return { foundationModels, profiles };
}
