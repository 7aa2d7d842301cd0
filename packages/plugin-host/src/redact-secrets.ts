import type { LogFields, Logger } from "./runtime-context.js";

/**
 * Shape-based secret redaction, shared by the host and the plugins so that every log line and
 * every error path masks the same shapes. Pure: no I/O, no state.
 *
 * Masked: Bedrock API keys (`bedrock-api-key-…` short-term tokens, `ABSK…` long-term keys), any
 * `Bearer …` credential, AWS access key ids (`AKIA…`/`ASIA…`), secret access keys (40-character
 * base64 runs, and any value under a secret-named key), STS session tokens, the `X-Amz-Signature`,
 * `X-Amz-Security-Token` and `X-Amz-Credential` query parameters of presigned URLs, `Authorization`
 * headers, and the values of keys named like secret/token/password/apiKey/authorization/credential.
 * A mask keeps a short prefix that is not secret but tells what kind of credential it was
 * (`bedrock-api-key-…[redacted]`, `AKIA…[redacted]`), which is what one needs to debug auth.
 */

/** What replaces a secret. */
export const REDACTED = "[redacted]";

const ELIDED = `…${REDACTED}`;

// Base64 (standard and URL-safe), percent-encoded bytes, and `\/` as some JSON encoders write `/`.
const TOKEN_CHARS = String.raw`(?:[A-Za-z0-9+/=%_\-]|\\/)`;

/** Leading characters of STS session tokens (their serialized form starts with a fixed header). */
const SESSION_TOKEN_PREFIXES = ["IQoJb3JpZ2lu", "FwoGZXIvYXdz", "FQoGZXIvYXdz", "AQoDYXdz", "AQoEXAMPLE"];

/**
 * One pass over the text, leftmost match first; alternatives are tried in this order at a given
 * position. One pass means a replacement is never rescanned, so masking is idempotent and never
 * doubles a marker. Every alternative starts at a word boundary or a literal, so the scan is linear
 * in the length of the text (no backtracking over long runs).
 */
const SECRET_PATTERN = new RegExp(
  [
    // An Authorization header (text or JSON): the whole value to the end of the line or quote.
    String.raw`(?<authName>\b(?:proxy-)?authorization\b["']?[ \t]*[:=][ \t]*["']?)(?<authValue>[^\r\n"'\x60]+)`,
    // Presigned URL parameters.
    String.raw`(?<paramName>\bX-Amz-(?:Signature|Security-Token|Credential)=)(?<paramValue>[^&\s"'<>#\\]+)`,
    // A SigV4 signature written out on its own.
    String.raw`(?<signatureName>\bSignature=)(?<signatureValue>[0-9a-f]{64})\b`,
    // Any bearer credential.
    String.raw`(?<bearerName>\bBearer[ \t]+)(?<bearerValue>${TOKEN_CHARS}+)`,
    // Bedrock API keys: short-term (minted) and long-term.
    String.raw`(?<bedrockKey>bedrock-api-key-${TOKEN_CHARS}+)`,
    String.raw`(?<longTermKey>\bABSK${TOKEN_CHARS}{16,})`,
    // AWS access key ids (long-term, temporary, and their less common siblings).
    String.raw`(?<accessKeyId>\b(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}\b)`,
    // STS session tokens.
    String.raw`(?<sessionToken>\b(?:${SESSION_TOKEN_PREFIXES.join("|")})${TOKEN_CHARS}+)`,
    // `name: value` / `name=value` / `"name": "value"`, masked when the name is secret-like.
    String.raw`(?<pairName>(?<![A-Za-z0-9_.\-])["']?(?<pairKey>[A-Za-z][A-Za-z0-9_.\-]{0,63})["']?[ \t]*[:=][ \t]*)(?<pairValue>"(?:[^"\\\r\n]|\\.)*"|'[^'\r\n]*'|[^\s"',;&{}[\]<>()]+)`,
    // A secret access key on its own: 40 base64 characters, not part of a longer run.
    String.raw`(?<secretKey>(?<![A-Za-z0-9+/=])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=]))`,
  ].join("|"),
  "gi",
);

