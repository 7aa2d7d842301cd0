import { BedrockKitError, type ChatRequest, type ModelDefinition, type StreamContext, type Transport } from "@bedrock-kit/plugin-host";
import { resolveTimeouts } from "@bedrock-kit/aws-auth";
import type { MantleCallInput } from "./adapters/mantle-wire-adapter.js";
import { classifyMantleError } from "./classify-mantle-error.js";
import { classifyMantleHttpError } from "./classify-mantle-http-error.js";
import { createMantleSend } from "./create-mantle-send.js";
import type { MantleConfig } from "./mantle-config-schema.js";
import { MANTLE_PROVIDER_ID } from "./mantle-provider-id.js";
import { credentialKindOf, type MantleRuntimeAuth } from "./mantle-runtime-auth.js";

/** Counts a Messages call's input tokens through Mantle (the adapters' `countAnthropicTokens`). */
export type AnthropicTokenCounter = (input: MantleCallInput) => Promise<number>;

/**
 * Input tokens a Claude call would use, from `POST /anthropic/v1/messages/count_tokens` (IAM
 * `bedrock-mantle:CountTokens`), authenticated like every call and retried once with fresh auth after a 401.
 */
export async function countMantleTokens(
  model: ModelDefinition,
  request: ChatRequest,
  context: StreamContext<MantleConfig>,
  dependencies: { countTokens: AnthropicTokenCounter; runtimeAuth: MantleRuntimeAuth; defaultTransport: () => Transport },
): Promise<number> {
  if (model.api !== "anthropic-messages") {
    throw new BedrockKitError({
      code: "invalid-request",
      message: `Token counting is only served for Claude on Mantle; ${model.id} uses ${model.api}.`,
      hint: "Count tokens for anthropic-messages models only, or estimate from the usage of a previous call.",
      provider: MANTLE_PROVIDER_ID,
    });
  }
  for (let attempt = 1; ; attempt += 1) {
    const auth = await context.getAuth({ model });
    const send = createMantleSend({
      baseUrl: model.baseUrl,
      api: model.api,
      auth,
      transport: context.transport ?? dependencies.defaultTransport(),
      timeouts: resolveTimeouts(context.config.timeouts),
      ...(context.config.projectId !== undefined && { projectId: context.config.projectId }),
      ...(context.config.headers !== undefined && { headers: context.config.headers }),
      ...(context.signal !== undefined && { signal: context.signal }),
    });
    const errorContext = {
      wireId: model.wireId,
      surface: { api: "anthropic-messages" as const, prefix: "/anthropic/v1" as const },
      credentialKind: credentialKindOf(auth),
      credentialSource: auth.source,
      ...(auth.region !== undefined && { region: auth.region }),
    };
    try {
      return await dependencies.countTokens({
        model,
        request,
        send,
        classifyHttpError: (failure) => classifyMantleHttpError(failure, errorContext),
        clock: context.clock,
        ...(context.signal !== undefined && { signal: context.signal }),
      });
    } catch (error) {
      const classified = classifyMantleError(error, errorContext);
      if (attempt === 1 && classified.code === "auth" && classified.status === 401) {
        context.invalidateAuth({ model });
        if (auth.region !== undefined) dependencies.runtimeAuth.invalidate(context.env, auth.region);
        continue;
      }
      throw classified;
    }
  }
}
