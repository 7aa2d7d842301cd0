import type { Provider } from "@bedrock-kit/plugin-host";
import { findCloseMatches } from "../catalog/find-close-matches.js";
import { findInlineSecrets } from "../secrets/find-inline-secrets.js";
import type { SecretMask } from "../secrets/secret-mask.js";
import { configError, describeConfigSource } from "./config-error.js";
import { formatZodIssues, quoteFieldPath, summarizeIssueLines } from "./format-zod-issues.js";

/** How inline secrets in provider entries are treated. */
export interface InlineSecretPolicy {
  /** `secrets.allowInline`. */
  allowInline: boolean;
  /** Inline values are remembered here (allowed or not), so they are masked in any output. */
  mask: SecretMask;
}

/**
 * Validate every provider's entry in `models.providers` with that provider's `configSchema`
 * (a provider without an entry gets its defaults from `{}`), reject entries no loaded plugin
 * registered, and refuse inline secrets unless allowed. All problems are reported at once, each
 * with its full field path, before anything runs.
 */
export function validateProviderConfigs(
  providers: ReadonlyMap<string, Provider>,
  entries: Readonly<Record<string, unknown>>,
  sourcePath: string | undefined,
  secrets: InlineSecretPolicy,
): Map<string, unknown> {
  const lines: string[] = [];
  const hints = new Set<string>();
  const validated = new Map<string, unknown>();
  for (const id of Object.keys(entries)) {
    if (providers.has(id)) continue;
    const suggestions = findCloseMatches(id, providers.keys());
    const known = providers.size > 0 ? [...providers.keys()].join(", ") : "none";
    lines.push(
      `${quoteFieldPath(["models", "providers", id])}: unknown provider (no loaded plugin registered it; loaded: ${known})` +
        (suggestions.length > 0 ? `; did you mean ${suggestions.map((name) => `"${name}"`).join(" or ")}?` : ""),
    );
    hints.add("Fix the provider id, or add the plugin that provides it to `plugins`.");
  }
  for (const [id, entry] of Object.entries(entries)) {
    for (const inline of findInlineSecrets(entry)) {
      secrets.mask.add(inline.value);
      if (secrets.allowInline) continue;
      lines.push(`${quoteFieldPath(["models", "providers", id, ...inline.path])}: inline secret refused (expected "env:NAME", "file:PATH" or { source, id })`);
      hints.add('Reference secrets instead of writing them ("env:NAME" or "file:PATH"), or set `secrets.allowInline` to true.');
    }
  }
  for (const [id, provider] of providers) {
    const entry = entries[id];
    const result = provider.configSchema.safeParse(entry === undefined ? {} : entry);
    if (result.success) {
      validated.set(id, result.data);
      continue;
    }
    lines.push(...formatZodIssues(result.error.issues, ["models", "providers", id]));
    hints.add(
      entry === undefined
        ? `Provider "${id}" needs an entry in models.providers; add one with the fields named above.`
        : "Fix the fields named above; `bedrock-kit config schema` prints every allowed field.",
    );
  }
  if (lines.length > 0) {
    throw configError(`${describeConfigSource(sourcePath)} is invalid: ${summarizeIssueLines(lines)}`, [...hints].join(" "));
  }
  return validated;
}
