/** A JSON object (not an array, not null). */
export type JsonObject = Record<string, unknown>;

/** Whether a parsed JSON value is an object we may read fields from. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A string field, or undefined when absent or of another type. */
export function stringField(object: JsonObject, key: string): string | undefined {
  const value = object[key];
  return typeof value === "string" ? value : undefined;
}

/** A finite number field, or 0 when absent or of another type (token counts). */
export function countField(object: JsonObject | undefined, key: string): number {
  if (object === undefined) return 0;
  const value = object[key];
  return typeof value === "number" && Number.isFinite(value) ? value : 0;
}

/** An object field, or undefined. */
export function objectField(object: JsonObject, key: string): JsonObject | undefined {
  const value = object[key];
  return isJsonObject(value) ? value : undefined;
}