/** Mask every secret shape in free text (log lines, error messages, URLs, JSON). */
export function redactSecrets(text: string): string {
  if (text.length === 0) return text;
  return text.replace(SECRET_PATTERN, replaceMatch);
}

function replaceMatch(match: string, ...rest: unknown[]): string {
  const groups = rest[rest.length - 1] as Record<string, string | undefined>;
  const input = rest[rest.length - 2] as string;
  const offset = rest[rest.length - 3] as number;
  // Already masked (`ABSK…[redacted]` read again): the value stopped right before the marker.
  if (input.startsWith("[redacted", offset + match.length)) return match;
  if (groups.authName !== undefined) return groups.authName + maskSecretString(groups.authValue ?? "");
  if (groups.paramName !== undefined) return groups.paramName + (isMasked(groups.paramValue) ? groups.paramValue : REDACTED);
  if (groups.signatureName !== undefined) return groups.signatureName + REDACTED;
  if (groups.bearerName !== undefined) {
    // "the bearer key was rejected": prose, not a credential. Tokens are long or carry digits and
    // symbols; known secrets are masked by value anyway (the host's secret mask).
    if (PROSE_WORD.test(groups.bearerValue ?? "")) return match;
    return groups.bearerName + maskToken(groups.bearerValue ?? "");
  }
  if (groups.bedrockKey !== undefined || groups.longTermKey !== undefined || groups.sessionToken !== undefined) return maskToken(match);
  if (groups.accessKeyId !== undefined) return maskToken(match);
  if (groups.pairName !== undefined) {
    const value = groups.pairValue ?? "";
    if (isSecretKeyName(groups.pairKey ?? "")) return groups.pairName + maskSecretString(value);
    // Not a secret name: the value may still hold a secret shape (a presigned URL, a key).
    return groups.pairName + redactSecrets(value);
  }
  if (groups.secretKey !== undefined) return looksLikeSecretAccessKey(match) ? REDACTED : match;
  return match;
}

/** A word after "bearer" that cannot be a token: letters only, shorter than any real credential. */
const PROSE_WORD = /^[A-Za-z]{1,19}$/;

function isMasked(value: string | undefined): boolean {
  return value !== undefined && value.includes("[redacted");
}

/** A credential token, masked with the prefix that says what kind it is. */
function maskToken(token: string): string {
  if (isMasked(token)) return token;
  if (token.startsWith("bedrock-api-key-")) return `bedrock-api-key-${ELIDED}`;
  if (/^(?:ABSK|AKIA|ASIA|ABIA|ACCA)/.test(token)) return token.slice(0, 4) + ELIDED;
  if (SESSION_TOKEN_PREFIXES.some((prefix) => token.startsWith(prefix))) return token.slice(0, 4) + ELIDED;
  return REDACTED;
}

/** Values under a secret-named key that are not secrets: references and source keywords. */
const NOT_SECRET_VALUE = /^(?:env:|file:|aws-sigv4$|aws_sigv4$|aws-sdk$|true$|false$|null$|undefined$)/i;

/** Mask a value known to be secret (it sits under a secret-named key), keeping quotes and scheme. */
function maskSecretString(raw: string): string {
  const quote = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0] ? raw[0] : "";
  const value = quote ? raw.slice(1, -1) : raw;
  const trailing = quote ? "" : (/\s+$/.exec(value)?.[0] ?? "");
  const body = trailing ? value.slice(0, -trailing.length) : value;
  if (body.length === 0 || isMasked(body) || NOT_SECRET_VALUE.test(body)) return raw;
  const scheme = /^(Bearer|Basic|Token|AWS4-HMAC-SHA256)([ \t]+)(.*)$/is.exec(body);
  const masked = scheme ? `${scheme[1]}${scheme[2]}${maskToken(scheme[3] ?? "")}` : maskToken(body);
  return quote + masked + quote + trailing;
}

/** A 40-character base64 run that is random enough to be a secret access key (not a hex digest or a word). */
function looksLikeSecretAccessKey(candidate: string): boolean {
  return /[A-Z]/.test(candidate) && /[a-z]/.test(candidate) && /[0-9+/]/.test(candidate);
}

