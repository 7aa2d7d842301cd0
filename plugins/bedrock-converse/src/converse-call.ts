import { defaultTransport } from "@bedrock-kit/aws-auth";
import {
  BedrockKitError,
  computeUsageCost,
  type CallMetadata,
  type ChatRequest,
  type CompletionResult,
  type ModelDefinition,
  type RuntimeAuth,
  type StreamContext,
  type TransportTimeouts,
  type Usage,
} from "@bedrock-kit/plugin-host";
import {
  CONVERSE_PROVIDER_ID,
  classifyConverseError,
  classifyConverseHttpFailure,
  type ClassifiedConverseFailure,
} from "./classify-converse-error.js";
import type { AwsEndpointParser } from "./aws-endpoint-memo.js";
import type { ConverseConfig } from "./converse-config-schema.js";
import { callRegionOf } from "./converse-endpoints.js";
import { costForWireId, curatedKnowledgeFor } from "./converse-model-definitions.js";
import { profileFallbackIds } from "./inference-profile-prefix.js";
import type { ConverseCallInput, ConverseSendRequest } from "./wire/converse-wire.js";

const STREAM_TIMEOUTS: Required<TransportTimeouts> = { connectMs: 10_000, firstByteMs: 60_000, idleMs: 120_000 };
/** `/converse` answers only when the whole completion is ready. */
const COMPLETE_FIRST_BYTE_MS = 300_000;
/** The original call plus at most three profile ids (geographies, then `global.`). */
const MAX_ATTEMPTS = 4;
/** Statuses whose error types mean the auth itself went stale: drop it so the next call prepares anew. */
const STALE_AUTH_TYPES = /^(ExpiredToken|UnrecognizedClient|InvalidSignature)/;

/** One HTTP attempt of a call, recorded by the send and classify closures handed to the wire code. */
export interface ConverseAttempt {
  /** The model as called in this attempt (wire id and prices of this attempt). */
  model: ModelDefinition;
  /** What the wire code receives. */
  input: ConverseCallInput;
  /** The classified HTTP failure, when the upstream answered non-OK. */
  failure?: ClassifiedConverseFailure;
  /** `x-amzn-requestid` of the last response. */
  requestId?: string;
}

/** A call in progress: auth, endpoint, clocks, attempts. */
export interface ConverseCall {
  /** The region the call is signed for. */
  region: string;
  /** When the call started (clock ms). */
  startedAt: number;
  /** Attempts made so far. */
  attempts: number;
  /** Start a new attempt for a model (its wire id). */
  attempt(model: ModelDefinition): ConverseAttempt;
  /** The next attempt's model when this failure is one a profile id recovers from, else undefined. */
  fallbackAfter(attempt: ConverseAttempt, error: unknown): ModelDefinition | undefined;
  /** Tracing metadata for the final attempt. */
  metadata(attempt: ConverseAttempt, timeToFirstTokenMs: number | undefined): CallMetadata;
  /** A failure as the caller sees it: classified, with provider, request id and metadata. */
  decorate(error: unknown, attempt: ConverseAttempt, timeToFirstTokenMs?: number): BedrockKitError;
}

function credentialKindOf(auth: RuntimeAuth): "bearer" | "aws-sigv4" {
  return auth.sign === undefined ? "bearer" : "aws-sigv4";
}

/** The defaults as shared objects: a config without `timeouts` (the usual case) builds none per call. */
const DEFAULT_STREAM_TIMEOUTS: Readonly<TransportTimeouts> = Object.freeze({ ...STREAM_TIMEOUTS });
const DEFAULT_COMPLETE_TIMEOUTS: Readonly<TransportTimeouts> = Object.freeze({ ...STREAM_TIMEOUTS, firstByteMs: COMPLETE_FIRST_BYTE_MS });

function timeoutsFor(path: string, configured: ConverseConfig["timeouts"]): TransportTimeouts {
  const nonStreaming = path.endsWith("/converse");
  if (configured === undefined) return nonStreaming ? DEFAULT_COMPLETE_TIMEOUTS : DEFAULT_STREAM_TIMEOUTS;
  return {
    connectMs: configured?.connectMs ?? STREAM_TIMEOUTS.connectMs,
    firstByteMs: configured?.firstByteMs ?? (nonStreaming ? COMPLETE_FIRST_BYTE_MS : STREAM_TIMEOUTS.firstByteMs),
    idleMs: configured?.idleMs ?? STREAM_TIMEOUTS.idleMs,
  };
}

/** The model as called through another wire id, with that id's prices when the catalog knows them. */
function modelWithWireId(model: ModelDefinition, wireId: string): ModelDefinition {
  const known = curatedKnowledgeFor(model.wireId, model.id);
  const cost = known === undefined ? model.cost : costForWireId(known, wireId);
  const next: ModelDefinition = { ...model, wireId };
  if (cost === undefined) delete next.cost;
  else next.cost = cost;
  return next;
}

/** Whether a thrown error is the classified HTTP failure (or a copy the wire code stamped with more detail). */
function isSameFailure(classified: BedrockKitError, thrown: unknown): boolean {
  if (classified === thrown) return true;
  return BedrockKitError.isInstance(thrown) && thrown.status === classified.status && thrown.message === classified.message;
}

/** `usage` with its cost from the model's prices (undefined when unknown, never 0). */
export function usageWithCost(usage: Usage, model: ModelDefinition): Usage {
  const cost = computeUsageCost(usage, model.cost);
  return cost === undefined ? usage : { ...usage, cost };
}

