import { collectCompletion, type CompletionResult } from "@bedrock-kit/plugin-host";
import { prepareConverseRequest } from "./build-converse-request-body.js";
import type { ConverseCallInput } from "./converse-wire.js";
import { replayConverse } from "./replay-converse.js";

/**
 * One non-streaming call on `/converse`. The answer goes through the same event mapping as
 * ConverseStream and is collected with the contract's `collectCompletion`, so a completion and a
 * stream of the same answer agree. Rejects with a classified `BedrockKitError`.
 */
export async function completeConverse(input: ConverseCallInput): Promise<CompletionResult> {
  const startedAt = input.clock.now();
  const prepared = prepareConverseRequest(input.model, input.request);
  return collectCompletion(replayConverse(input, prepared, startedAt));
}
