/** A parsed model ref `provider/id`. */
export interface ModelRef {
  /** Provider id. */
  provider: string;
  /** Model id within the provider (may itself contain `/`). */
  id: string;
}

/** Parse `provider/id`; `undefined` when there is no provider part. */
export function parseModelRef(ref: string): ModelRef | undefined {
  const slash = ref.indexOf("/");
  if (slash <= 0 || slash === ref.length - 1) return undefined;
  return { provider: ref.slice(0, slash), id: ref.slice(slash + 1) };
}

/** Format a model ref. */
export function formatModelRef(provider: string, id: string): string {
  return `${provider}/${id}`;
}
