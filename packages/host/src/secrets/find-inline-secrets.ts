import { isSecretKeyName } from "@bedrock-kit/plugin-host";

/** Values under secret-named keys that name a credential source rather than hold a secret. */
const SOURCE_KEYWORD = /^(?:aws-sigv4|aws_sigv4|aws-sdk|api-key|none)$/i;

/** A literal secret written in a config entry. */
export interface InlineSecret {
  /** Field path from the entry's root, e.g. `["apiKey"]` or `["auth", "credentials", 0]`. */
  path: PropertyKey[];
  /** The literal (for masking only; never printed). */
  value: string;
}

/**
 * Find literal secrets in a provider's config entry: strings under secret-named keys (`apiKey`,
 * `token`, `credentials`, …), or in arrays under them, that are not `env:`/`file:` references or
 * source keywords. Only the key's own value counts: `auth: { profile }` holds no secret because
 * `auth` sounds like one. The host checks these before anything runs, so an inline secret is reported
 * with its field path instead of surfacing later as a skipped provider.
 */
export function findInlineSecrets(value: unknown, path: PropertyKey[] = [], underSecretKey = false): InlineSecret[] {
  if (typeof value === "string") {
    if (!underSecretKey || value.trim() === "" || /^(?:env|file):/.test(value) || SOURCE_KEYWORD.test(value.trim())) return [];
    return [{ path, value }];
  }
  if (Array.isArray(value)) return value.flatMap((item, index) => findInlineSecrets(item, [...path, index], underSecretKey));
  if (typeof value !== "object" || value === null) return [];
  const found: InlineSecret[] = [];
  const record = value as Record<string, unknown>;
  // The object form { source, id } is a reference; its `id` is a name, not a secret.
  if ((record.source === "env" || record.source === "file") && typeof record.id === "string") return found;
  for (const [key, item] of Object.entries(record)) found.push(...findInlineSecrets(item, [...path, key], isSecretKeyName(key)));
  return found;
}
