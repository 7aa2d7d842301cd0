/**
 * Model ids as users write them, mapped to the bare ids Mantle accepts. Mantle 404s without the
 * vendor prefix (`claude-opus-4.7` must be sent as `anthropic.claude-opus-4-7`) and with a
 * Converse-style inference-profile prefix or version suffix (`us.…`, `…-v1:0`).
 */
import { qualifyModelId } from "@bedrock-kit/plugin-host";

/** Geographic / global inference-profile prefixes that only bedrock-runtime (Converse) accepts. */
const CONVERSE_PROFILE_PREFIX = /^(?:us-gov|us|eu|apac|ap|au|jp|global)\./;
/** Converse version suffixes: `-v1:0`, `-1:0`, `:0`. */
const CONVERSE_VERSION_SUFFIX = /:\d+$/;

/** Whether an id is Converse-style (an inference-profile prefix, a `-v1:0`-like suffix, or an ARN). */
export function isConverseStyleModelId(id: string): boolean {
  return id.startsWith("arn:") || CONVERSE_PROFILE_PREFIX.test(id) || CONVERSE_VERSION_SUFFIX.test(id);
}

/**
 * The bare Mantle id a Converse-style id most likely stands for (for hints only):
 * `us.anthropic.claude-sonnet-4-5-20250929-v1:0` -> `anthropic.claude-sonnet-4-5`.
 */
export function suggestMantleModelId(converseId: string): string | undefined {
  if (converseId.startsWith("arn:")) return undefined;
  let id = converseId.replace(CONVERSE_PROFILE_PREFIX, "");
  id = id.replace(/-v\d+:\d+$/, "").replace(/-\d+:\d+$/, "").replace(/:\d+$/, "");
  if (id.startsWith("anthropic.")) id = id.replace(/-\d{8}$/, "");
  return id;
}

/**
 * Map a user's model id to the id Mantle expects. Vendor-qualified ids pass through (Claude versions
 * still get their dots turned into dashes); bare ids get their vendor prefix from the rule table;
 * ids no rule knows are sent as written. Converse-style ids are not mapped: check them with
 * {@link isConverseStyleModelId} first.
 */
export function resolveMantleWireId(id: string): string {
  return qualifyModelId(id);
}

/** The hint for a Converse-style id sent to Mantle. */
export function converseStyleIdHint(id: string): string {
  const suggestion = suggestMantleModelId(id);
  return suggestion === undefined
    ? `Mantle takes bare model ids (e.g. anthropic.claude-opus-4-7), not ARNs or inference profiles; use the amazon-bedrock provider for "${id}".`
    : `Mantle takes bare model ids: use "${suggestion}" here, or keep "${id}" and call it through the amazon-bedrock provider (Converse).`;
}
