/**
 * The contract's shape-based redaction, in one place so the host has a single seam for it.
 * `redactSecrets` masks secret-shaped substrings (AWS keys, bearer tokens, signatures) in free
 * text; `redactValue` does the same deeply and masks secret-named keys; `createRedactingLogger`
 * applies both to every message and field.
 */
export { redactSecrets, redactValue, createRedactingLogger } from "@bedrock-kit/plugin-host";
