import { REDACTED, type Env } from "@bedrock-kit/plugin-host";

/** Shorter values are not masked: replacing every "abc" in output would garble it and protect nothing. */
const MIN_MASKED_LENGTH = 6;

/** Environment variable names whose values are treated as secrets even when no config references them. */
const SECRET_ENV_NAME = /(TOKEN|SECRET|PASSWORD|PASSPHRASE|API_?KEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL|SESSION)/i;

/**
 * The exact secret values one host has seen (resolved references and secret-named env vars), so
 * that they are masked wherever they surface, whatever their shape. Pattern-based redaction
 * (`redactSecrets`) catches known shapes; this catches the rest.
 */
export interface SecretMask {
  /** Remember a value as secret. */
  add(value: string): void;
  /** Replace every remembered value in `text`. */
  maskText(text: string): string;
  /** Deep copy of `value` with remembered values masked in every string. */
  maskValue<T>(value: T): T;
}

/** A mask seeded with the values of secret-named variables in `env`. */
export function createSecretMask(env: Env = {}): SecretMask {
  const secrets = new Set<string>();
  // Longest first, so a secret that contains another is masked whole.
  let ordered: string[] = [];
  const add = (value: string): void => {
    const trimmed = value.trim();
    if (trimmed.length < MIN_MASKED_LENGTH || secrets.has(trimmed)) return;
    secrets.add(trimmed);
    ordered = [...secrets].sort((left, right) => right.length - left.length);
  };
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && SECRET_ENV_NAME.test(name)) add(value);
  }
  const maskText = (text: string): string => {
    let result = text;
    for (const secret of ordered) if (result.includes(secret)) result = result.split(secret).join(REDACTED);
    return result;
  };
  const maskValue = <T>(value: T): T => deepMap(value, maskText, new WeakSet()) as T;
  return { add, maskText, maskValue };
}

function deepMap(value: unknown, mapString: (text: string) => string, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return mapString(value);
  if (typeof value !== "object" || value === null) return value;
  if (seen.has(value)) return "[circular]";
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => deepMap(item, mapString, seen));
  if (value instanceof Error) {
    const withJson = value as Error & { toJSON?: () => unknown };
    return deepMap(typeof withJson.toJSON === "function" ? withJson.toJSON() : { name: value.name, message: value.message }, mapString, seen);
  }
  const result: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) result[key] = deepMap(item, mapString, seen);
  return result;
}
