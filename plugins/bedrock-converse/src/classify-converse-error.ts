import { BedrockKitError, type ErrorCode } from "@bedrock-kit/plugin-host";
import type { ConverseHttpFailure } from "./wire/converse-wire.js";
import { profileFallbackIds } from "./inference-profile-prefix.js";

import { CONVERSE_PROVIDER_ID } from "./converse-provider-id.js";

export { CONVERSE_PROVIDER_ID };

/**
 * What the classifier knows about the call that failed, so hints can name the profile id, the
 * region and the credential kind. All optional: `classifyError` has no call context.
 */
/** Model ids only Mantle serves (Bedrock's OpenAI-compatible endpoint), whatever prefix they carry. */
const MANTLE_ONLY_MODEL = /^(?:[a-z-]+\.)?openai\.gpt-5/;

export interface ConverseErrorContext {
  /** The id that was sent. */
  wireId?: string;
  /** The region called. */
  region?: string;
  /** The credential kind that signed the call. */
  credential?: "bearer" | "aws-sigv4";
  /** Which endpoint answered: inference (runtime) or discovery (control plane). */
  endpoint?: "runtime" | "control-plane";
}

/** Failure families that drive recovery, beyond the public error code. */
export type ConverseFailureKind =
  | "on-demand-unsupported"
  | "invalid-model-identifier"
  | "access-denied"
  | "bearer-not-authorized"
  | "other";

/** A classified HTTP failure: the error to surface and the family that decides a retry. */
export interface ClassifiedConverseFailure {
  /** The error, with code, hint, status and request id. */
  error: BedrockKitError;
  /** The family. */
  kind: ConverseFailureKind;
}

const MAX_MESSAGE_CHARS = 600;

/** AWS's error type from `x-amzn-errortype` (`AccessDeniedException:http://…`) or a body `__type` (`…#UnknownOperationException`). */
function errorTypeOf(headers: Record<string, string | undefined>, body: Record<string, unknown> | undefined): string | undefined {
  const header = headers["x-amzn-errortype"];
  if (header !== undefined && header !== "") return header.split(":")[0];
  const bodyType = body?.["__type"] ?? (body?.["Output"] as Record<string, unknown> | undefined)?.["__type"];
  if (typeof bodyType === "string") return bodyType.slice(bodyType.lastIndexOf("#") + 1);
  return undefined;
}

