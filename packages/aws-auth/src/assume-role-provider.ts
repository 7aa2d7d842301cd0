import type { Clock, Env } from "@bedrock-kit/plugin-host";
import { nonBlank } from "./aws-credential-chain.js";
import type { AwsCredentialProvider, AwsCredentials } from "./aws-credentials.js";
import { memoizeCredentialProvider } from "./memoize-credentials.js";

/** The part of `@aws-sdk/credential-providers` this module uses. */
export interface CredentialProvidersModule {
  fromTemporaryCredentials(options: {
    params: { RoleArn: string; RoleSessionName?: string; DurationSeconds?: number; ExternalId?: string };
    masterCredentials?: () => Promise<AwsCredentials>;
    clientConfig?: { region?: string; endpoint?: string };
  }): () => Promise<AwsCredentials>;
}

/** Which role to assume and how, as a provider's config spells it. */
export interface AssumeRoleSettings {
  /** The role to assume (`arn:aws:iam::ACCOUNT:role/NAME`). */
  roleArn: string;
  /** The external id the role's trust policy requires (third-party access). */
  externalId?: string;
  /** Session name recorded in CloudTrail; default `bedrock-kit-<time>`. */
  sessionName?: string;
  /** Lifetime of the role session in seconds (STS default 3600; at most the role's maximum). */
  durationSeconds?: number;
  /** STS endpoint override (a VPC endpoint, or a local emulator in tests); default the regional STS endpoint. */
  stsEndpoint?: string;
}

/** Options of {@link createAssumeRoleProvider}. */
export interface AssumeRoleProviderOptions extends AssumeRoleSettings {
  /** The credentials that assume it (the default chain, or injected). */
  sourceCredentials: AwsCredentialProvider;
  /** Environment: `AWS_REGION` / `AWS_DEFAULT_REGION` pick the regional STS endpoint when `region` is unset. */
  env: Env;
  /** Region of the STS endpoint (and its signature); default from `env`, else `us-east-1`. */
  region?: string;
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
  const region = nonBlank(options.region) ?? nonBlank(options.env.AWS_REGION) ?? nonBlank(options.env.AWS_DEFAULT_REGION) ?? "us-east-1";
  let assumed: Promise<() => Promise<AwsCredentials>> | undefined;
  const provider: AwsCredentialProvider = async () => {
    assumed ??= load().then((module) =>
      module.fromTemporaryCredentials({
        params: {
          RoleArn: options.roleArn,
          RoleSessionName: nonBlank(options.sessionName) ?? `bedrock-kit-${clock.now()}`,
          ...(options.durationSeconds !== undefined && { DurationSeconds: options.durationSeconds }),
          ...(nonBlank(options.externalId) !== undefined && { ExternalId: nonBlank(options.externalId) as string }),
        },
        masterCredentials: options.sourceCredentials,
        clientConfig: { region, ...(nonBlank(options.stsEndpoint) !== undefined && { endpoint: nonBlank(options.stsEndpoint) as string }) },
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
