import type { TransportTimeouts } from "@bedrock-kit/plugin-host";

/**
 * Defaults for model calls. First byte is the response headers, which Bedrock sends before the
 * model starts generating, so a minute is generous; idle is long because reasoning models can be
 * silent for a while between deltas (Anthropic sends pings, Converse does not).
 */
export const DEFAULT_TIMEOUTS: Readonly<Required<TransportTimeouts>> = {
  connectMs: 10_000,
  firstByteMs: 60_000,
  idleMs: 120_000,
};

/** Configured timeouts over the defaults. */
export function resolveTimeouts(configured: TransportTimeouts | undefined): Required<TransportTimeouts> {
  return { ...DEFAULT_TIMEOUTS, ...stripUndefined(configured ?? {}) };
}

function stripUndefined(value: TransportTimeouts): TransportTimeouts {
  const result: TransportTimeouts = {};
  if (value.connectMs !== undefined) result.connectMs = value.connectMs;
  if (value.firstByteMs !== undefined) result.firstByteMs = value.firstByteMs;
  if (value.idleMs !== undefined) result.idleMs = value.idleMs;
  return result;
}
