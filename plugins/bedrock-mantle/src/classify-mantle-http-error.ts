import { BedrockKitError, type ErrorCode } from "@bedrock-kit/plugin-host";
import type { MantleHttpFailure } from "./adapters/mantle-wire-adapter.js";
import { parseMantleErrorBody, type MantleErrorBody } from "./parse-mantle-error-body.js";
import { MANTLE_PROVIDER_ID } from "./mantle-provider-id.js";
import type { MantleRouteErrorKind, MantleSurface } from "./mantle-surface-rules.js";

/** How the failing request was authenticated, to say what to fix on a 401. */
export type MantleCredentialKind = "api-key" | "minted-token" | "sigv4";

/** What the classifier knows about the failed call. */
export interface MantleErrorContext {
  /** The model id sent upstream. */
  wireId?: string;
  /** The surface called. */
  surface?: MantleSurface;
  /** The region called. */
  region?: string;
  /** How the request was authenticated. */
  credentialKind?: MantleCredentialKind;
  /** The credential source as config names it (`env:AWS_BEARER_TOKEN_BEDROCK`), never the secret. */
  credentialSource?: string;
}

const UNSUPPORTED_ROUTE = /(?:isn't|is not) supported on this route/i;
const UNSUPPORTED_API = /does not support the '([^']*)' API/i;
const NOT_ENABLED = /is not enabled/i;
const MISSING_ACTION = /not authorized to perform:?\s*((?:bedrock-mantle|bedrock):[A-Za-z]+)/i;
const CONTEXT_OVERFLOW =
  /context (?:length|window)|prompt is too long|input is too long|too many (?:input )?tokens|maximum allowed number of output tokens|exceeds the model(?:'s)? (?:limit|maximum|context)|max_tokens.*(?:exceed|greater than|maximum)/i;
const MODEL_MISSING = /does not exist|not found|unknown model|invalid model/i;

/** The upstream request id from Mantle's headers (`x-amzn-requestid`, Anthropic's `request-id`) or body. */
export function readMantleRequestId(headers: Record<string, string | undefined>, body?: MantleErrorBody): string | undefined {
  return headers["x-amzn-requestid"] ?? headers["x-amzn-request-id"] ?? headers["request-id"] ?? headers["x-request-id"] ?? body?.requestId;
}

/** The route-error kind of a Mantle answer, or `undefined` when it is not a route error. */
export function detectMantleRouteError(status: number, message: string): MantleRouteErrorKind | undefined {
  if (UNSUPPORTED_ROUTE.test(message)) return "wrong-prefix";
  const unsupportedApi = UNSUPPORTED_API.exec(message);
  // A quoted path (`'/v1/responses'`) names the prefix that was wrong; a bare API name (`'responses'`) the API.
  if (unsupportedApi !== null) return unsupportedApi[1]?.startsWith("/") ? "wrong-prefix" : "wrong-api";
  // "Berm is not enabled" is how Mantle answers some wrong prefixes. Only on 401: a 403
  // "Model access is not enabled" is a genuine permission error.
  if (status === 401 && NOT_ENABLED.test(message)) return "wrong-prefix";
  return undefined;
}

/**
 * Map a non-OK Mantle answer to a classified error with an actionable hint: route mismatches (for
 * the provider's one fallback), bad or expired credentials, missing `bedrock-mantle:*` actions,
 * account gating, models absent from the region, token quotas and upstream failures.
 */
export function classifyMantleHttpError(failure: MantleHttpFailure, context: MantleErrorContext = {}): BedrockKitError {
  const body = parseMantleErrorBody(failure.bodyText);
  const status = failure.status;
  const requestId = readMantleRequestId(failure.headers, body);
  const model = context.wireId ?? "this model";
  const upstream = `${body.message || `HTTP ${status}`}`;
  const make = (code: ErrorCode, summary: string, hint: string, extra: { retryable?: boolean; metadata?: Record<string, unknown> } = {}) =>
    new BedrockKitError({
      code,
      message: `${summary} (HTTP ${status}${body.code ? `, ${body.code}` : ""}): ${upstream}`,
      hint,
      status,
      provider: MANTLE_PROVIDER_ID,
      ...(requestId !== undefined && { requestId }),
      ...(extra.retryable !== undefined && { retryable: extra.retryable }),
      ...(extra.metadata !== undefined && { metadata: extra.metadata }),
    });

  const routeError = detectMantleRouteError(status, body.message);
  if (routeError !== undefined) {
    const where = context.surface ? `${context.surface.api} under ${context.surface.prefix}` : "the API surface called";
    return make(
      "route-mismatch",
      `Mantle does not serve ${model} on ${where}`,
      `Set "api" for this model in models.providers["${MANTLE_PROVIDER_ID}"].models: Claude lives on anthropic-messages, GPT-5.x, Gemma 4 and Grok on openai-responses (/openai/v1), gpt-oss and the rest on openai-completions (/v1).`,
      { retryable: false, metadata: { routeError } },
    );
  }

  if (/data retention/i.test(body.message)) {
    return make(
      "access-denied",
      `${model} requires a data-retention opt-in`,
      "This model is only served to accounts that opted in to its data-retention mode: change the account's data retention setting for Bedrock (console), or pick another model.",
    );
  }
  if (/not available for this account/i.test(body.message)) {
    return make(
      "access-denied",
      `${model} is not available for this AWS account`,
      "Access to this model is gated per account: request access through the Bedrock console or your AWS account team, or pick another model.",
    );
  }

  if (status === 401) return make("auth", "Mantle rejected the credential", authHint(body.message, context), { retryable: false });

  if (status === 403) {
    const action = MISSING_ACTION.exec(body.message)?.[1];
    if (action !== undefined) {
      const sessionPolicy = /session policy/i.test(body.message)
        ? " The denial comes from an STS session policy: add bedrock-mantle:* to the policy the role is assumed with."
        : "";
      const bearerNote = /CallWithBearerToken/i.test(action)
        ? " Bearer keys on Mantle need bedrock-mantle:CallWithBearerToken, which is separate from bedrock:CallWithBearerToken (bedrock-runtime)."
        : "";
      return make(
        "access-denied",
        `The identity is not allowed ${action}`,
        `Grant ${action} (e.g. the AmazonBedrockMantleInferenceAccess managed policy, on arn:aws:bedrock-mantle:${context.region ?? "*"}:*:project/*).${sessionPolicy}${bearerNote}`,
      );
    }
    if (/model access|access to the model|don't have access/i.test(body.message)) {
      return make(
        "access-denied",
        `Model access for ${model} is not enabled`,
        `Enable access to ${model} in the Bedrock console for ${context.region ?? "this region"}, or pick another model.`,
      );
    }
    return make(
      "access-denied",
      "Mantle denied the request",
      "Grant the identity bedrock-mantle:CreateInference (and bedrock-mantle:CallWithBearerToken for bearer keys), e.g. with the AmazonBedrockMantleInferenceAccess managed policy; bedrock:InvokeModel does not cover Mantle.",
    );
  }

  if (status === 404 || (status === 400 && MODEL_MISSING.test(body.message) && /model/i.test(body.message))) {
    const prefixNote = context.wireId !== undefined && !context.wireId.includes(".") ? " Mantle ids carry a vendor prefix (anthropic., openai., qwen.…)." : "";
    return make(
      "model-not-found",
      `${model} is not available in ${context.region ?? "this region"}`,
      `Run \`bedrock-kit models list --provider ${MANTLE_PROVIDER_ID}\` to see what this region serves, or set region to one that serves the model (new models often launch in us-east-1/us-east-2/us-west-2 first).${prefixNote}`,
    );
  }

  if (status === 429) {
    return make(
      "throttled",
      "Mantle throttled the request",
      "Mantle enforces per-model, per-region token quotas (input and output tokens per minute). Admission counts input tokens plus max_tokens against the input quota, so an oversized maxTokens burns quota: send a realistic maxTokens, retry later, or request a quota increase in Service Quotas.",
      { retryable: true },
    );
  }
  if (status === 408) return make("timeout", "Mantle timed out the request", "Retry the call; if it persists, shorten the prompt or raise the timeouts.", { retryable: true });
  if (status >= 500) {
    return make(
      "unavailable",
      "Mantle failed to answer",
      "An upstream failure: retry later, or fail over to another model or region (the amazon-bedrock provider serves many models too).",
      { retryable: true },
    );
  }
  if (status === 413 || CONTEXT_OVERFLOW.test(body.message)) {
    return make(
      "context-overflow",
      "The request exceeds the model's limits",
      "Shorten the prompt or lower maxTokens below the model's output cap (see `bedrock-kit models list`).",
    );
  }
  return make(
    "invalid-request",
    "Mantle rejected the request",
    body.param !== undefined
      ? `The parameter '${body.param}' was refused for ${model}; drop it or set it within the model's limits.`
      : "Check the request against the model's API (parameters, message shapes); the upstream message above names the problem.",
  );
}

function authHint(message: string, context: MantleErrorContext): string {
  const routeNote =
    context.surface?.prefix === "/openai/v1" && /security token/i.test(message)
      ? " Mantle also answers this for models that live on /v1 (gpt-oss and the legacy catalog): set this model's api to openai-completions."
      : "";
  switch (context.credentialKind) {
    case "minted-token":
      return `The short-term token minted from your AWS credentials was rejected: the credentials may have expired (refresh them, e.g. \`aws sso login\`) or the identity lacks bedrock-mantle:CallWithBearerToken.${routeNote}`;
    case "sigv4":
      return `The SigV4-signed request was rejected: check that the AWS credentials are valid and not expired, and that the system clock is right.${routeNote}`;
    default:
      return `The Bedrock API key from ${context.credentialSource ?? "env:AWS_BEARER_TOKEN_BEDROCK"} is invalid or expired: generate a new one in the Bedrock console and update AWS_BEARER_TOKEN_BEDROCK (or the apiKey reference).${routeNote}`;
  }
}
