import { parseModelRef } from "@bedrock-kit/plugin-host";
import { findCloseMatches } from "../catalog/find-close-matches.js";
import { configError } from "../config/config-error.js";
import type { CatalogEntry } from "./host-types.js";

/**
 * Find `ref` (`provider/id`) among one provider's entries: the user-written id first, then the
 * wire id, then the provider's own reading of the id (`aliases`: `claude-opus-4.7` ->
 * `anthropic.claude-opus-4-7`). A `config` error listing close matches when there is none.
 */
export function findCatalogEntry(ref: string, entries: readonly CatalogEntry[], aliases: readonly string[] = []): CatalogEntry {
  const id = parseModelRef(ref)?.id ?? ref;
  for (const candidate of [id, ...aliases]) {
    const found = findCatalogEntryById(candidate, entries);
    if (found !== undefined) return found;
  }
  throw unknownModelError(ref, entries);
}

/** The entry an id names (its id, its wire id, or `wireId@region`), if any. */
export function findCatalogEntryById(id: string, entries: readonly CatalogEntry[]): CatalogEntry | undefined {
  const byId = entries.find((entry) => entry.id === id);
  if (byId !== undefined) return byId;
  const byWireId = entries.find((entry) => entry.wireId === id);
  if (byWireId !== undefined) return byWireId;
  // `wireId@region`: the entry of that wire id in that region (several-region providers, docs/adr/1002).
  const at = id.lastIndexOf("@");
  if (at > 0) {
    const wireId = id.slice(0, at);
    const region = id.slice(at + 1);
    return entries.find((entry) => (entry.wireId === wireId || entry.id === wireId) && entry.region === region);
  }
  return undefined;
}

/** The error for a ref that matches nothing, with "did you mean" refs drawn from `entries`. */
export function unknownModelError(ref: string, entries: readonly CatalogEntry[]) {
  // Compare ids with ids: refs share their provider prefix, which would make every ref look close.
  const wanted = parseModelRef(ref)?.id ?? ref;
  const refByText = new Map<string, string>();
  for (const entry of entries) {
    if (!refByText.has(entry.id)) refByText.set(entry.id, entry.ref);
    if (typeof entry.wireId === "string" && !refByText.has(entry.wireId)) refByText.set(entry.wireId, entry.ref);
  }
  const suggestions = [...new Set(findCloseMatches(wanted, refByText.keys(), 6).map((text) => refByText.get(text)!))].slice(0, 3);
  return configError(
    `Unknown model "${ref}".`,
    suggestions.length > 0
      ? `Did you mean ${suggestions.join(", ")}? \`bedrock-kit models list\` shows every model.`
      : "Run `bedrock-kit models list` to see the models available.",
  );
}
