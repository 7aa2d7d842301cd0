import type { Clock, Env } from "@bedrock-kit/plugin-host";
import { nonBlank } from "./aws-credential-chain.js";
import type { AwsCredentialProvider, AwsCredentials } from "./aws-credentials.js";
import { memoizeCredentialProvider } from "./memoize-credentials.js";

/** The part of `@aws-sdk/credential-providers` this module uses. */
export interface CredentialProvidersModule {
  fromTemporaryCredentials(options: {
    params: { RoleArn: string; RoleSessionName?: string; DurationSeconds?: number };
    masterCredentials?: () => Promise<AwsCredentials>;
    clientConfig?: { region?: string };
  }): () => Promise<AwsCredentials>;
}

/** Options of {@link createAssumeRoleProvider}. */
export interface AssumeRoleProviderOptions {
  /** The role to assume. */
  roleArn: string;
  /** The credentials that assume it (the default chain, or injected). */
  sourceCredentials: AwsCredentialProvider;
  /** Environment: `AWS_REGION` / `AWS_DEFAULT_REGION` pick the regional STS endpoint. */
  env: Env;
  /** Session name recorded in CloudTrail; default `bedrock-kit-<time>`. */
  sessionName?: string;
  /** Time source for the cache. */
  clock?: Clock;
  /** Loads `@aws-sdk/credential-providers` (lazily; tests inject it). */
  loadCredentialProviders?: () => Promise<CredentialProvidersModule>;
}

const loadProviders = async (): Promise<CredentialProvidersModule> =>
  (await import("@aws-sdk/credential-providers")) as unknown as CredentialProvidersModule;

/**
 * Credentials of an assumed role (STS AssumeRole through the AWS SDK's `fromTemporaryCredentials`,
 * imported on first use), remembered until 5 minutes before they expire.
 */
export function createAssumeRoleProvider(options: AssumeRoleProviderOptions): AwsCredentialProvider {
  const clock = options.clock ?? { now: () => Date.now() };
  const load = options.loadCredentialProviders ?? loadProviders;
  const region = nonBlank(options.env.AWS_REGION) ?? nonBlank(options.env.AWS_DEFAULT_REGION) ?? "us-east-1";
  let assumed: Promise<() => Promise<AwsCredentials>> | undefined;
  const provider: AwsCredentialProvider = async () => {
    assumed ??= load().then((module) =>
      module.fromTemporaryCredentials({
        params: { RoleArn: options.roleArn, RoleSessionName: options.sessionName ?? `bedrock-kit-${clock.now()}` },
        masterCredentials: options.sourceCredentials,
        clientConfig: { region },
      }),
    );
    let assume: () => Promise<AwsCredentials>;
    try {
      assume = await assumed;
    } catch (error) {
      assumed = undefined; // a failed import is retried on the next call
      throw error;
    }
    const credentials = await assume();
    return {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      ...(credentials.sessionToken ? { sessionToken: credentials.sessionToken } : {}),
      ...(credentials.expiration instanceof Date ? { expiration: credentials.expiration } : {}),
    };
  };
  return memoizeCredentialProvider(provider, clock, 5 * 60_000);
}
