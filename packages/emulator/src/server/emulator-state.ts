import type { EmulatedRole } from "../emulator-types.js";
import type { CredentialStore } from "../auth/credential-store.js";
import type { ThinkingSigner } from "../answer/identifiers.js";
import type { PromptCache } from "../answer/prompt-cache.js";
import type { FaultSettings } from "../faults/fault-settings.js";
import type { ModelCatalog } from "../models/model-catalog.js";
import type { ResponseStore } from "../mantle/response-store.js";
import type { StatsRecorder } from "./stats-recorder.js";

/** Everything the routes share for the life of one emulator (no module-level state). */
export interface EmulatorState {
  readonly region: string;
  readonly accountId: string;
  readonly clock: { now(): number };
  readonly catalog: ModelCatalog;
  readonly credentials: CredentialStore;
  /** Roles STS lets callers assume; undefined = any role in any account format. */
  readonly roles: readonly EmulatedRole[] | undefined;
  readonly faults: FaultSettings;
  readonly stats: StatsRecorder;
  readonly promptCache: PromptCache;
  readonly responses: ResponseStore;
  readonly thinking: ThinkingSigner;
  readonly inferenceProfilePageSize: number;
}