/**
 * Set up one call: resolve auth through the host's cache, and build the `send` and
 * `classifyHttpError` closures the wire code uses (URL, auth headers or a signature over the
 * exact body, timeouts, the caller's signal).
 */
export async function beginConverseCall(
  model: ModelDefinition,
  request: ChatRequest,
  context: StreamContext<ConverseConfig>,
  parseEndpoint?: AwsEndpointParser,
): Promise<ConverseCall> {
  const region = callRegionOf(context.config, context.env, model, parseEndpoint);
  const auth = await context.getAuth({ model, region });
  const transport = context.transport ?? defaultTransport();
  const runtimeUrl = model.baseUrl.endsWith("/") ? model.baseUrl.replace(/\/+$/, "") : model.baseUrl;
  const credential = credentialKindOf(auth);
  const tried = new Set<string>();

  const call: ConverseCall = {
    region,
    startedAt: context.clock.now(),
    attempts: 0,
    attempt(attemptModel) {
      call.attempts++;
      tried.add(attemptModel.wireId);
      const attempt = { model: attemptModel } as ConverseAttempt;
      const send = async (wireRequest: ConverseSendRequest) => {
        const url = `${runtimeUrl}${wireRequest.path}`;
        const headers: Record<string, string> = { ...wireRequest.headers, ...auth.headers };
        if (auth.sign !== undefined) Object.assign(headers, auth.sign({ method: "POST", url, headers, body: wireRequest.body }));
        const response = await transport({
          method: "POST",
          url,
          headers,
          body: wireRequest.body,
          timeouts: timeoutsFor(wireRequest.path, context.config.timeouts),
          ...(context.signal !== undefined && { signal: context.signal }),
        });
        const requestId = response.headers["x-amzn-requestid"];
        if (requestId !== undefined) attempt.requestId = requestId;
        if (response.status === 401 || (response.status === 403 && STALE_AUTH_TYPES.test(response.headers["x-amzn-errortype"] ?? ""))) {
          context.invalidateAuth({ model, region });
        }
        return response;
      };
      attempt.input = {
        model: attemptModel,
        request,
        send,
        classifyHttpError: (failure) => {
          attempt.failure = classifyConverseHttpFailure(failure, { wireId: attemptModel.wireId, region, credential, endpoint: "runtime" });
          return attempt.failure.error;
        },
        clock: context.clock,
        ...(context.signal !== undefined && { signal: context.signal }),
      };
      return attempt;
    },
    fallbackAfter(attempt, error) {
      const failure = attempt.failure;
      if (failure === undefined || !isSameFailure(failure.error, error) || call.attempts >= MAX_ATTEMPTS) return undefined;
      // A profile id that does not exist here is worth the next scope only when we chose it.
      const recoverable = failure.kind === "on-demand-unsupported" || (failure.kind === "invalid-model-identifier" && call.attempts > 1);
      if (!recoverable) return undefined;
      const next = profileFallbackIds(attempt.model.wireId, region).find((id) => !tried.has(id));
      if (next === undefined) return undefined;
      context.logger.info(
        `amazon-bedrock: ${attempt.model.wireId} was refused (${failure.kind}); retrying as inference profile ${next}. Set wireId: "${next}" on model ${model.id} to skip this round trip.`,
        { model: model.id, from: attempt.model.wireId, to: next, region },
      );
      return modelWithWireId(attempt.model, next);
    },
    metadata(attempt, timeToFirstTokenMs) {
      const metadata: CallMetadata = {
        provider: CONVERSE_PROVIDER_ID,
        api: "bedrock-converse-stream",
        wireId: attempt.model.wireId,
        region,
        attempts: call.attempts,
        surfaceFallback: false,
        latencyMs: context.clock.now() - call.startedAt,
      };
      if (attempt.requestId !== undefined) metadata.requestId = attempt.requestId;
      if (timeToFirstTokenMs !== undefined) metadata.timeToFirstTokenMs = timeToFirstTokenMs;
      return metadata;
    },
    decorate(error, attempt, timeToFirstTokenMs) {
      const classified = classifyConverseError(error);
      const requestId = classified.requestId ?? attempt.requestId;
      return classified.with({
        metadata: { ...classified.metadata, ...call.metadata(attempt, timeToFirstTokenMs) },
        ...(requestId !== undefined && { requestId }),
      });
    },
  };
  return call;
}

/** The wire's `completeConverse` result with cost and metadata, recovering like `stream()`. */
export async function completeWithRecovery(
  model: ModelDefinition,
  request: ChatRequest,
  context: StreamContext<ConverseConfig>,
  completeConverse: (input: ConverseCallInput) => Promise<CompletionResult>,
  parseEndpoint?: AwsEndpointParser,
): Promise<CompletionResult> {
  const call = await beginConverseCall(model, request, context, parseEndpoint);
  let attempt = call.attempt(model);
  for (;;) {
    try {
      const result = await completeConverse(attempt.input);
      const finish = { ...result.finish, usage: usageWithCost(result.finish.usage, attempt.model), metadata: call.metadata(attempt, undefined) };
      return { ...result, finish };
    } catch (error) {
      const next = call.fallbackAfter(attempt, error);
      if (next === undefined) throw call.decorate(error, attempt);
      attempt = call.attempt(next);
    }
  }
}
