import {
  createAssumeRoleProvider,
  createDefaultCredentialProvider,
  createSigV4Signer,
  credentialIdentity,
  resolveCredential,
  type AwsCredentialProvider,
  type AwsCredentials,
} from "@bedrock-kit/aws-auth";
import type { Env, RuntimeAuth, RuntimeAuthContext, SignableRequest } from "@bedrock-kit/plugin-host";
import { CONVERSE_PROVIDER_ID } from "./classify-converse-error.js";
import type { ConverseConfig } from "./converse-config-schema.js";
import { callRegionFor, resolveConverseEndpoints } from "./converse-endpoints.js";

/** Builds the AWS credential chain for the `aws-sigv4` source (tests inject static credentials). */
export type CredentialProviderFactory = (options: { env: Env; region: string }) => AwsCredentialProvider;

/** The SigV4 service name of both the Bedrock runtime and the control plane. */
export const BEDROCK_SIGNING_SERVICE = "bedrock";

/**
 * Remembers which credential identity (access key id + hash, never a secret) stands behind a
 * signer, so discovery can cache per identity without `RuntimeAuth` carrying credentials.
 */
export type SignerIdentities = WeakMap<(request: SignableRequest) => Record<string, string>, string>;

/** Defer the factory until the chain is really needed: a bearer key must never load it. */
function lazyCredentialProvider(factory: CredentialProviderFactory, env: Env, region: string): AwsCredentialProvider {
  let provider: AwsCredentialProvider | undefined;
  return () => {
    provider ??= factory({ env, region });
    return provider();
  };
}

/** The role sessions of one provider instance, one per (environment identity, role, STS region). */
export type RoleSessions = Map<string, AwsCredentialProvider>;

// What selects a different identity in the default chain (the role session is kept per combination).
const CHAIN_ENV_KEYS = ["AWS_PROFILE", "AWS_ACCESS_KEY_ID", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_CONFIG_FILE", "AWS_SHARED_CREDENTIALS_FILE"];

/**
 * The assumed role's credentials for `auth.roleArn`: one memoized STS session per environment
 * identity and role, kept across `prepare` calls so refreshes (5 minutes before expiry) reuse it.
 */
function roleSessionFor(
  context: RuntimeAuthContext<ConverseConfig>,
  stsRegion: string,
  dependencies: { credentialProviderFactory?: CredentialProviderFactory; roleSessions?: RoleSessions },
): AwsCredentialProvider | undefined {
  const { roleArn, externalId, sessionName, durationSeconds, stsEndpoint } = context.config.auth;
  if (roleArn === undefined) return undefined;
  const key = JSON.stringify([CHAIN_ENV_KEYS.map((name) => context.env[name]?.trim() ?? ""), roleArn, externalId, sessionName, durationSeconds, stsEndpoint, stsRegion]);
  const existing = dependencies.roleSessions?.get(key);
  if (existing !== undefined) return existing;
  const factory = dependencies.credentialProviderFactory;
  const base = factory !== undefined ? lazyCredentialProvider(factory, context.env, stsRegion) : createDefaultCredentialProvider({ env: context.env, logger: context.logger });
  const session = createAssumeRoleProvider({
    roleArn,
    sourceCredentials: base,
    env: context.env,
    region: stsRegion,
    clock: context.clock,
    ...(externalId !== undefined && { externalId }),
    ...(sessionName !== undefined && { sessionName }),
    ...(durationSeconds !== undefined && { durationSeconds }),
    ...(stsEndpoint !== undefined && { stsEndpoint }),
  });
  dependencies.roleSessions?.set(key, session);
  return session;
}

/**
 * `prepareRuntimeAuth`: try the configured sources in order. A bearer key gives an
 * `authorization` header and nothing else (no credential chain, no signing); the AWS chain gives
 * a SigV4 signer for service `bedrock` in the endpoint's region, valid until the credentials expire.
 */
export async function prepareConverseRuntimeAuth(
  context: RuntimeAuthContext<ConverseConfig>,
  dependencies: { credentialProviderFactory?: CredentialProviderFactory; identities: SignerIdentities; roleSessions?: RoleSessions },
): Promise<RuntimeAuth> {
  const endpoints = resolveConverseEndpoints(context.config, context.env);
  const region = context.region ?? (context.model === undefined ? endpoints.region : callRegionFor(endpoints, context.model));
  const roleSession = roleSessionFor(context, endpoints.region, dependencies);
  const factory = dependencies.credentialProviderFactory;
  const credential = await resolveCredential({
    // A configured role always signs: a bearer key in the environment must not bypass it.
    sources: roleSession !== undefined ? ["aws-sigv4"] : context.config.auth.credentials,
    resolveSecret: context.resolveSecret,
    env: context.env,
    provider: CONVERSE_PROVIDER_ID,
    clock: context.clock,
    logger: context.logger,
    ...(roleSession !== undefined
      ? { credentialProvider: roleSession }
      : factory !== undefined && { credentialProvider: lazyCredentialProvider(factory, context.env, region) }),
  });
  if (credential.kind === "bearer") {
    const auth: RuntimeAuth = { headers: { authorization: `Bearer ${credential.token}` }, source: credential.source, region };
    // Short-term keys (`bedrock-api-key-…`) carry their expiry; long-term keys never expire here.
    if (credential.expiresAt !== undefined) auth.expiresAt = credential.expiresAt;
    return auth;
  }
  const credentials: AwsCredentials = await credential.credentialProvider();
  const sign = createSigV4Signer({ credentials, region, service: BEDROCK_SIGNING_SERVICE, clock: context.clock });
  dependencies.identities.set(sign, credentialIdentity(credentials));
  const auth: RuntimeAuth = { headers: {}, sign, source: credential.source, region };
  if (credentials.expiration !== undefined) auth.expiresAt = credentials.expiration.getTime();
  return auth;
}
