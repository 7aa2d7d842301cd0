/**
 * A reference to a secret, never the secret itself:
 * - `"env:NAME"` or `{ source: "env", id: "NAME" }`: an environment variable.
 * - `"file:PATH"` or `{ source: "file", id: "PATH" }`: a file (a mounted secret), trimmed.
 * A plain string without a prefix is a literal; the host accepts it only where the config allows inline secrets.
 */
export type SecretRef = string | { source: "env" | "file"; id: string };

/** A parsed {@link SecretRef}. */
export type ParsedSecretRef =
  | { kind: "env"; name: string }
  | { kind: "file"; path: string }
  | { kind: "literal"; value: string };

/** Resolves a secret reference to its value, or `undefined` when it is unset or blank. The host owns the only implementation. */
export type SecretResolver = (ref: SecretRef) => Promise<string | undefined>;

/** Parse a {@link SecretRef} (pure; reads nothing). */
export function parseSecretRef(ref: SecretRef): ParsedSecretRef {
  if (typeof ref === "object") {
    return ref.source === "env" ? { kind: "env", name: ref.id } : { kind: "file", path: ref.id };
  }
  if (ref.startsWith("env:")) return { kind: "env", name: ref.slice(4).trim() };
  if (ref.startsWith("file:")) return { kind: "file", path: ref.slice(5).trim() };
  return { kind: "literal", value: ref };
}

/** Describe a reference without its value, for errors and `doctor` (`env:NAME`, `file:PATH`, `inline value`). */
export function describeSecretRef(ref: SecretRef): string {
  const parsed = parseSecretRef(ref);
  if (parsed.kind === "env") return `env:${parsed.name}`;
  if (parsed.kind === "file") return `file:${parsed.path}`;
  return "inline value";
}
