import {
  BedrockKitError,
  describeSecretRef,
  redactSecrets,
  type Clock,
  type Env,
  type Logger,
  type SecretRef,
  type SecretResolver,
} from "@bedrock-kit/plugin-host";
import { credentialChainError, describeChainFailure, expiredKeyError, isNoCredentialsFailure, missingCredentialError } from "./auth-errors.js";
import { createDefaultCredentialProvider, type CredentialChainModule } from "./aws-credential-chain.js";
import type { AwsCredentialProvider } from "./aws-credentials.js";
import { createAssumeRoleProvider, type AssumeRoleSettings, type CredentialProvidersModule } from "./assume-role-provider.js";
import { parseBedrockToken } from "./bedrock-token-minting.js";

/** Source names accepted: "env:NAME", "file:PATH", {source,id} objects, "aws-sigv4" | "aws_sigv4" | "aws-sdk". */
export type CredentialSourceName = string | { source: "env" | "file"; id: string };

/** The spellings of the AWS default credential chain source (users bring each from other tools). */
export const AWS_CHAIN_SOURCE_NAMES: readonly string[] = ["aws-sigv4", "aws_sigv4", "aws-sdk"];

/** The default order: the shared Bedrock API key, its common alias, then the AWS default chain. */
export const DEFAULT_CREDENTIAL_SOURCES: readonly CredentialSourceName[] = ["env:AWS_BEARER_TOKEN_BEDROCK", "env:BEDROCK_API_KEY", "aws-sigv4"];

/** The winning credential. `source` names it as config does; never contains the secret. */
export type ResolvedCredential =
  | {
      kind: "bearer";
      /** The API key, sent as `Authorization: Bearer <token>`. */
      token: string;
      /** Where it came from (`env:AWS_BEARER_TOKEN_BEDROCK`, `file:/run/secrets/key`, `inline value`). */
      source: string;
      /** When a short-term key (`bedrock-api-key-…`) stops working (ms since epoch); unset for long-term keys. */
      expiresAt?: number;
    }
  | {
      kind: "aws";
      /** Resolves the (refreshing) AWS credentials; confirmed to yield credentials once. */
      credentialProvider: AwsCredentialProvider;
      /** Always `aws-sigv4`, whichever spelling the config used. */
      source: "aws-sigv4";
    };

/** Options of {@link resolveCredential}. */
export interface ResolveCredentialOptions {
  /** Sources in order; default {@link DEFAULT_CREDENTIAL_SOURCES}. */
  sources?: readonly CredentialSourceName[];
  /** The host's secret resolver (`env:`, `file:`, object forms). */
  resolveSecret: SecretResolver;
  /** Environment (for the AWS chain: static keys, AWS_PROFILE, file locations). */
  env: Env;
  /** AWS credentials for `aws-sigv4` (tests and hosts inject); default: the lazy Node chain. */
  credentialProvider?: AwsCredentialProvider;
  /** Assume this role with the chain's (or injected) credentials; the assumed role's credentials are used. */
  roleArn?: string;
  /** Assume this role (with external id, session name, duration, STS endpoint); wins over `roleArn`. */
  assumeRole?: AssumeRoleSettings;
  /** Region of the STS endpoint for the role; default from `env`. */
  stsRegion?: string;
  /** Provider id for error messages. */
  provider?: string;
  /** Time source for expiry checks; default the system clock. */
  clock?: Clock;
  /** Receives the AWS chain's diagnostics (debug level). */
  logger?: Logger;
  /** Loads `@aws-sdk/credential-provider-node` (tests inject it to prove it is not loaded). */
  loadChain?: () => Promise<CredentialChainModule>;
  /** Loads `@aws-sdk/credential-providers` for `roleArn` (tests inject it). */
  loadCredentialProviders?: () => Promise<CredentialProvidersModule>;
}

type ParsedSource = { kind: "aws-chain" } | { kind: "secret"; ref: SecretRef; description: string };

const SYSTEM_CLOCK: Clock = { now: () => Date.now() };

/**
 * Try the sources in order and return the first that yields a credential. Blank or whitespace
 * values count as unset. For `aws-sigv4` the chain (injected, or the lazily imported Node chain)
 * is called once to confirm it yields credentials, and kept. Throws `auth` when nothing yields a
 * credential (listing every source tried and what to set), when a key has expired ("regenerate
 * the key"), or when the AWS chain fails (its reason in the hint, the error as `cause`); `config`
 * for an unknown source name.
 */
