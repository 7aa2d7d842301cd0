import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { MANTLE_PROVIDER_ID } from "../mantle-provider-id.js";

/** The provider id errors from these adapters carry. */
export { MANTLE_PROVIDER_ID };

/** The request cannot be sent as asked; nothing was sent. */
export function invalidRequestError(message: string, hint: string): BedrockKitError {
  return new BedrockKitError({ code: "invalid-request", message, hint, provider: MANTLE_PROVIDER_ID, retryable: false });
}

/** The request asks for more output tokens than the model allows; nothing was sent. */
export function contextOverflowError(message: string, hint: string): BedrockKitError {
  return new BedrockKitError({ code: "context-overflow", message, hint, provider: MANTLE_PROVIDER_ID, retryable: false });
}

/** The response body broke its wire format or ended without its terminal event. */
export function streamCorruptError(message: string, cause?: unknown): BedrockKitError {
  return new BedrockKitError({
    code: "stream-corrupt",
    message,
    hint: "The connection or a proxy cut or altered the response; retry the call. Text already received was kept.",
    provider: MANTLE_PROVIDER_ID,
    retryable: true,
    cause,
  });
}

/** The caller's AbortSignal fired. */
export function abortedError(): BedrockKitError {
  return new BedrockKitError({
    code: "aborted",
    message: "The call was cancelled by the caller.",
    hint: "Nothing to do: the caller's AbortSignal fired.",
    provider: MANTLE_PROVIDER_ID,
    retryable: false,
  });
}

/** A failure of the body's transport that is not already classified. */
export function connectionLostError(cause: unknown): BedrockKitError {
  if (BedrockKitError.isInstance(cause)) return cause;
  return new BedrockKitError({
    code: "unavailable",
    message: "The connection failed mid-response.",
    hint: "Text already received was kept; retry the call if you need the rest.",
    provider: MANTLE_PROVIDER_ID,
    cause,
  });
}
