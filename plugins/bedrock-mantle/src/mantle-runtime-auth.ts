import { createHash } from "node:crypto";
import { describeSecretRef, type Clock, type Env, type RuntimeAuth, type RuntimeAuthContext } from "@bedrock-kit/plugin-host";
import {
  createAssumeRoleProvider,
  createBedrockTokenProvider,
  createDefaultCredentialProvider,
  createSigV4Signer,
  credentialIdentity,
  resolveCredential,
  type AwsCredentialProvider,
  type BedrockTokenProvider,
  type BedrockTokenProviderOptions,
} from "@bedrock-kit/aws-auth";
import type { MantleAssumeRole, MantleConfig } from "./mantle-config-schema.js";
import { readMantleAssumeRole, readMantleAuthMode } from "./mantle-config-values.js";
import { resolveMantleEndpoint } from "./mantle-endpoint.js";
import { MANTLE_PROVIDER_ID } from "./mantle-provider-id.js";
import type { MantleCredentialKind } from "./classify-mantle-http-error.js";

/** `RuntimeAuth.source` of a token minted from the AWS chain. */
export const MINTED_TOKEN_SOURCE = "aws-sdk";
/** `RuntimeAuth.source` of SigV4 signing. */
export const SIGV4_SOURCE = "aws-sigv4";

/** Injectable factories, so tests run the real paths with fake credentials and no network. */
export interface MantleAuthDependencies {
  /** The AWS credential provider for an environment (default: aws-auth's lazily imported Node chain). */
  credentialProviderFactory?: (env: Env) => AwsCredentialProvider;
  /** The token minter (default: aws-auth's cached, single-flight `createBedrockTokenProvider`). */
  tokenProviderFactory?: (options: BedrockTokenProviderOptions) => BedrockTokenProvider;
}

interface ChainState {
  credentialProvider: AwsCredentialProvider;
  tokenProvider?: BedrockTokenProvider;
}

// What selects a different identity in the default chain; one chain (and token cache) per combination.
const CHAIN_ENV_KEYS = ["AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"];

/**
 * Mantle's runtime auth: the configured bearer key; else a short-term token minted from the AWS
 * chain (its real expiry as `expiresAt`; never written to config or env); else, with `auth:
 * "aws-sigv4"`, a SigV4 signer for service `bedrock-mantle`. There is no "no API key" gate: an
 * instance role alone is enough (OpenClaw #62995).
 */
export class MantleRuntimeAuth {
  private readonly chains = new Map<string, ChainState>();
  private readonly signerIdentities = new WeakMap<object, string>();

  constructor(private readonly dependencies: MantleAuthDependencies = {}) {}

  /** `prepareRuntimeAuth` for the provider. */
  async prepare(context: RuntimeAuthContext<MantleConfig>): Promise<RuntimeAuth> {
    const config = context.config;
    const mode = readMantleAuthMode(config);
    const region = context.model?.region ?? context.region ?? resolveMantleEndpoint(config, context.env).region;
    const sources =
      mode === "api-key" ? [config.apiKey] : mode === "aws-sdk" ? ["aws-sdk"] : mode === "aws-sigv4" ? ["aws-sigv4"] : [config.apiKey, "aws-sdk"];
    const role = readMantleAssumeRole(config);
    // The role's STS session serves every region; STS itself is called in the provider's region.
    const stsRegion = resolveMantleEndpoint(config, context.env).region;
    const chain = mode === "api-key" ? undefined : this.chainFor(context.env, role, stsRegion);
    const resolved = await resolveCredential({
      sources,
      resolveSecret: context.resolveSecret,
      env: context.env,
      ...(chain !== undefined && { credentialProvider: chain.credentialProvider }),
      provider: MANTLE_PROVIDER_ID,
      clock: context.clock,
      logger: context.logger,
    });
    if (resolved.kind === "bearer") {
      const auth: RuntimeAuth = { headers: { authorization: `Bearer ${resolved.token}` }, source: resolved.source, region };
      if (resolved.expiresAt !== undefined) auth.expiresAt = resolved.expiresAt;
      return auth;
    }
    if (mode === "aws-sigv4") {
      const credentials = await resolved.credentialProvider();
      const sign = createSigV4Signer({ credentials, region, service: "bedrock-mantle", clock: context.clock });
      this.signerIdentities.set(sign, `sigv4:${credentialIdentity(credentials)}`);
      const auth: RuntimeAuth = { headers: {}, sign, source: SIGV4_SOURCE, region };
      if (credentials.expiration !== undefined) auth.expiresAt = credentials.expiration.getTime();
      return auth;
    }
    const tokenProvider = this.tokenProviderFor(context.env, context.clock, role, stsRegion);
    const minted = await tokenProvider.getToken(region);
    return { headers: { authorization: `Bearer ${minted.token}` }, expiresAt: minted.expiresAt, source: MINTED_TOKEN_SOURCE, region };
  }

