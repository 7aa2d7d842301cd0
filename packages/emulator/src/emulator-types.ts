/**
 * The public shape of the emulator: what a caller passes to `startEmulator` and what it gets back.
 * Everything here is plain data so the CLI can print it and tests can assert on it.
 */

/** Every route the emulator serves, by the name used for fault knobs and request counts. */
export const ROUTE_NAMES = [
  "mantle.models",
  "mantle.chat",
  "mantle.responses",
  "mantle.responses.retrieve",
  "mantle.messages",
  "mantle.count-tokens",
  "runtime.converse",
  "runtime.converse-stream",
  "control.foundation-models",
  "control.inference-profiles",
  "sts.assume-role",
] as const;

/** A route name (see {@link ROUTE_NAMES}). Requests that match no route are counted as `<service>.unknown`. */
export type RouteName = (typeof ROUTE_NAMES)[number];

/** How a request proved who it is. */
export type AuthKind =
  /** `Authorization: Bearer <key>` with one of the configured long-term keys. */
  | "api-key"
  /** `Authorization: Bearer bedrock-api-key-…`, a presigned short-term token. */
  | "short-term-token"
  /** A SigV4 `Authorization` header from long-term (AKIA…) credentials. */
  | "sigv4"
  /** A SigV4 `Authorization` header from STS-issued temporary (ASIA…) credentials. */
  | "sigv4-session";

/** Faults injected on one route. Every knob is optional; several may combine. */
export interface RouteFaults {
  /** Delay, in milliseconds, before the response starts (after the body is read). */
  latencyMs?: number;
  /** Answer every request with this HTTP status (after auth succeeds) instead of serving it. */
  status?: number;
  /** Body for `status`: a string is sent as-is, anything else as JSON. Default: the surface's own error body. */
  body?: unknown;
  /** Every Nth request on the route (N, 2N, …) is throttled: 429 with the surface's throttling body and `retry-after`. */
  throttleEveryNth?: number;
  /** Deny the route's IAM action for every caller (403 with the surface's access-denied body). */
  accessDenied?: boolean;
  /** Streams: destroy the connection after this many events have been written. */
  resetAfterEvents?: number;
  /** Streams: event number N (1-based) is corrupted (bad message CRC in an event-stream frame; invalid JSON in SSE). */
  corruptFrameAt?: number;
  /** Streams: stop writing after this many events but keep the connection open. */
  stallAfterEvents?: number;
  /** Streams: end the response cleanly after this many events, without the terminal event. */
  truncateAfterEvents?: number;
  /** Streams: after this many events, send the surface's in-stream error event and end. */
  errorAfterEvents?: number;
}

/** Faults keyed by route name, or `"*"` for every route (a route's own entry overrides `"*"` field by field). */
export type FaultConfig = Partial<Record<RouteName | "*", RouteFaults>>;

/** IAM actions the emulator checks, e.g. `bedrock:InvokeModelWithResponseStream`, `bedrock-mantle:CreateInference`. */
export type IamAction = string;

/** A long-term IAM user the emulator verifies SigV4 signatures and minted tokens for. */
export interface EmulatedCredentials {
  /** AKIA… access key id. */
  accessKeyId: string;
  /** The secret the emulator recomputes signatures with. */
  secretAccessKey: string;
  /** IAM actions this user is denied (for testing access-denied handling), e.g. `bedrock:CallWithBearerToken`. */
  deniedActions?: IamAction[];
}

/** A role callers may assume through the emulator's STS route. */
export interface EmulatedRole {
  /** `arn:aws:iam::<account>:role/<name>`. */
  roleArn: string;
  /** When set, AssumeRole must carry this `ExternalId`. */
  externalId?: string;
  /** Longest `DurationSeconds` accepted (AWS default 3600). */
  maxSessionDurationSeconds?: number;
  /** IAM actions the role's sessions are denied. */
  deniedActions?: IamAction[];
}

