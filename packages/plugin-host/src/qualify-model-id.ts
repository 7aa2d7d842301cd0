/**
 * Model ids as people write them (`claude-opus-4.7`, `gpt-oss-120b`, `nova-pro`) qualified with
 * the vendor prefix Bedrock ids carry (`anthropic.claude-opus-4-7`, `openai.gpt-oss-120b`,
 * `amazon.nova-pro`). Shared by both plugins so a short ref means the same model on either.
 */

/** Vendor prefix rules for bare ids: the first match wins. `strip` removes a redundant vendor word. */
const VENDOR_PREFIX_RULES: ReadonlyArray<{ pattern: RegExp; vendor: string; strip?: RegExp }> = [
  { pattern: /^claude-/, vendor: "anthropic" },
  { pattern: /^(?:gpt-|o\d)/, vendor: "openai" },
  { pattern: /^(?:nova-|titan-)/, vendor: "amazon" },
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
  { pattern: /^command-/, vendor: "cohere" },
  { pattern: /^jamba-/, vendor: "ai21" },
];

/** A vendor-qualified id (`vendor.model`): vendor names carry no dash, which tells `openai.gpt-5.5` from `grok-4.3`. */
const VENDOR_QUALIFIED = /^[a-z][a-z0-9]*\.[a-z0-9]/;

/**
 * Qualify a user's model id: vendor-qualified ids (profile-prefixed ones included) pass through with
 * Claude versions dashed; bare ids get their vendor prefix from the rule table; ids no rule knows
 * are returned as written (trimmed).
 */
export function qualifyModelId(id: string): string {
  const trimmed = id.trim();
  if (VENDOR_QUALIFIED.test(trimmed)) return dashClaudeVersion(trimmed);
  const lower = trimmed.toLowerCase();
  for (const rule of VENDOR_PREFIX_RULES) {
    if (rule.pattern.test(lower)) {
      const model = rule.strip ? lower.replace(rule.strip, "") : lower;
      return dashClaudeVersion(`${rule.vendor}.${model}`);
    }
  }
  return trimmed;
}

/** Claude versions are dashed on Bedrock (`claude-opus-4-7`), while people write `claude-opus-4.7`. */
function dashClaudeVersion(id: string): string {
  if (!id.includes("claude-")) return id;
  return id.replace(/(\d)\.(\d)/g, "$1-$2");
}
