import type { WireFormat } from "../bench-scenario.js";

/** A client under test, ready to stream against the mock. */
export interface PeerSession {
  /**
   * Streams one call whose model id is `modelId` (a bench scenario) and calls `onText` with every
   * text delta, in order. Resolves when the stream has ended properly (its terminal event seen);
   * rejects on any failure, a truncated stream included.
   */
  stream(modelId: string, onText: (text: string) => void): Promise<void>;
}

/** What kind of client a peer is, for grouping in reports. */
export type PeerKind = "floor" | "ours" | "sdk" | "framework";

/** One client under test. */
export interface PeerDefinition {
  /** Stable id, used on the command line and in results (`ours-mantle-chat`). */
  id: string;
  /** Human-readable label for tables. */
  label: string;
  /** Which group it belongs to. */
  kind: PeerKind;
  /** The wire format it speaks; its ratios are to the floor of this format. */
  format: WireFormat;
  /** The import-time target this peer's library belongs to (see `import-targets.ts`). */
  importTarget: string;
  /** Whether the peer signs requests with SigV4 (otherwise bearer or no auth). */
  signsRequests: boolean;
  /**
   * Loads the library and builds a session against `baseUrl` (`http://127.0.0.1:PORT`).
   * Throws {@link PeerUnavailableError} when our code is not there yet.
   */
  create(baseUrl: string): Promise<PeerSession>;
}

/** Our plugin's entry point (or a piece of it) is not built or not exported yet: a reported gap, never a number. */
export class PeerUnavailableError extends Error {
  override readonly name = "PeerUnavailableError";
}

/** Same fake credentials for every peer; the mock checks none. */
export const BENCH_BEARER_TOKEN = "bench-bearer-token";
/** Static SigV4 credentials (the AWS documentation's example key pair). */
export const BENCH_AWS_CREDENTIALS = {
  accessKeyId: "AKIAIOSFODNN7EXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
} as const;
/** Region every peer is configured with. */
export const BENCH_REGION = "us-east-1";
/** The one-line prompt every peer sends. */
export const BENCH_PROMPT = "Say hello.";
/** max_tokens every peer sends. */
export const BENCH_MAX_TOKENS = 1024;
