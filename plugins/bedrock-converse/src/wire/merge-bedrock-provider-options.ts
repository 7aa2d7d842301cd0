/**
 * Merge `providerOptions.bedrock` into the request envelope, verbatim: objects merge deeply (so
 * `additionalModelRequestFields` keeps the reasoning fields the plugin set unless a key is given
 * again), anything else (arrays, strings, numbers) replaces what was there, and `null` removes the
 * field (so a caller can take out something the plugin set; Bedrock rejects `null` fields anyway).
 * Neither input is modified.
 */
export function mergeBedrockProviderOptions(
  body: Record<string, unknown>,
  options: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  if (options === undefined) return body;
  return deepMerge(body, options);
}

function deepMerge(target: Readonly<Record<string, unknown>>, source: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...target };
  for (const [key, value] of Object.entries(source)) {
    if (value === undefined) continue;
    if (value === null) {
      delete merged[key];
      continue;
    }
    const existing = merged[key];
    merged[key] = isPlainObject(existing) && isPlainObject(value) ? deepMerge(existing, value) : value;
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}
