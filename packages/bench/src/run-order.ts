import type { PeerDefinition, PeerKind } from "./peers/peer-definition.js";

/** Round-robin order for repeat `round`: forward, then reversed, so drift hits every peer alike. */
export function alternate<T>(items: readonly T[], round: number): T[] {
  return round % 2 === 0 ? [...items] : [...items].reverse();
}

/**
 * The order peers run in: grouped by wire format, each format's floor first, then ours, then the
 * SDKs (registry order within a group). Every ratio compares a peer with the floor of its format, and
 * this VM's speed drifts over minutes (first-delta p50 of one unchanged client moved by 0.2 ms between
 * processes a minute apart), so a peer runs next to its floor, not a dozen processes away from it.
 * With {@link alternate}, ours is adjacent to its floor in both directions.
 */
export function groupByFormat<T extends Pick<PeerDefinition, "format" | "kind">>(peers: readonly T[]): T[] {
  const formats = [...new Set(peers.map((peer) => peer.format))];
  const rank: Record<PeerKind, number> = { floor: 0, ours: 1, sdk: 2, framework: 2 };
  // `sort` is stable, so peers of the same kind keep their registry order.
  return formats.flatMap((format) => peers.filter((peer) => peer.format === format).sort((left, right) => rank[left.kind] - rank[right.kind]));
}
