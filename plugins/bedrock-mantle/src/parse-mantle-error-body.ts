/**
 * The parts of a Mantle error body that classification reads. Mantle answers in three shapes:
 * OpenAI envelopes on `/v1` and `/openai/v1` (`{"error":{"code","message","type","param"}}`),
 * Anthropic envelopes on `/anthropic/v1` (`{"type":"error","request_id","error":{"type","message"}}`),
 * and bare strings (`{"error":"backend exploded"}`); AWS front doors may add `{"message":…}` or
 * `{"Message":…}`, and proxies send HTML or plain text.
 */
export interface MantleErrorBody {
  /** The human message, or the raw text (bounded) when the body is not JSON. */
  message: string;
  /** `error.code` (OpenAI envelope). */
  code?: string;
  /** `error.type` (both envelopes). */
  type?: string;
  /** `error.param` (OpenAI envelope). */
  param?: string;
  /** `request_id` (Anthropic envelope). */
  requestId?: string;
}

const MAX_MESSAGE_CHARS = 500;

/** Read an error body of any of Mantle's shapes (pure; never throws). */
export function parseMantleErrorBody(bodyText: string): MantleErrorBody {
  const trimmed = bodyText.trim();
  let parsed: unknown;
  try {
    parsed = trimmed.length > 0 ? JSON.parse(trimmed) : undefined;
  } catch {
    parsed = undefined;
  }
  if (!isRecord(parsed)) return { message: clip(trimmed) };
  const body: MantleErrorBody = { message: "" };
  const error = parsed.error;
  if (typeof error === "string") body.message = error;
  else if (isRecord(error)) {
    if (typeof error.message === "string") body.message = error.message;
    if (typeof error.code === "string") body.code = error.code;
    else if (typeof error.code === "number") body.code = String(error.code);
    if (typeof error.type === "string") body.type = error.type;
    if (typeof error.param === "string") body.param = error.param;
  }
  if (body.message === "") {
    const topLevel = parsed.message ?? parsed.Message ?? parsed.detail;
    if (typeof topLevel === "string") body.message = topLevel;
  }
  if (body.type === undefined && typeof parsed.__type === "string") body.type = parsed.__type;
  if (typeof parsed.request_id === "string") body.requestId = parsed.request_id;
  if (body.message === "") body.message = clip(trimmed);
  body.message = clip(body.message);
  return body;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function clip(text: string): string {
  return text.length > MAX_MESSAGE_CHARS ? `${text.slice(0, MAX_MESSAGE_CHARS)}…` : text;
}
