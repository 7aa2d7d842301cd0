/**
 * `@bedrock-kit/emulator`: a local Amazon Bedrock (Mantle, bedrock-runtime, control plane, STS)
 * on loopback that speaks the real wire formats and fails where AWS fails.
 */
export { startEmulator } from "./start-emulator.js";
export { defaultEmulatedModels } from "./models/default-model-table.js";
export { ROUTE_NAMES } from "./emulator-types.js";
export type {
  AuthKind,
  EmulatedCredentials,
  EmulatedModel,
  EmulatedRole,
  EmulatorOptions,
  EmulatorRequestRecord,
  EmulatorStats,
  FaultConfig,
  IamAction,
  MantleApi,
  MantlePlacement,
  MantleSurface,
  ProfileGeo,
  RouteFaults,
  RouteName,
  RunningEmulator,
  RuntimePlacement,
  WrongSurfaceReply,
} from "./emulator-types.js";