function parseBody(bodyText: string): Record<string, unknown> | undefined {
  if (!bodyText.startsWith("{")) return undefined;
  try {
    const parsed: unknown = JSON.parse(bodyText);
    return typeof parsed === "object" && parsed !== null ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** The human message: `message`, `Message`, `Output.message`, else the (bounded) text. */
function messageOf(body: Record<string, unknown> | undefined, bodyText: string): string {
  const candidate = body?.["message"] ?? body?.["Message"] ?? (body?.["Output"] as Record<string, unknown> | undefined)?.["message"];
  const text = typeof candidate === "string" ? candidate : body === undefined ? bodyText.trim() : "";
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}

/** Retry-After in ms from `retry-after` (seconds or an HTTP date), if present. */
export function retryAfterMs(headers: Record<string, string | undefined>, now: number = Date.now()): number | undefined {
  const value = headers["retry-after"];
  if (value === undefined || value === "") return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

const ON_DEMAND_UNSUPPORTED = /on-demand throughput isn['’]?t supported|on-demand throughput is not supported/i;
const INVALID_MODEL_IDENTIFIER = /provided model identifier is invalid|model identifier is invalid|model id is invalid/i;
const OVER_LIMIT =
  /maximum tokens you requested exceeds|exceeds the model limit|maximum allowed number of output tokens|max_tokens.*(exceed|greater than|maximum)|input is too long|prompt is too long|too many (input )?tokens|context (length|window)|input tokens exceed/i;
const DATA_RETENTION = /data retention/i;
const NO_MODEL_ACCESS = /don'?t have access to the model|not have access to the model|model access|is not available for this account/i;
const AUTH_REJECTED =
  /security token included in the request is (invalid|expired)|signature we calculated does not match|invalid api key|api key is (invalid|expired)|token has expired|request has expired|authentication failed/i;
const ACTION_IN_MESSAGE = /perform:\s*([a-z0-9-]+:[A-Za-z]+)/;

interface Parts {
  status: number;
  type: string | undefined;
  message: string;
  requestId: string | undefined;
  retryAfter: number | undefined;
  context: ConverseErrorContext;
}

function build(parts: Parts, code: ErrorCode, hint: string, kind: ConverseFailureKind, retryable?: boolean): ClassifiedConverseFailure {
  const where = parts.context.endpoint === "control-plane" ? "Bedrock control plane" : "Bedrock runtime";
  const detail = parts.message === "" ? `${parts.type ?? "HTTP error"}` : parts.message;
  const metadata = parts.retryAfter === undefined ? undefined : { retryAfterMs: parts.retryAfter };
  const error = new BedrockKitError({
    code,
    message: `${where} returned ${parts.status}${parts.type === undefined ? "" : ` ${parts.type}`}: ${detail}`,
    hint,
    status: parts.status,
    provider: CONVERSE_PROVIDER_ID,
    ...(retryable !== undefined && { retryable }),
    ...(parts.requestId !== undefined && { requestId: parts.requestId }),
    ...(metadata !== undefined && { metadata }),
  });
  return { error, kind };
}

function profileSuggestion(context: ConverseErrorContext): string {
  if (context.wireId === undefined || context.region === undefined) {
    return "use the inference-profile id instead of the base model id (the base id with a us./eu./apac./jp./au./global. prefix)";
  }
  const candidates = profileFallbackIds(context.wireId, context.region);
  if (candidates.length === 0) return "use an inference-profile id or ARN that contains this model in this region";
  return `use the inference-profile id ${candidates.map((id) => `"${id}"`).join(" or ")}`;
}

function accessDenied(parts: Parts): ClassifiedConverseFailure {
  const { message, context } = parts;
  const region = context.region ?? "this region";
  const action = ACTION_IN_MESSAGE.exec(message)?.[1];
  const bearer = context.credential === "bearer";
  if (DATA_RETENTION.test(message)) {
    return build(
      parts,
      "access-denied",
      "This model requires a data-retention opt-in for the account: accept the model's data-retention terms (Bedrock console, model access / settings) or ask your AWS account team, then retry.",
      "access-denied",
    );
  }
  if (action === "bedrock:CallWithBearerToken" || (bearer && action === undefined && !NO_MODEL_ACCESS.test(message))) {
    return build(
      parts,
      "access-denied",
      'The bearer key is not allowed on bedrock-runtime (a key scoped to Mantle only, or a principal without bedrock:CallWithBearerToken). Pin auth.credentials: ["aws-sigv4"] for this provider to sign with IAM credentials instead, or grant bedrock:CallWithBearerToken to the key\'s principal.',
      "bearer-not-authorized",
    );
  }
  if (action !== undefined && action !== "bedrock:CallWithBearerToken") {
    const listing = action === "bedrock:ListFoundationModels" || action === "bedrock:ListInferenceProfiles";
    const hint = listing
      ? `Grant ${action} to the calling principal for discovery (or leave discovery disabled).`
      : `Grant ${action} on the model and inference-profile resources in ${region} to the calling principal${
          bearer ? " (the bearer key's principal)" : ""
        }; streaming needs bedrock:InvokeModelWithResponseStream, /converse needs bedrock:InvokeModel, and a profile also needs them on each foundation-model it routes to.`;
    return build(parts, "access-denied", hint, "access-denied");
  }
  return build(
    parts,
    "access-denied",
    `Model access is not granted for this model in ${region}: enable it under Bedrock > Model access in ${region} (Anthropic models need the one-time use-case form; Marketplace models need aws-marketplace:Subscribe), and check that the principal has bedrock:InvokeModel and bedrock:InvokeModelWithResponseStream${
      bearer ? " and bedrock:CallWithBearerToken" : ""
    }.`,
    "access-denied",
  );
}

/**
 * Classify a non-OK Bedrock response (runtime or control plane) into a stable code, a hint that
 * says what to do, and the failure family that drives recovery. Pure.
 */
export function classifyConverseHttpFailure(failure: ConverseHttpFailure, context: ConverseErrorContext = {}): ClassifiedConverseFailure {
  const body = parseBody(failure.bodyText.trim());
  const parts: Parts = {
    status: failure.status,
    type: errorTypeOf(failure.headers, body),
    message: messageOf(body, failure.bodyText),
    requestId: failure.headers["x-amzn-requestid"] ?? failure.headers["x-amz-request-id"],
    retryAfter: retryAfterMs(failure.headers),
    context,
  };
  const { status, type, message } = parts;

  if (status === 429 || type === "ThrottlingException" || type === "ServiceQuotaExceededException" || type === "TooManyRequestsException") {
    const wait = parts.retryAfter === undefined ? "with exponential backoff" : `after ${Math.ceil(parts.retryAfter / 1000)} s (Retry-After)`;
    return build(
      parts,
      "throttled",
      `Bedrock throttled the call: retry ${wait}. For steady load, request a higher tokens/requests-per-minute quota for this model in Service Quotas, or spread load with a global. inference profile.`,
      "other",
      true,
    );
  }
  if (ON_DEMAND_UNSUPPORTED.test(message)) {
    return build(
      parts,
      "invalid-request",
      `This model cannot be called by its base id on demand: ${profileSuggestion(context)} (set it as the model's wireId).`,
      "on-demand-unsupported",
      false,
    );
  }
  if (type === "UnknownOperationException") {
    return build(
      parts,
      "config",
      "The endpoint does not know this operation: baseUrl must be the runtime endpoint (https://bedrock-runtime.{region}.amazonaws.com, no path) and controlPlaneUrl the control plane (https://bedrock.{region}.amazonaws.com).",
      "other",
      false,
    );
  }
  if (INVALID_MODEL_IDENTIFIER.test(message) || (type === "ResourceNotFoundException" && /model/i.test(message))) {
    // GPT-5.x is served by Mantle (Responses API), not Converse: no profile prefix will help (pi #8302).
    if (context.wireId !== undefined && MANTLE_ONLY_MODEL.test(context.wireId)) {
      return build(
        parts,
        "model-not-found",
        `${context.wireId} is not served by Converse: OpenAI GPT-5 models on Bedrock are on the Mantle endpoint. Call it through the amazon-bedrock-mantle provider (e.g. amazon-bedrock-mantle/${context.wireId.replace(/^(?:[a-z-]+\.)?(?=openai\.)/, "")}).`,
        "invalid-model-identifier",
        false,
      );
    }
    return build(
      parts,
      "model-not-found",
      `The model id is not known in ${context.region ?? "this region"}: check the spelling and region; many models must be called through an inference-profile id (us./eu./apac./jp./au./global. prefix) — ${profileSuggestion(
        context,
      )}. Run \`bedrock-kit models list --provider amazon-bedrock\` for ids that work here.`,
      "invalid-model-identifier",
      false,
    );
  }
  if (OVER_LIMIT.test(message)) {
    const cap = /limit of (\d+)|> (\d+)/.exec(message);
    const capText = cap === null ? "the model's output cap" : `${cap[1] ?? cap[2]} (the model's cap)`;
    return build(
      parts,
      "context-overflow",
      `The prompt plus maxTokens exceeds the model's limits: lower maxTokens to at most ${capText}, or shorten the conversation.`,
      "other",
      false,
    );
  }
  if (status === 401 || type === "UnrecognizedClientException" || type === "ExpiredTokenException" || type === "InvalidSignatureException" || AUTH_REJECTED.test(message)) {
    const hint =
      context.credential === "bearer"
        ? "The bearer key was rejected: it is invalid or expired (short-term keys last at most 12 hours). Set a fresh key, or pin auth.credentials: [\"aws-sigv4\"] to sign with IAM credentials."
        : "The AWS credentials were rejected: refresh them (aws sso login, new session token), check the machine clock, and make sure the signing region matches the endpoint's region.";
    return build(parts, "auth", hint, "other", false);
  }
  if (status === 403 || type === "AccessDeniedException") return accessDenied(parts);
  if (type === "ModelTimeoutException" || status === 408) {
    return build(parts, "timeout", "The model took too long to answer: retry, or lower maxTokens.", "other", true);
  }
  if (type === "ModelNotReadyException") {
    return build(parts, "unavailable", "The model is not ready yet (cold start): retry in a few seconds.", "other", true);
  }
  if (status >= 500 || type === "ServiceUnavailableException" || type === "InternalServerException" || type === "ModelErrorException" || status === 424) {
    return build(
      parts,
      "unavailable",
      "Bedrock or the model failed on its side: retry with backoff, or fail over to another region or model.",
      "other",
      true,
    );
  }
  if (status === 404 || type === "ResourceNotFoundException") {
    return build(
      parts,
      "model-not-found",
      `Nothing found at this path: check the model id and region (${profileSuggestion(context)}), and that baseUrl is the runtime endpoint.`,
      "invalid-model-identifier",
      false,
    );
  }
  return build(
    parts,
    "invalid-request",
    "Bedrock refused the request body: the message above names the field. Parameters a model rejects are dropped by the plugin; report the request shape if this persists.",
    "other",
    false,
  );
}

/** Map any thrown value to a classified error (for the provider's `classifyError`). */
export function classifyConverseError(error: unknown): BedrockKitError {
  if (BedrockKitError.isInstance(error)) {
    return error.provider === undefined ? error.with({ provider: CONVERSE_PROVIDER_ID }) : error;
  }
  const name = typeof error === "object" && error !== null ? (error as { name?: unknown }).name : undefined;
  if (name === "AbortError") {
    return new BedrockKitError({
      code: "aborted",
      message: "The call was cancelled by the caller.",
      hint: "Nothing to do: the caller's AbortSignal fired.",
      provider: CONVERSE_PROVIDER_ID,
      retryable: false,
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new BedrockKitError({
    code: "unavailable",
    message: `Amazon Bedrock call failed: ${message.slice(0, MAX_MESSAGE_CHARS)}`,
    hint: "An unexpected failure outside the HTTP exchange; retry, and report it with the model id if it persists.",
    provider: CONVERSE_PROVIDER_ID,
    retryable: false,
    cause: error,
  });
}
