import { qualifyModelId } from "@bedrock-kit/plugin-host";
import { CURATED_CONVERSE_MODELS } from "./converse-curated-catalog.js";

/**
 * The catalog ids a user-written id may stand for, best first, so `amazon-bedrock/claude-sonnet-4.6`
 * finds `anthropic.claude-sonnet-4-6` and `claude-opus-4.6` finds `anthropic.claude-opus-4-6-v1`
 * (Bedrock ids carry a vendor prefix, dashed Claude versions and sometimes a version suffix).
 */
export function resolveConverseModelId(id: string): string[] {
  const qualified = qualifyModelId(id);
  const candidates = [qualified];
  for (const model of CURATED_CONVERSE_MODELS) {
    // A version suffix (`-v1`, `-v1:0`) or a release date is the only thing the user left out.
    if (model.id.startsWith(`${qualified}-`) && /^-(?:v?\d+:\d+|v\d+|\d{8}(?:-v\d+(?::\d+)?)?)$/.test(model.id.slice(qualified.length))) {
      candidates.push(model.id);
    }
  }
  return [...new Set(candidates)];
}