/** Names that look secret-like but hold counts, pagination cursors or references. */
const NOT_SECRET_NAME = /tokens|tokencount|tokenlimit|tokenusage|tokenizer|tokentype|maxtoken|nexttoken|paginationtoken|continuationtoken|(?:source|sources|ref|name|file|path|env|var|expiry|expiresat|expiration|identity|provider)$/;
const SECRET_NAME = /secret|password|passwd|passphrase|apikey|authorization|credential|privatekey|accesskey|sessiontoken|securitytoken|cookie|bearer|amzsignature|^token|token$|^auth$/;

/**
 * Whether a key or header name says its value is a secret (`secretAccessKey`, `x-api-key`,
 * `AWS_SESSION_TOKEN`, `authorization`, `apiKey`, `password`), but not counters such as
 * `max_tokens` or `inputTokens`, pagination cursors (`nextToken`) or references (`apiKeySource`).
 */
export function isSecretKeyName(name: string): boolean {
  const normalized = name.toLowerCase().replace(/[^a-z0-9]/g, "");
  if (normalized === "accesskeyid") return true;
  if (NOT_SECRET_NAME.test(normalized)) return false;
  return SECRET_NAME.test(normalized);
}

/**
 * A deep copy of `value` with every secret-shaped string masked and every value under a
 * secret-named key masked (objects under such keys are walked, not dropped). Errors keep their
 * prototype (so `instanceof` and `BedrockKitError.isInstance` still work) with message, stack,
 * hint and cause redacted. Cycles are preserved. Binary data and dates are returned as they are.
 */
export function redactValue<T>(value: T): T {
  return redactAny(value, new WeakMap()) as T;
}

function redactAny(value: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof value === "string") return redactSecrets(value);
  if (typeof value !== "object" || value === null) return value;
  const known = seen.get(value);
  if (known !== undefined) return known;
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer || value instanceof Date || value instanceof RegExp) return value;
  if (value instanceof URL) return new URL(redactSecrets(value.href));
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    seen.set(value, copy);
    for (const item of value) copy.push(redactAny(item, seen));
    return copy;
  }
  if (value instanceof Map) {
    const copy = new Map<unknown, unknown>();
    seen.set(value, copy);
    for (const [key, item] of value) copy.set(key, redactEntry(typeof key === "string" ? key : "", item, seen));
    return copy;
  }
  if (value instanceof Set) {
    const copy = new Set<unknown>();
    seen.set(value, copy);
    for (const item of value) copy.add(redactAny(item, seen));
    return copy;
  }
  const copy = Object.create(Object.getPrototypeOf(value) as object | null) as Record<PropertyKey, unknown>;
  seen.set(value, copy);
  // Errors keep message, stack and cause as own non-enumerable properties; copy those too.
  const keys: PropertyKey[] = value instanceof Error ? Reflect.ownKeys(value) : Object.keys(value);
  for (const key of keys) {
    const descriptor = Object.getOwnPropertyDescriptor(value, key);
    if (descriptor === undefined) continue;
    const item = "value" in descriptor ? descriptor.value : (value as Record<PropertyKey, unknown>)[key];
    Object.defineProperty(copy, key, {
      value: typeof key === "string" ? redactEntry(key, item, seen) : item,
      enumerable: descriptor.enumerable ?? true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

function redactEntry(key: string, item: unknown, seen: WeakMap<object, unknown>): unknown {
  if (typeof item === "string" && isSecretKeyName(key)) return maskSecretString(item);
  return redactAny(item, seen);
}

/** A logger that redacts every message and every field before `logger` sees them. */
export function createRedactingLogger(logger: Logger): Logger {
  const fieldsOf = (fields: LogFields | undefined): LogFields | undefined => (fields === undefined ? undefined : redactValue(fields));
  return {
    debug: (message, fields) => logger.debug(redactSecrets(message), fieldsOf(fields)),
    info: (message, fields) => logger.info(redactSecrets(message), fieldsOf(fields)),
    warn: (message, fields) => logger.warn(redactSecrets(message), fieldsOf(fields)),
    error: (message, fields) => logger.error(redactSecrets(message), fieldsOf(fields)),
  };
}
