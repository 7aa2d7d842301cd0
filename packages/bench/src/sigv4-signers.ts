/** Which signer a SigV4 probe process measures. */
export type SignerId = "ours" | "smithy-sha256-js" | "smithy-hash-node";

/** Every signer, ours first. */
export const SIGNER_IDS: readonly SignerId[] = ["ours", "smithy-sha256-js", "smithy-hash-node"];

/** Rounds and signatures per round, per body size. */
export interface SigV4Plan {
  rounds: number;
  warmup: number;
  bodies: Array<{ bytes: number; signaturesPerRound: number }>;
}
