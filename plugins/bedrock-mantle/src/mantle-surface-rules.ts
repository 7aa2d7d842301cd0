import type { MantleApi } from "./mantle-config-schema.js";

/** The three path prefixes Mantle serves on one host. */
export type MantleSurfacePrefix = "/v1" | "/openai/v1" | "/anthropic/v1";

/** Where and how a model is called: the wire API and the path prefix it lives under. */
export interface MantleSurface {
  /** Wire API. */
  api: MantleApi;
  /** Path prefix under the host root. */
  prefix: MantleSurfacePrefix;
}

/** Why Mantle refused a surface (set on route-mismatch errors as `metadata.routeError`). */
export type MantleRouteErrorKind =
  /** `isn't supported on this route`, or 401 `… is not enabled`: right API, wrong prefix. */
  | "wrong-prefix"
  /** `does not support the '…' API`: this API (or this API on this prefix) is not served for the model. */
  | "wrong-api";

interface SurfaceRule {
  /** Matched against the lower-cased wire id; first match wins. */
  match: RegExp;
  /** The surface to call first. */
  primary: MantleSurface;
  /** Other surfaces that serve the model. */
  alsoServes: readonly MantleSurface[];
}

const MESSAGES: MantleSurface = { api: "anthropic-messages", prefix: "/anthropic/v1" };
const CHAT_V1: MantleSurface = { api: "openai-completions", prefix: "/v1" };
const RESPONSES_V1: MantleSurface = { api: "openai-responses", prefix: "/v1" };
const CHAT_OPENAI: MantleSurface = { api: "openai-completions", prefix: "/openai/v1" };
const RESPONSES_OPENAI: MantleSurface = { api: "openai-responses", prefix: "/openai/v1" };

/**
 * Which surface serves which family (wire facts §1.3). Patterns, not pinned rows: a new GPT-5.x or
 * Gemma 4 size is routed right without a release (OpenClaw #108216 pinned every non-Claude model to
 * Chat on /v1, and GPT-5.x could not be called at all).
 */
const SURFACE_RULES: readonly SurfaceRule[] = [
  { match: /^anthropic\./, primary: MESSAGES, alsoServes: [] },
  { match: /^openai\.gpt-oss-safeguard/, primary: CHAT_V1, alsoServes: [] },
  { match: /^openai\.gpt-oss/, primary: CHAT_V1, alsoServes: [RESPONSES_V1] },
  // GPT-5.4 and 5.5 are Responses-only; 5.6 and later also take Chat Completions on /openai/v1.
  { match: /^openai\.gpt-5\.[0-5](?!\d)/, primary: RESPONSES_OPENAI, alsoServes: [] },
  { match: /^openai\.gpt-(?:5|[6-9]|\d\d)/, primary: RESPONSES_OPENAI, alsoServes: [CHAT_OPENAI] },
  { match: /^google\.gemma-4/, primary: RESPONSES_OPENAI, alsoServes: [CHAT_OPENAI] },
  { match: /^xai\.grok/, primary: RESPONSES_OPENAI, alsoServes: [CHAT_OPENAI] },
  {
    match: /^(?:google\.gemma-3|mistral\.|nvidia\.|qwen\.|zai\.|deepseek\.|moonshotai?\.|minimax\.|meta\.)/,
    primary: CHAT_V1,
    alsoServes: [],
  },
];

function findRule(wireId: string): SurfaceRule | undefined {
  const lower = wireId.toLowerCase();
  return SURFACE_RULES.find((rule) => rule.match.test(lower));
}

/** The surface the rule table gives a wire id, or `undefined` for families it does not know. */
export function ruleSurfaceFor(wireId: string): MantleSurface | undefined {
  return findRule(wireId)?.primary;
}

/** What decides a model's surface besides its id. */
export interface SurfaceChoice {
  /** The model's own `api` from config (wins over the rule table). */
  configuredApi?: MantleApi;
  /** The provider-level `api`: a default for ids the rule table does not know, never an override. */
  providerApi?: MantleApi;
  /** The surface of the pasted `baseUrl`, used for unknown ids. */
  pastedPrefix?: MantleSurfacePrefix;
}

/** Precedence: the model's configured `api`, then the rule table, then the provider default. */
export function resolveMantleSurface(wireId: string, choice: SurfaceChoice = {}): MantleSurface {
  const rule = findRule(wireId);
  if (choice.configuredApi !== undefined) return { api: choice.configuredApi, prefix: prefixFor(wireId, choice.configuredApi, choice.pastedPrefix) };
  if (rule !== undefined) return rule.primary;
  const api = choice.providerApi ?? (choice.pastedPrefix === "/anthropic/v1" ? "anthropic-messages" : "openai-completions");
  return { api, prefix: prefixFor(wireId, api, choice.pastedPrefix) };
}

/** The prefix an API lives under for this model (its family's OpenAI prefix, or the pasted one for unknown ids). */
export function prefixFor(wireId: string, api: MantleApi, pastedPrefix?: MantleSurfacePrefix): MantleSurfacePrefix {
  if (api === "anthropic-messages") return "/anthropic/v1";
  const rule = findRule(wireId);
  if (rule !== undefined) {
    const served = [rule.primary, ...rule.alsoServes].find((surface) => surface.api === api);
    if (served !== undefined) return served.prefix;
    return rule.primary.prefix === "/anthropic/v1" ? "/v1" : rule.primary.prefix;
  }
  return pastedPrefix === "/openai/v1" ? "/openai/v1" : "/v1";
}

/** The surface's base URL under a host root (what `ModelDefinition.baseUrl` holds). */
export function surfaceBaseUrl(root: string, surface: MantleSurface): string {
  return root + surface.prefix;
}

/** Whether two surfaces are the same. */
export function sameSurface(left: MantleSurface, right: MantleSurface): boolean {
  return left.api === right.api && left.prefix === right.prefix;
}

function otherOpenAiPrefix(prefix: MantleSurfacePrefix): MantleSurfacePrefix {
  return prefix === "/openai/v1" ? "/v1" : "/openai/v1";
}

/**
 * The one surface to retry on after a route error: the rule table's surface when the call went
 * elsewhere, else the same API on the other prefix (for a wrong route) or the other OpenAI API on
 * the same prefix (for an API the model does not serve), then the remaining one. Claude lives only
 * on Messages. `undefined` when nothing is left to try.
 */
export function alternativeSurface(wireId: string, failed: MantleSurface, kind: MantleRouteErrorKind): MantleSurface | undefined {
  const candidates: MantleSurface[] = [];
  const rule = findRule(wireId);
  if (rule !== undefined) candidates.push(rule.primary);
  if (wireId.toLowerCase().startsWith("anthropic.")) candidates.push(MESSAGES);
  else if (failed.api === "anthropic-messages") candidates.push(CHAT_V1, RESPONSES_OPENAI);
  else {
    const otherApi: MantleApi = failed.api === "openai-completions" ? "openai-responses" : "openai-completions";
    const samePathOtherApi: MantleSurface = { api: otherApi, prefix: failed.prefix };
    const sameApiOtherPath: MantleSurface = { api: failed.api, prefix: otherOpenAiPrefix(failed.prefix) };
    if (kind === "wrong-prefix") candidates.push(sameApiOtherPath, samePathOtherApi);
    else candidates.push(samePathOtherApi, sameApiOtherPath);
  }
  return candidates.find((candidate) => !sameSurface(candidate, failed));
}
