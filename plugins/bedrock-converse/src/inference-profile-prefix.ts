/**
 * Cross-region inference profiles: which geography prefix a region's profiles carry, and how to
 * tell a profile id from a base model id. Pure; see docs/adr/0701-inference-profile-selection.md.
 */

/** A system-defined inference profile scope: a geography or `global`. */
export type ProfileScope = "us" | "us-gov" | "ca" | "eu" | "apac" | "jp" | "au" | "global";

/** Every scope prefix Bedrock uses in system-defined profile ids, longest first so `us-gov.` wins over `us.`. */
const PROFILE_PREFIXES: readonly ProfileScope[] = ["us-gov", "global", "apac", "us", "ca", "eu", "jp", "au"];

const PROFILE_PREFIX_PATTERN = new RegExp(`^(?:${PROFILE_PREFIXES.map((prefix) => prefix.replace("-", "\\-")).join("|")})\\.`);

/**
 * The geography scopes whose profiles a region can call, most specific first. Tokyo and Osaka
 * have `jp.` profiles for newer models and `apac.` for older ones; Sydney and Melbourne the same
 * with `au.`. An unknown region yields none (only `global.` is tried for it).
 */
export function geographyScopesForRegion(region: string): ProfileScope[] {
  if (region.startsWith("us-gov-")) return ["us-gov"];
  if (region.startsWith("us-")) return ["us"];
  if (region.startsWith("ca-")) return ["ca"];
  if (region.startsWith("eu-")) return ["eu"];
  if (region === "ap-northeast-1" || region === "ap-northeast-3") return ["jp", "apac"];
  if (region === "ap-southeast-2" || region === "ap-southeast-4") return ["au", "apac"];
  if (region.startsWith("ap-")) return ["apac"];
  return [];
}

/** Whether an id is an ARN (foundation model, inference profile, application profile, provisioned). */
export function isArn(modelId: string): boolean {
  return modelId.startsWith("arn:");
}

/** The scope prefix of a system-defined profile id (`us` for `us.anthropic.…`), or undefined. */
export function profileScopeOf(modelId: string): ProfileScope | undefined {
  const match = PROFILE_PREFIX_PATTERN.exec(modelId);
  return match === null ? undefined : (match[0].slice(0, -1) as ProfileScope);
}

/** The base model id of a profile id (`us.anthropic.x` -> `anthropic.x`); other ids unchanged. */
export function stripProfilePrefix(modelId: string): string {
  return modelId.replace(PROFILE_PREFIX_PATTERN, "");
}

/** The base model id named by an ARN or id: `…:foundation-model/X` -> X, `…:inference-profile/us.X` -> X. */
export function baseModelIdOf(modelId: string): string {
  if (!isArn(modelId)) return stripProfilePrefix(modelId);
  // Application profiles and provisioned models hide their base model behind an opaque id.
  const match = /:(?:foundation-model|inference-profile)\/([^/]+)$/.exec(modelId);
  return match?.[1] === undefined ? modelId : stripProfilePrefix(match[1]);
}

/** The profile id for a base model in one scope: `profileId("us", "anthropic.x")` -> `us.anthropic.x`. */
export function profileId(scope: ProfileScope, baseModelId: string): string {
  return `${scope}.${baseModelId}`;
}

/**
 * The profile ids to try, in order, when a model id was refused for on-demand throughput or a
 * profile id did not exist: the region's geographies, then `global.`. Ids already tried, ARNs and
 * ids whose scope is already `global` yield nothing further.
 */
export function profileFallbackIds(wireId: string, region: string): string[] {
  if (isArn(wireId)) return [];
  const base = stripProfilePrefix(wireId);
  const current = profileScopeOf(wireId);
  const scopes: ProfileScope[] = [...geographyScopesForRegion(region), "global"];
  const startAfter = current === undefined ? -1 : scopes.indexOf(current);
  if (current !== undefined && startAfter === -1) return [];
  return scopes.slice(startAfter + 1).map((scope) => profileId(scope, base));
}