/** A Mantle routing surface: `/v1`, `/openai/v1` or `/anthropic/v1`. */
export type MantleSurface = "v1" | "openai-v1" | "anthropic";

/** A Mantle wire API. */
export type MantleApi = "chat-completions" | "responses" | "messages";

/** What Mantle answers when a model is called on the other OpenAI surface (facts §1.3, §5). */
export type WrongSurfaceReply =
  /** 401 `Berm is not enabled for this account` (gemma-4, grok on `/v1`). */
  | "berm-not-enabled"
  /** 401 `The security token included in the request is invalid` (gpt-oss on `/openai/v1`). */
  | "invalid-security-token"
  /** 400 `model <id> isn't supported on this route`. */
  | "route-not-supported"
  /** 400 `The model '<id>' does not support the '<path>' API`. */
  | "api-not-supported";

/** Where and how a model is served on Mantle. */
export interface MantlePlacement {
  /** The bare Mantle id, e.g. `anthropic.claude-opus-4-7`, `openai.gpt-oss-120b`. */
  id: string;
  /** The surface it lives on. */
  surface: MantleSurface;
  /** The APIs it answers on that surface. */
  apis: MantleApi[];
  /** `owned_by` in `/v1/models`. */
  ownedBy: string;
  /** Reply on the other OpenAI surface, per API (default: `route-not-supported`). */
  onWrongSurface?: Partial<Record<"chat-completions" | "responses", WrongSurfaceReply>>;
  /** Chat Completions rejects `max_tokens` (wants `max_completion_tokens`), as GPT-5.6 does. */
  chatRejectsMaxTokens?: boolean;
  /** How the Responses API streams reasoning: raw `reasoning_text` (gpt-oss) or `summary` (GPT-5.x). */
  reasoningStyle?: "text" | "summary";
}

/** A geography prefix of a system-defined cross-region inference profile. */
export type ProfileGeo = "us" | "eu" | "apac" | "jp" | "au" | "ca" | "us-gov" | "global";

/** Where and how a model is served on bedrock-runtime (Converse) and listed by the control plane. */
export interface RuntimePlacement {
  /** The foundation-model id, e.g. `anthropic.claude-sonnet-4-6`, `meta.llama4-maverick-17b-instruct-v1:0`. */
  id: string;
  /** `inferenceTypesSupported`: `["INFERENCE_PROFILE"]` means the base id fails on-demand. */
  inferenceTypes: ("ON_DEMAND" | "INFERENCE_PROFILE" | "PROVISIONED")[];
  /** System-defined inference profiles that contain the model (only those valid in the region are served). */
  profileGeos?: ProfileGeo[];
  /** False when ConverseStream rejects `toolConfig` (Llama 4). Default true. */
  streamingToolUse?: boolean;
  /** `responseStreamingSupported`. Default true. */
  streaming?: boolean;
  /** `modelLifecycle.status`. Default `ACTIVE`. */
  lifecycle?: "ACTIVE" | "LEGACY";
}

/** One model in the emulator's table. */
export interface EmulatedModel {
  /** Display name, e.g. `Claude Sonnet 4.6`. */
  name: string;
  /** Provider name as the control plane reports it, e.g. `Anthropic`. */
  providerName: string;
  /** Context window in tokens (informational; the emulator counts words). */
  contextWindow: number;
  /** Largest accepted max-tokens value; larger requests fail with the surface's wording. */
  maxOutputTokens: number;
  /** Input modalities. */
  inputModalities: ("TEXT" | "IMAGE")[];
  /** Output modalities; models without TEXT are rejected by Converse. */
  outputModalities: ("TEXT" | "IMAGE" | "EMBEDDING")[];
  /** Reasoning: `on-request` streams reasoning when asked; `always` streams it on every call. Absent: never. */
  reasoning?: "on-request" | "always";
  /** Claude thinking types accepted (`enabled` with a budget, `adaptive`). Absent: thinking is ignored. */
  thinkingTypes?: ("enabled" | "adaptive")[];
  /** Rejects `temperature` (Opus 4.7). */
  rejectsTemperature?: boolean;
  /**
   * Shortest prompt prefix (in tokens, i.e. words) a cache marker can cache on this model; shorter
   * prefixes are neither written nor read. Overrides {@link EmulatorOptions.minCacheTokens}.
   */
  minCacheTokens?: number;
  /** Placement on Mantle, if served there. */
  mantle?: MantlePlacement;
  /** Placement on bedrock-runtime, if served there. */
  runtime?: RuntimePlacement;
}

