import type { Clock } from "@bedrock-kit/plugin-host";
import type { AwsCredentialProvider, AwsCredentials } from "./aws-credentials.js";

/** A credential provider that remembers its last result until shortly before it expires. */
export interface MemoizedCredentialProvider extends AwsCredentialProvider {
  /** Forget the remembered credentials (after the service rejected them). */
  forget(): void;
}

/**
 * Remember credentials until `marginMs` before their expiration (forever when they have none),
 * with one call in flight at a time. The margin is capped at half the remaining lifetime, so
 * short-lived credentials are not refetched on every call.
 */
export function memoizeCredentialProvider(provider: AwsCredentialProvider, clock: Clock, marginMs: number): MemoizedCredentialProvider {
  let current: { credentials: AwsCredentials; refreshAt: number } | undefined;
  let inFlight: Promise<AwsCredentials> | undefined;
  let generation = 0;

  const fetch = (): Promise<AwsCredentials> => {
    const startedAt = clock.now();
    const fetchGeneration = generation;
    const pending = provider().then(
      (credentials) => {
        if (fetchGeneration === generation) {
          current = { credentials, refreshAt: refreshTime(startedAt, credentials.expiration?.getTime(), marginMs) };
          inFlight = undefined;
        }
        return credentials;
      },
      (error: unknown) => {
        if (fetchGeneration === generation) inFlight = undefined;
        throw error;
      },
    );
    inFlight = pending;
    return pending;
  };

  const memoized = (() => {
    if (current !== undefined && clock.now() < current.refreshAt) return Promise.resolve(current.credentials);
    return inFlight ?? fetch();
  }) as MemoizedCredentialProvider;
  memoized.forget = () => {
    generation += 1;
    current = undefined;
    inFlight = undefined;
  };
  return memoized;
}

/** When to refresh something obtained at `obtainedAt` that expires at `expiresAt`. */
export function refreshTime(obtainedAt: number, expiresAt: number | undefined, marginMs: number): number {
  if (expiresAt === undefined) return Number.POSITIVE_INFINITY;
  const margin = Math.min(marginMs, Math.max(0, (expiresAt - obtainedAt) / 2));
  return expiresAt - margin;
}
