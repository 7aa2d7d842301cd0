/**
 * Keys whose values are caller data (tool inputs, JSON Schemas): copied verbatim, since a `null`
 * there means something (`"default": null`, `"enum": ["a", null]`).
 */
const OPAQUE_KEYS: ReadonlySet<string> = new Set(["input", "input_schema", "schema"]);

/**
 * A copy of a JSON body without any `null` or `undefined` field or array element. Bedrock's
 * Messages validator rejects nulls the Anthropic API tolerates (`tool_use.caller: null` → 400,
 * anthropic-sdk-python #1454), so a body never carries one; the contents of tool inputs and
 * schemas are data and stay untouched.
 */
export function stripNullFields(value: unknown): unknown {
  if (Array.isArray(value)) {
    const copy: unknown[] = [];
    for (const element of value) if (element !== null && element !== undefined) copy.push(stripNullFields(element));
    return copy;
  }
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (field === null || field === undefined) continue;
    copy[key] = OPAQUE_KEYS.has(key) ? field : stripNullFields(field);
  }
  return copy;
}
