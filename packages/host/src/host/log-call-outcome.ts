import type { BedrockKitError, CallMetadata, Logger, Usage } from "@bedrock-kit/plugin-host";

/** The fields of the one debug line a call leaves, for a host to export to its tracer. */
export interface CallLogFields {
  /** `ok` after a finish, else the error code. */
  outcome: string;
  provider: string;
  api?: string;
  wireId?: string;
  region?: string;
  requestId?: string;
  attempts?: number;
  surfaceFallback?: boolean;
  latencyMs?: number;
  timeToFirstTokenMs?: number;
  usage?: Omit<Usage, "cost">;
  /** USD; absent when the model's prices are unknown. */
  cost?: number;
}

/**
 * Build the call line's fields from a finish (usage, metadata) or a failure (the error's metadata).
 * Only fields the provider reported are included; the host logger redacts the line before writing.
 */
export function callLogFields(
  provider: string,
  outcome: { usage: Usage; metadata?: CallMetadata } | { error: BedrockKitError; metadata?: CallMetadata },
): CallLogFields {
  const metadata = (outcome.metadata ?? ("error" in outcome ? outcome.error.metadata : undefined)) as Partial<CallMetadata> | undefined;
  const fields: CallLogFields = { outcome: "error" in outcome ? outcome.error.code : "ok", provider: metadata?.provider ?? provider };
  for (const key of ["api", "wireId", "region", "requestId", "attempts", "surfaceFallback", "latencyMs", "timeToFirstTokenMs"] as const) {
    const value = metadata?.[key];
    if (value !== undefined) (fields as unknown as Record<string, unknown>)[key] = value;
  }
  if ("usage" in outcome) {
    const { cost, ...counts } = outcome.usage;
    fields.usage = counts;
    if (cost !== undefined) fields.cost = cost;
  }
  return fields;
}

/** Write the one structured debug line of a call. */
export function logCallOutcome(logger: Logger | undefined, fields: CallLogFields): void {
  logger?.debug(fields.outcome === "ok" ? "call finished" : "call failed", fields as unknown as Record<string, unknown>);
}
