import type { MantleAssumeRole, MantleConfig } from "./mantle-config-schema.js";

/**
 * The Mantle config's constants and readers, free of zod: runtime code (catalog, auth, preflight)
 * imports these, so importing the plugin does not load zod (docs/adr/0900-lazy-config-schemas.md).
 */

/** The three wire APIs Mantle speaks (it never speaks Converse). */
export const MANTLE_APIS = ["openai-completions", "openai-responses", "anthropic-messages"] as const;

/** One of {@link MANTLE_APIS}. */
export type MantleApi = (typeof MANTLE_APIS)[number];

/** The bearer key users already have in their environment; the default `apiKey` reference. */
export const DEFAULT_MANTLE_API_KEY_REF = "env:AWS_BEARER_TOKEN_BEDROCK";

/** Default discovery timeout: peers use 30 s for `/v1/models`. */
export const DEFAULT_DISCOVERY_TIMEOUT_MS = 30_000;

/** The auth mode with spellings unified. */
export type MantleAuthMode = "api-key" | "aws-sdk" | "aws-sigv4";

/** Read `auth` with the `aws_sigv4` spelling folded into `aws-sigv4`; `undefined` when absent. A role defaults to `aws-sdk`. */
export function readMantleAuthMode(config: Pick<MantleConfig, "auth">): MantleAuthMode | undefined {
  const auth = config.auth;
  if (auth === undefined) return undefined;
  const mode = typeof auth === "string" ? auth : (auth.mode ?? "aws-sdk");
  return mode === "aws_sigv4" ? "aws-sigv4" : mode;
}

/** The role to assume, when `auth` is the object form. */
export function readMantleAssumeRole(config: Pick<MantleConfig, "auth">): MantleAssumeRole | undefined {
  if (config.auth === undefined || typeof config.auth === "string") return undefined;
  const { mode: _mode, ...role } = config.auth;
  return role;
}