  /** After a 401: drop the minted token for the region so the next `prepare` mints anew. */
  invalidate(env: Env, region: string): void {
    // Every chain of this environment (with or without a role): a 401 says the token is bad, whichever minted it.
    const prefix = `${envKey(env)}\0`;
    for (const [key, chain] of this.chains) if (key.startsWith(prefix)) chain.tokenProvider?.invalidate(region);
  }

  /** A stable, non-secret identity of an auth for cache keys (a hash of the token, never the token). */
  identityOf(auth: RuntimeAuth): string {
    if (auth.sign !== undefined) return this.signerIdentities.get(auth.sign) ?? `sigv4:${auth.source}`;
    const authorization = auth.headers.authorization ?? auth.headers.Authorization ?? "";
    return `bearer:${createHash("sha256").update(authorization).digest("hex").slice(0, 16)}`;
  }

  private chainFor(env: Env, role: MantleAssumeRole | undefined, stsRegion: string, clock?: Clock): ChainState {
    const key = chainKey(env, role, stsRegion);
    let chain = this.chains.get(key);
    if (chain === undefined) {
      const factory = this.dependencies.credentialProviderFactory ?? ((chainEnv: Env) => createDefaultCredentialProvider({ env: chainEnv }));
      const base = factory(env);
      // One role session per (chain identity, role): SigV4, minted tokens and discovery all share it.
      const credentialProvider =
        role === undefined
          ? base
          : createAssumeRoleProvider({ ...role, sourceCredentials: base, env, region: stsRegion, ...(clock !== undefined && { clock }) });
      chain = { credentialProvider };
      this.chains.set(key, chain);
    }
    return chain;
  }

  private tokenProviderFor(env: Env, clock: Clock, role: MantleAssumeRole | undefined, stsRegion: string): BedrockTokenProvider {
    const chain = this.chainFor(env, role, stsRegion, clock);
    if (chain.tokenProvider === undefined) {
      const factory = this.dependencies.tokenProviderFactory ?? createBedrockTokenProvider;
      chain.tokenProvider = factory({ credentialProvider: chain.credentialProvider, clock, provider: MANTLE_PROVIDER_ID });
    }
    return chain.tokenProvider;
  }
}

function chainKey(env: Env, role: MantleAssumeRole | undefined, stsRegion: string): string {
  const roleKey = role === undefined ? "" : JSON.stringify([role.roleArn, role.externalId, role.sessionName, role.durationSeconds, role.stsEndpoint]);
  return [envKey(env), roleKey, role === undefined ? "" : stsRegion].join("\0");
}

function envKey(env: Env): string {
  return CHAIN_ENV_KEYS.map((name) => env[name]?.trim() ?? "").join("\0");
}

/** How an auth was obtained, for 401 hints. */
export function credentialKindOf(auth: Pick<RuntimeAuth, "source" | "sign">): MantleCredentialKind {
  if (auth.sign !== undefined || auth.source === SIGV4_SOURCE) return "sigv4";
  if (auth.source === MINTED_TOKEN_SOURCE) return "minted-token";
  return "api-key";
}

/** Describe the configured key reference without its value. */
export function describeApiKeySource(config: Pick<MantleConfig, "apiKey">): string {
  return describeSecretRef(config.apiKey);
}