/** Options of {@link startEmulator}. */
export interface EmulatorOptions {
  /**
   * Port of the Mantle service; the runtime, control plane and STS take the next three ports.
   * 0 (default) picks four free ports.
   */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** The one AWS region the emulator serves. Default `us-east-1`. */
  region?: string;
  /** Long-term bearer keys accepted. Default: one generated `ABSK…` key. */
  apiKeys?: string[];
  /** Long-term IAM credentials accepted. Default: one generated AKIA… pair. */
  credentials?: EmulatedCredentials[];
  /** Roles the STS route lets callers assume. Default: any role ARN, max session one hour. */
  roles?: EmulatedRole[];
  /** Account id used in ARNs. Default `123456789012`. */
  accountId?: string;
  /** Faults in force from the start. */
  faults?: FaultConfig;
  /** Clock for signature skew, token expiry, prompt-cache lifetimes and timestamps. Default `Date`. */
  clock?: { now(): number };
  /** Model table. Default: {@link defaultEmulatedModels}. */
  models?: EmulatedModel[];
  /**
   * Shortest prompt prefix (in tokens, i.e. words) a cache marker (`cachePoint`, `cache_control`) can
   * cache, for models that set no `minCacheTokens` of their own. Default 1,024; 0 caches any
   * non-empty prefix (for tests that want cache accounting on tiny prompts).
   */
  minCacheTokens?: number;
  /** Default `maxResults` of `GET /inference-profiles` (small so clients must paginate). Default 5. */
  inferenceProfilePageSize?: number;
}

/** One request as the emulator saw it (no secrets). */
export interface EmulatorRequestRecord {
  /** Route name, or `<service>.unknown`. */
  route: string;
  /** HTTP method. */
  method: string;
  /** Path without the query. */
  path: string;
  /** Status sent. */
  status: number;
  /** How the caller authenticated, when it did. */
  authKind?: AuthKind;
  /** Model id named by the request, when there was one. */
  model?: string;
  /** `x-amzn-requestid` sent. */
  requestId: string;
}

/** Counters since start. */
export interface EmulatorStats {
  /** Requests per route name. */
  requests: Record<string, number>;
  /** Successfully authenticated requests per auth kind. */
  authKinds: Partial<Record<AuthKind, number>>;
  /** Responses per HTTP status. */
  statuses: Record<string, number>;
  /** The last 200 requests, oldest first. */
  recent: EmulatorRequestRecord[];
}

/** A running emulator. */
export interface RunningEmulator {
  /** Mantle base, e.g. `http://127.0.0.1:P`; clients append `/v1/…`, `/openai/v1/…`, `/anthropic/v1/…`. */
  mantleUrl: string;
  /** bedrock-runtime base; clients append `/model/{id}/converse-stream`. */
  runtimeUrl: string;
  /** Control-plane base; clients append `/foundation-models`, `/inference-profiles`. */
  controlPlaneUrl: string;
  /** STS base; `POST /` with `Action=AssumeRole`. */
  stsUrl: string;
  /** The region served. */
  region: string;
  /** A bearer key the emulator accepts. */
  apiKey: string;
  /** An access key id the emulator verifies signatures for. */
  accessKeyId: string;
  /** Its secret. */
  secretAccessKey: string;
  /** Replace the faults in force (throttle counters restart). */
  setFaults(faults: FaultConfig): void;
  /** Counters since start. */
  stats(): EmulatorStats;
  /** Stop listening and drop every connection (stalled streams included). */
  close(): Promise<void>;
}
