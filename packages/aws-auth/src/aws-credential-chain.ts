import type { Env, Logger } from "@bedrock-kit/plugin-host";
import type { AwsCredentialProvider, AwsCredentials } from "./aws-credentials.js";

/** What the credential chain returns (the AWS SDK adds fields we do not read). */
interface ChainCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** The part of `@aws-sdk/credential-provider-node` this module uses. */
export interface CredentialChainModule {
  defaultProvider(init: Record<string, unknown>): () => Promise<ChainCredentials>;
}

/** Options of {@link createDefaultCredentialProvider}. */
export interface DefaultCredentialProviderOptions {
  /** The environment to read (the host's; not necessarily `process.env`). */
  env: Env;
  /** Profile to use; default `AWS_PROFILE` from `env`, else `default`. */
  profile?: string;
  /** Where the chain's own diagnostics go (debug level). */
  logger?: Logger;
  /** Loads the chain module; default `import("@aws-sdk/credential-provider-node")`. Tests inject it. */
  loadChain?: () => Promise<CredentialChainModule>;
}

const loadNodeChain = async (): Promise<CredentialChainModule> =>
  (await import("@aws-sdk/credential-provider-node")) as unknown as CredentialChainModule;

/**
 * The AWS default credential chain for Node: static keys from the environment, then shared
 * config and credentials files (`AWS_PROFILE`, SSO profiles, `credential_process`, assumed roles),
 * web identity, and container or instance roles. `@aws-sdk/credential-provider-node` is imported
 * on the first call, never before, and only when the environment holds no static keys (those are
 * read here, from the injected `env`, so a host's env is honoured).
 *
 * The injected `env` decides: static keys, `AWS_PROFILE`, `AWS_SHARED_CREDENTIALS_FILE`,
 * `AWS_CONFIG_FILE`, the web-identity variables and `AWS_ENDPOINT_URL_STS` (for roles in profiles). The SDK reads `process.env` itself for the
 * container-credential variables, `AWS_EC2_METADATA_DISABLED` and the home directory; it cannot be
 * told otherwise (see docs/adr/0102-credential-resolution.md). A profile is always passed explicitly,
 * so the SDK never picks up static keys from `process.env` that the injected env does not have.
 */
export function createDefaultCredentialProvider(options: DefaultCredentialProviderOptions): AwsCredentialProvider {
  const env = options.env;
  const profile = nonBlank(options.profile) ?? nonBlank(env.AWS_PROFILE);
  const load = options.loadChain ?? loadNodeChain;
  let chain: Promise<() => Promise<ChainCredentials>> | undefined;

  return async () => {
    // The SDK's order: AWS_PROFILE set means the profile wins over static keys in the environment.
    if (profile === undefined) {
      const fromEnv = credentialsFromEnv(env);
      if (fromEnv !== undefined) return fromEnv;
    }
    chain ??= load().then((module) => module.defaultProvider(chainInit(env, profile ?? "default", options.logger)));
    let provider: () => Promise<ChainCredentials>;
    try {
      provider = await chain;
    } catch (error) {
      chain = undefined; // a failed import is retried on the next call
      throw error;
    }
    return normalize(await provider());
  };
}

/**
 * Static AWS keys from an environment: `AWS_ACCESS_KEY_ID` and `AWS_SECRET_ACCESS_KEY` (both
 * non-blank), with `AWS_SESSION_TOKEN` and `AWS_CREDENTIAL_EXPIRATION` when set. `undefined`
 * when the pair is incomplete.
 */
export function credentialsFromEnv(env: Env): AwsCredentials | undefined {
  const accessKeyId = nonBlank(env.AWS_ACCESS_KEY_ID);
  const secretAccessKey = nonBlank(env.AWS_SECRET_ACCESS_KEY);
  if (accessKeyId === undefined || secretAccessKey === undefined) return undefined;
  const sessionToken = nonBlank(env.AWS_SESSION_TOKEN);
  const expirationText = nonBlank(env.AWS_CREDENTIAL_EXPIRATION);
  const expiration = expirationText === undefined ? undefined : new Date(expirationText);
  return {
    accessKeyId,
    secretAccessKey,
    ...(sessionToken !== undefined && { sessionToken }),
    ...(expiration !== undefined && !Number.isNaN(expiration.getTime()) && { expiration }),
  };
}

function chainInit(env: Env, profile: string, logger: Logger | undefined): Record<string, unknown> {
  const init: Record<string, unknown> = { profile };
  const settings: Array<[string, string | undefined]> = [
    ["filepath", env.AWS_SHARED_CREDENTIALS_FILE],
    ["configFilepath", env.AWS_CONFIG_FILE],
    ["webIdentityTokenFile", env.AWS_WEB_IDENTITY_TOKEN_FILE],
    ["roleArn", env.AWS_ROLE_ARN],
    ["roleSessionName", env.AWS_ROLE_SESSION_NAME],
  ];
  for (const [name, value] of settings) {
    const setting = nonBlank(value);
    if (setting !== undefined) init[name] = setting;
  }
  // Roles in profiles (`role_arn` + `source_profile`) and web identity call STS with `init.clientConfig`.
  // The SDK reads AWS_ENDPOINT_URL_STS from process.env only; honour it (and the region) from the injected env.
  const stsEndpoint = nonBlank(env.AWS_ENDPOINT_URL_STS) ?? nonBlank(env.AWS_ENDPOINT_URL);
  const region = nonBlank(env.AWS_REGION) ?? nonBlank(env.AWS_DEFAULT_REGION);
  if (stsEndpoint !== undefined || region !== undefined) {
    init.clientConfig = { ...(stsEndpoint !== undefined && { endpoint: stsEndpoint }), ...(region !== undefined && { region }) };
  }
  // The SDK logs through `init.logger` (and falls back to console.warn without one).
  const debug = (...parts: unknown[]) => logger?.debug(parts.map(String).join(" "));
  init.logger = { debug, info: debug, warn: debug, error: debug, trace: debug };
  return init;
}

function normalize(credentials: ChainCredentials): AwsCredentials {
  return {
    accessKeyId: credentials.accessKeyId,
    secretAccessKey: credentials.secretAccessKey,
    ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
    ...(credentials.expiration instanceof Date ? { expiration: credentials.expiration } : {}),
  };
}

/** A trimmed value, or `undefined` when unset or blank. */
export function nonBlank(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