export async function resolveCredential(options: ResolveCredentialOptions): Promise<ResolvedCredential> {
  const sources = options.sources ?? DEFAULT_CREDENTIAL_SOURCES;
  const clock = options.clock ?? SYSTEM_CLOCK;
  const tried: string[] = [];
  const reasons: string[] = [];
  let chainFailure: unknown;

  for (const source of sources) {
    const parsed = parseCredentialSource(source, options.provider);
    if (parsed.kind === "aws-chain") {
      tried.push("aws-sigv4");
      const credentialProvider = awsProvider(options);
      try {
        const credentials = await credentialProvider();
        if (!credentials.accessKeyId || !credentials.secretAccessKey) throw new Error("the credential provider returned an empty access key id or secret");
        const expiredAt = credentials.expiration?.getTime();
        if (expiredAt !== undefined && expiredAt <= clock.now()) {
          throw expiredKeyError({ source: "aws-sigv4", expiredAt, ...(options.provider !== undefined && { provider: options.provider }) });
        }
        return { kind: "aws", credentialProvider, source: "aws-sigv4" };
      } catch (error) {
        if (BedrockKitError.isInstance(error)) throw error;
        reasons.push(isNoCredentialsFailure(error) ? "no AWS credentials found" : describeChainFailure(error));
        if (!isNoCredentialsFailure(error)) chainFailure = error;
        else chainFailure ??= error;
      }
      continue;
    }

    tried.push(parsed.description);
    const value = await options.resolveSecret(parsed.ref);
    const token = normalizeBearer(value, parsed.description, options.provider);
    if (token === undefined) {
      reasons.push("not set");
      continue;
    }
    const info = parseBedrockToken(token);
    if (info !== undefined && info.expiresAt <= clock.now()) {
      throw expiredKeyError({ source: parsed.description, expiredAt: info.expiresAt, ...(options.provider !== undefined && { provider: options.provider }) });
    }
    return { kind: "bearer", token, source: parsed.description, ...(info !== undefined && { expiresAt: info.expiresAt }) };
  }

  if (chainFailure !== undefined && !isNoCredentialsFailure(chainFailure)) {
    throw credentialChainError({ cause: chainFailure, tried, reasons, ...(options.provider !== undefined && { provider: options.provider }) });
  }
  throw missingCredentialError({ tried, reasons, ...(chainFailure !== undefined && { cause: chainFailure }), ...(options.provider !== undefined && { provider: options.provider }) });
}

/** How a source is named in `doctor` output and errors (`env:NAME`, `file:PATH`, `aws-sigv4`). */
export function describeCredentialSource(source: CredentialSourceName): string {
  if (typeof source === "string" && isAwsChainName(source)) return "aws-sigv4";
  if (typeof source === "string" && !/^(?:env|file):/.test(source)) return looksLikeKey(source) ? "inline value" : redactSecrets(source.slice(0, 60));
  return describeSecretRef(source);
}

function parseCredentialSource(source: CredentialSourceName, provider: string | undefined): ParsedSource {
  if (typeof source === "object" && source !== null && (source.source === "env" || source.source === "file") && typeof source.id === "string") {
    return { kind: "secret", ref: source, description: describeSecretRef(source) };
  }
  if (typeof source === "string") {
    const trimmed = source.trim();
    if (isAwsChainName(trimmed)) return { kind: "aws-chain" };
    if (/^(?:env|file):./.test(trimmed)) return { kind: "secret", ref: trimmed, description: describeSecretRef(trimmed) };
    // An inline key in the list: the host's resolver decides whether inline secrets are allowed.
    if (looksLikeKey(trimmed)) return { kind: "secret", ref: trimmed, description: "inline value" };
  }
  throw new BedrockKitError({
    code: "config",
    message: `Unknown credential source ${JSON.stringify(typeof source === "string" ? redactSecrets(source.slice(0, 60)) : "object")}.`,
    hint: 'Use "env:NAME", "file:PATH", { source: "env" | "file", id }, or "aws-sigv4" (also spelled "aws_sigv4" or "aws-sdk") for the AWS default credential chain.',
    ...(provider !== undefined && { provider }),
  });
}

function isAwsChainName(name: string): boolean {
  return AWS_CHAIN_SOURCE_NAMES.includes(name.toLowerCase());
}

function looksLikeKey(value: string): boolean {
  return value.startsWith("bedrock-api-key-") || /^ABSK[A-Za-z0-9+/=]{16,}$/.test(value);
}

/** The key as it must be sent: trimmed, a pasted `Bearer ` prefix dropped; `undefined` when blank. */
function normalizeBearer(value: string | undefined, description: string, provider: string | undefined): string | undefined {
  let token = value?.trim();
  if (!token) return undefined;
  if (/^bearer\s+/i.test(token)) token = token.replace(/^bearer\s+/i, "");
  if (/[\s\u0000-\u001f\u007f-\uffff]/.test(token)) {
    throw new BedrockKitError({
      code: "config",
      message: `The API key from ${description} contains spaces, line breaks or non-ASCII characters.`,
      hint: `Set ${description} to the key alone, on one line (an Amazon Bedrock API key is ASCII without spaces).`,
      ...(provider !== undefined && { provider }),
    });
  }
  return token;
}

function awsProvider(options: ResolveCredentialOptions): AwsCredentialProvider {
  const base =
    options.credentialProvider ??
    createDefaultCredentialProvider({
      env: options.env,
      ...(options.logger !== undefined && { logger: options.logger }),
      ...(options.loadChain !== undefined && { loadChain: options.loadChain }),
    });
  const settings: AssumeRoleSettings | undefined = options.assumeRole ?? (options.roleArn !== undefined ? { roleArn: options.roleArn } : undefined);
  const roleArn = settings?.roleArn.trim();
  if (!roleArn) return base;
  return createAssumeRoleProvider({
    ...settings,
    roleArn,
    sourceCredentials: base,
    env: options.env,
    ...(options.stsRegion !== undefined && { region: options.stsRegion }),
    ...(options.clock !== undefined && { clock: options.clock }),
    ...(options.loadCredentialProviders !== undefined && { loadCredentialProviders: options.loadCredentialProviders }),
  });
}
