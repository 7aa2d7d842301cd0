import { BedrockKitError, type Clock } from "@bedrock-kit/plugin-host";
import { credentialChainError, isNoCredentialsFailure, missingCredentialError } from "./auth-errors.js";
import { credentialIdentity, type AwsCredentialProvider, type AwsCredentials } from "./aws-credentials.js";
import { MAX_BEDROCK_TOKEN_SECONDS, mintBedrockTokenNow, type MintBedrockTokenOptions, type MintedBedrockToken } from "./bedrock-token-minting.js";
import { memoizeCredentialProvider, refreshTime } from "./memoize-credentials.js";

/** Cached, single-flight minting per region and credential identity; refreshes `refreshMarginMs` before expiry. */
export interface BedrockTokenProvider {
  /** A valid short-term Bedrock API key for `region`, minted only when none is cached or it is about to expire. */
  getToken(region: string): Promise<{ token: string; expiresAt: number }>;
  /** Drop the region's token and the remembered credentials (after a 401), so the next call mints anew. */
  invalidate(region: string): void;
}

/** Options of {@link createBedrockTokenProvider}. */
export interface BedrockTokenProviderOptions {
  /** The IAM credentials tokens are minted from (the default chain, an assumed role, test creds). */
  credentialProvider: AwsCredentialProvider;
  /** Time source. */
  clock: Clock;
  /** Token lifetime in seconds, at most 43200 (the default). */
  expiresInSeconds?: number;
  /** Refresh this long before a token (or its credentials) expires; default 5 minutes, capped at half the lifetime. */
  refreshMarginMs?: number;
  /** Provider id for error messages. */
  provider?: string;
  /** The minting function; default {@link mintBedrockTokenNow} (tests wrap it to count mints). */
  mintToken?: (options: MintBedrockTokenOptions) => MintedBedrockToken;
}

interface CachedToken {
  token: string;
  expiresAt: number;
  refreshAt: number;
}

const DEFAULT_REFRESH_MARGIN_MS = 5 * 60_000;

/**
 * Short-term Bedrock API keys minted from IAM credentials, one per region and credential
 * identity. Concurrent callers share one mint; a token is reused until `refreshMarginMs` before
 * the earlier of its own expiry and its credentials' expiration (the margin is capped at half the
 * lifetime, so short-lived credentials do not mint on every call).
 */
export function createBedrockTokenProvider(options: BedrockTokenProviderOptions): BedrockTokenProvider {
  const clock = options.clock;
  const marginMs = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const expiresInSeconds = options.expiresInSeconds ?? MAX_BEDROCK_TOKEN_SECONDS;
  const mint = options.mintToken ?? mintBedrockTokenNow;
  const credentials = memoizeCredentialProvider(options.credentialProvider, clock, marginMs);
  const identities = new WeakMap<AwsCredentials, string>();
  const tokens = new Map<string, CachedToken>(); // key: region \0 identity
  const inFlight = new Map<string, Promise<CachedToken>>();

  const identityOf = (resolved: AwsCredentials): string => {
    let identity = identities.get(resolved);
    if (identity === undefined) {
      identity = credentialIdentity(resolved);
      identities.set(resolved, identity);
    }
    return identity;
  };

  const mintFor = (region: string, key: string, resolved: AwsCredentials): Promise<CachedToken> => {
    const pending = Promise.resolve().then(() => {
      const mintedAt = clock.now();
      const minted = mint({ credentials: resolved, region, expiresInSeconds, now: new Date(mintedAt) });
      const entry: CachedToken = { ...minted, refreshAt: refreshTime(mintedAt, minted.expiresAt, marginMs) };
      // One token per region: a token of rotated credentials is dropped with them.
      for (const other of tokens.keys()) if (other.startsWith(`${region}\0`)) tokens.delete(other);
      if (inFlight.get(key) === pending) tokens.set(key, entry);
      return entry;
    });
    inFlight.set(key, pending);
    const forget = () => {
      if (inFlight.get(key) === pending) inFlight.delete(key);
    };
    pending.then(forget, forget);
    return pending;
  };

  return {
    async getToken(region) {
      let resolved: AwsCredentials;
      try {
        resolved = await credentials();
      } catch (error) {
        throw toAuthError(error, options.provider);
      }
      const key = `${region}\0${identityOf(resolved)}`;
      const cached = tokens.get(key);
      if (cached !== undefined && clock.now() < cached.refreshAt) return { token: cached.token, expiresAt: cached.expiresAt };
      const entry = await (inFlight.get(key) ?? mintFor(region, key, resolved));
      return { token: entry.token, expiresAt: entry.expiresAt };
    },
    invalidate(region) {
      for (const key of [...tokens.keys(), ...inFlight.keys()]) {
        if (key.startsWith(`${region}\0`)) {
          tokens.delete(key);
          inFlight.delete(key);
        }
      }
      credentials.forget();
    },
  };
}

function toAuthError(error: unknown, provider: string | undefined): BedrockKitError {
  if (BedrockKitError.isInstance(error)) return error;
  const withProvider = provider !== undefined ? { provider } : {};
  if (isNoCredentialsFailure(error)) return missingCredentialError({ tried: ["aws-sigv4"], reasons: ["no AWS credentials found"], cause: error, ...withProvider });
  return credentialChainError({ cause: error, ...withProvider });
}
