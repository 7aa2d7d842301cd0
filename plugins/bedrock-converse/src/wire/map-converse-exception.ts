import { BedrockKitError, type ErrorCode } from "@bedrock-kit/plugin-host";

/** What an in-stream failure frame carried. */
export interface ConverseStreamFailure {
  /** `:exception-type` (`throttlingException`…) or `:error-code` of an `error` frame. */
  type: string;
  /** The frame's message (`message` of the JSON payload, or `:error-message`). */
  message: string | undefined;
}

interface ExceptionRule {
  code: ErrorCode;
  status: number;
  retryable: boolean;
  hint: string;
}

const RETRY_HINT = "A transient failure on Bedrock's side; retry the call (text already received was kept).";

// Keyed by the exception name lower-cased without its `Exception` suffix, so `throttlingException`
// frames and `ThrottlingException` error codes land on the same rule.
const RULES: Readonly<Record<string, ExceptionRule>> = {
  throttling: {
    code: "throttled",
    status: 429,
    retryable: true,
    hint: "Bedrock throttled the call (tokens or requests per minute); retry with backoff, use a cross-region inference profile (us./eu./global.), or ask for a quota increase.",
  },
  servicequotaexceeded: {
    code: "throttled",
    status: 429,
    retryable: true,
    hint: "A Bedrock service quota was exceeded; retry later or ask for a quota increase in Service Quotas.",
  },
  serviceunavailable: { code: "unavailable", status: 503, retryable: true, hint: RETRY_HINT },
  internalserver: { code: "unavailable", status: 500, retryable: true, hint: RETRY_HINT },
  modelstreamerror: { code: "unavailable", status: 424, retryable: true, hint: RETRY_HINT },
  modelnotready: { code: "unavailable", status: 429, retryable: true, hint: "The model is not ready to serve yet; retry in a moment." },
  modeltimeout: {
    code: "timeout",
    status: 408,
    retryable: true,
    hint: "The model took too long to answer; retry, or ask for less output (lower maxTokens).",
  },
  validation: {
    code: "invalid-request",
    status: 400,
    retryable: false,
    hint: "Bedrock rejected the request body; the message says which field. Check the model's limits and the parameters it accepts.",
  },
  accessdenied: {
    code: "access-denied",
    status: 403,
    retryable: false,
    hint: "Grant bedrock:InvokeModelWithResponseStream (and bedrock:CallWithBearerToken for API keys) on this model or inference profile, and enable model access in this region.",
  },
  resourcenotfound: {
    code: "model-not-found",
    status: 404,
    retryable: false,
    hint: "Check the model id and region; newer models need an inference-profile id (us./eu./apac./global.).",
  },
};

const CONTEXT_OVERFLOW =
  /input is too long|prompt is too long|too many (?:input )?tokens|context (?:window|length)|exceeds the model limit|maximum tokens you requested exceeds|max_tokens: \d+ > \d+/i;

/**
 * Classify an in-stream `exception` or `error` frame. A validation failure that says the input or
 * `maxTokens` is too large is a `context-overflow`; unknown types are `unavailable`.
 */
export function mapConverseException(failure: ConverseStreamFailure): BedrockKitError {
  const key = failure.type.toLowerCase().replace(/exception$/, "");
  const rule = RULES[key];
  const detail = failure.message !== undefined && failure.message !== "" ? `: ${failure.message}` : "";
  const message = `Bedrock reported ${failure.type} mid-stream${detail}`;
  if (rule === undefined) {
    return new BedrockKitError({ code: "unavailable", message, hint: RETRY_HINT, retryable: true });
  }
  if (rule.code === "invalid-request" && failure.message !== undefined && CONTEXT_OVERFLOW.test(failure.message)) {
    return new BedrockKitError({
      code: "context-overflow",
      message,
      hint: "The prompt or maxTokens exceeds the model's limits; shorten the conversation or lower maxTokens.",
      status: rule.status,
      retryable: false,
    });
  }
  return new BedrockKitError({
    code: rule.code,
    message,
    hint: rule.hint,
    status: rule.status,
    retryable: rule.retryable,
  });
}
