/**
 * Keys whose values are caller data (tool inputs, JSON Schemas): copied verbatim, since a `null`
 * there means something (`"default": null`, `"enum": ["a", null]`).
 */
const OPAQUE_KEYS: ReadonlySet<string> = new Set(["input", "input_schema", "schema"]);

/**
 * A JSON body without any `null` or `undefined` field or array element. Bedrock's Messages
 * validator rejects nulls the Anthropic API tolerates (`tool_use.caller: null` → 400,
 * anthropic-sdk-python #1454), so a body never carries one; the contents of tool inputs and
 * schemas are data and stay untouched. Copy on write: an object or array with nothing to strip
 * anywhere inside is returned as it is, so the usual body (no null at all) costs a walk, not a
 * deep copy, before every call (issue 8). Callers only serialise the result.
 */
export function stripNullFields(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  if (Array.isArray(value)) return stripArray(value);
  const record = value as Record<string, unknown>;
  const prototype = Object.getPrototypeOf(record);
  // Anything but a plain object (a Date, a class instance) is copied as before, so it serialises as before.
  let copy: Record<string, unknown> | undefined = prototype === Object.prototype || prototype === null ? undefined : {};
  const keys = Object.keys(record);
  for (let index = 0; index < keys.length; index++) {
    const key = keys[index]!;
    const field = record[key];
    const stripped = field === null || field === undefined ? field : OPAQUE_KEYS.has(key) ? field : stripNullFields(field);
    if (copy === undefined) {
      if (stripped === field && stripped !== null && stripped !== undefined) continue;
      // The first change: copy the fields before it, then carry on building the copy.
      copy = {};
      for (let before = 0; before < index; before++) copy[keys[before]!] = record[keys[before]!];
    }
    if (stripped !== null && stripped !== undefined) copy[key] = stripped;
  }
  return copy ?? record;
}

function stripArray(array: readonly unknown[]): unknown[] {
  let copy: unknown[] | undefined;
  for (let index = 0; index < array.length; index++) {
    const element = array[index];
    const stripped = element === null || element === undefined ? element : stripNullFields(element);
    if (copy === undefined) {
      if (stripped === element && stripped !== null && stripped !== undefined) continue;
      copy = array.slice(0, index);
    }
    if (stripped !== null && stripped !== undefined) copy.push(stripped);
  }
  return copy ?? (array as unknown[]);
}
