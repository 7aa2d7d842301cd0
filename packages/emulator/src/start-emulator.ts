import { ThinkingSigner } from "./answer/identifiers.js";
import { DEFAULT_MIN_CACHE_TOKENS, PromptCache } from "./answer/prompt-cache.js";
import { CredentialStore, generateApiKey, generateLongTermCredentials } from "./auth/credential-store.js";
import { controlPlaneService } from "./control-plane/control-plane-service.js";
import type { EmulatorOptions, RunningEmulator } from "./emulator-types.js";
import { FaultSettings } from "./faults/fault-settings.js";
import { mantleService } from "./mantle/mantle-service.js";
import { ResponseStore } from "./mantle/response-store.js";
import { defaultEmulatedModels } from "./models/default-model-table.js";
import { ModelCatalog } from "./models/model-catalog.js";
import { runtimeService } from "./runtime/runtime-service.js";
import { type DualProtocolListener, listenDualProtocol } from "./server/dual-protocol-listener.js";
import type { EmulatorState } from "./server/emulator-state.js";
import type { ServiceDefinition } from "./server/service-definition.js";
import { createServiceHandler } from "./server/service-request-handler.js";
import { StatsRecorder } from "./server/stats-recorder.js";
import { stsService } from "./sts/sts-service.js";

const SERVICES: readonly ServiceDefinition[] = [mantleService, runtimeService, controlPlaneService, stsService];

/** The host part of a URL for a bound interface (wildcards are reached through loopback). */
function urlHost(host: string): string {
  if (host === "0.0.0.0") return "127.0.0.1";
  if (host === "::") return "[::1]";
  return host.includes(":") ? `[${host}]` : host;
}

// A typo here would silently turn caching off (NaN) or on for every prompt (negative), so fail at start.
function checkMinCacheTokens(name: string, value: number | undefined): void {
  if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
    throw new RangeError(`${name} must be a whole number of tokens, 0 or more (got ${String(value)}).`);
  }
}

/**
 * Starts a local Bedrock: Mantle, bedrock-runtime, the control plane and STS, each on its own
 * loopback port (ADR 0300), sharing one credential store, model table and fault settings.
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<RunningEmulator> {
  const host = options.host ?? "127.0.0.1";
  const region = options.region ?? "us-east-1";
  const accountId = options.accountId ?? "123456789012";
  const apiKeys = options.apiKeys && options.apiKeys.length > 0 ? options.apiKeys : [generateApiKey(accountId)];
  const credentials = options.credentials && options.credentials.length > 0 ? options.credentials : [generateLongTermCredentials()];
  const firstKey = apiKeys[0] as string;
  const firstCredentials = credentials[0] as (typeof credentials)[number];
  const models = options.models ?? defaultEmulatedModels();
  checkMinCacheTokens("minCacheTokens", options.minCacheTokens);
  for (const model of models) checkMinCacheTokens(`models["${model.name}"].minCacheTokens`, model.minCacheTokens);

  const state: EmulatorState = {
    region,
    accountId,
    clock: options.clock ?? Date,
    catalog: new ModelCatalog(models, region, accountId),
    credentials: new CredentialStore(accountId, credentials, apiKeys),
    roles: options.roles,
    faults: new FaultSettings(options.faults),
    stats: new StatsRecorder(),
    promptCache: new PromptCache(options.minCacheTokens ?? DEFAULT_MIN_CACHE_TOKENS),
    responses: new ResponseStore(),
    thinking: new ThinkingSigner(),
    inferenceProfilePageSize: options.inferenceProfilePageSize ?? 5,
  };

  const basePort = options.port ?? 0;
  const listeners: DualProtocolListener[] = [];
  try {
    for (const [index, service] of SERVICES.entries()) {
      listeners.push(await listenDualProtocol(host, basePort === 0 ? 0 : basePort + index, createServiceHandler(service, state)));
    }
  } catch (error) {
    await Promise.all(listeners.map((listener) => listener.close()));
    throw error;
  }
  const [mantle, runtime, controlPlane, sts] = listeners.map((listener) => `http://${urlHost(host)}:${listener.port}`) as [string, string, string, string];

  let closing: Promise<void> | undefined;
  return {
    mantleUrl: mantle,
    runtimeUrl: runtime,
    controlPlaneUrl: controlPlane,
    stsUrl: sts,
    region,
    apiKey: firstKey,
    accessKeyId: firstCredentials.accessKeyId,
    secretAccessKey: firstCredentials.secretAccessKey,
    setFaults: (faults) => state.faults.replace(faults),
    stats: () => state.stats.snapshot(),
    close: () => {
      closing ??= Promise.all(listeners.map((listener) => listener.close())).then(() => undefined);
      return closing;
    },
  };
}
