/**
 * Parse Mantle's `GET /v1/models` (the OpenAI Models list: `{"object":"list","data":[{"id",…}]}`)
 * into model ids, in order, without duplicates. Entries without a string id are skipped; anything
 * that is not that shape throws, so discovery treats it as a failure rather than an empty list.
 */
export function parseMantleModelsList(bodyText: string): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(bodyText);
  } catch {
    throw new Error("the /v1/models body is not JSON");
  }
  const data = typeof parsed === "object" && parsed !== null ? (parsed as { data?: unknown }).data : undefined;
  if (!Array.isArray(data)) throw new Error('the /v1/models body has no "data" list');
  const ids: string[] = [];
  const seen = new Set<string>();
  for (const entry of data) {
    const id = typeof entry === "object" && entry !== null ? (entry as { id?: unknown }).id : undefined;
    if (typeof id !== "string" || id.trim() === "" || seen.has(id)) continue;
    seen.add(id);
    ids.push(id);
  }
  return ids;
}
