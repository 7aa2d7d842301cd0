/**
 * Model ids as users write them, mapped to the bare ids Mantle accepts. Mantle 404s without the
 * vendor prefix (`claude-opus-4.7` must be sent as `anthropic.claude-opus-4-7`) and with a
 * Converse-style inference-profile prefix or version suffix (`us.…`, `…-v1:0`).
 */

/** Vendor prefix rules for bare ids: the first match wins. `strip` removes a redundant vendor word. */
const VENDOR_PREFIX_RULES: ReadonlyArray<{ pattern: RegExp; vendor: string; strip?: RegExp }> = [
  { pattern: /^claude-/, vendor: "anthropic" },
  { pattern: /^(?:gpt-|o\d)/, vendor: "openai" },
  { pattern: /^gemma-/, vendor: "google" },
  { pattern: /^grok-/, vendor: "xai" },
  { pattern: /^qwen/, vendor: "qwen" },
  { pattern: /^kimi-/, vendor: "moonshotai" },
  { pattern: /^glm-/, vendor: "zai" },
  // Bedrock spells DeepSeek ids without the vendor word twice (`deepseek.v3.2`, `deepseek.r1`).
  { pattern: /^deepseek-/, vendor: "deepseek", strip: /^deepseek-/ },
  { pattern: /^(?:mistral|magistral|ministral|devstral|voxtral|pixtral|codestral)/, vendor: "mistral" },
  { pattern: /^nemotron/, vendor: "nvidia" },
  { pattern: /^minimax-/, vendor: "minimax" },
  { pattern: /^llama/, vendor: "meta" },
];

/** Geographic / global inference-profile prefixes that only bedrock-runtime (Converse) accepts. */
const CONVERSE_PROFILE_PREFIX = /^(?:us-gov|us|eu|apac|ap|au|jp|global)\./;
/** Converse version suffixes: `-v1:0`, `-1:0`, `:0`. */
const CONVERSE_VERSION_SUFFIX = /:\d+$/;
/** A vendor-qualified id (`vendor.model`): vendor names carry no dash, which tells `openai.gpt-5.5` from `grok-4.3`. */
const VENDOR_QUALIFIED = /^[a-z][a-z0-9]*\.[a-z0-9]/;

/** Whether an id is Converse-style (an inference-profile prefix, a `-v1:0`-like suffix, or an ARN). */
export function isConverseStyleModelId(id: string): boolean {
  return id.startsWith("arn:") || CONVERSE_PROFILE_PREFIX.test(id) || CONVERSE_VERSION_SUFFIX.test(id);
}

/**
 * The bare Mantle id a Converse-style id most likely stands for (for hints only):
 * `us.anthropic.claude-sonnet-4-5-20250929-v1:0` -> `anthropic.claude-sonnet-4-5`.
 */
export function suggestMantleModelId(converseId: string): string | undefined {
  if (converseId.startsWith("arn:")) return undefined;
  let id = converseId.replace(CONVERSE_PROFILE_PREFIX, "");
  id = id.replace(/-v\d+:\d+$/, "").replace(/-\d+:\d+$/, "").replace(/:\d+$/, "");
  if (id.startsWith("anthropic.")) id = id.replace(/-\d{8}$/, "");
  return id;
}

/**
 * Map a user's model id to the id Mantle expects. Vendor-qualified ids pass through (Claude versions
 * still get their dots turned into dashes); bare ids get their vendor prefix from the rule table;
 * ids no rule knows are sent as written. Converse-style ids are not mapped: check them with
 * {@link isConverseStyleModelId} first.
 */
export function resolveMantleWireId(id: string): string {
  const trimmed = id.trim();
  if (VENDOR_QUALIFIED.test(trimmed)) return normalizeClaudeVersion(trimmed);
  const lower = trimmed.toLowerCase();
  for (const rule of VENDOR_PREFIX_RULES) {
    if (rule.pattern.test(lower)) {
      const model = rule.strip ? lower.replace(rule.strip, "") : lower;
      return normalizeClaudeVersion(`${rule.vendor}.${model}`);
    }
  }
  return trimmed;
}

/** Claude versions are dashed on Bedrock (`claude-opus-4-7`), while users write `claude-opus-4.7`. */
function normalizeClaudeVersion(id: string): string {
  if (!id.includes("claude-")) return id;
  return id.replace(/(\d)\.(\d)/g, "$1-$2");
}

/** The hint for a Converse-style id sent to Mantle. */
export function converseStyleIdHint(id: string): string {
  const suggestion = suggestMantleModelId(id);
  return suggestion === undefined
    ? `Mantle takes bare model ids (e.g. anthropic.claude-opus-4-7), not ARNs or inference profiles; use the amazon-bedrock provider for "${id}".`
    : `Mantle takes bare model ids: use "${suggestion}" here, or keep "${id}" and call it through the amazon-bedrock provider (Converse).`;
}
