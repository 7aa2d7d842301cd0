import { createHash } from "node:crypto";

/** AWS credentials, as the default chain, an assumed role or a test resolves them. */
export interface AwsCredentials {
  /** Access key id (`AKIA…` long-term, `ASIA…` temporary). */
  accessKeyId: string;
  /** Secret access key. Never logged. */
  secretAccessKey: string;
  /** Session token of temporary credentials. Never logged. */
  sessionToken?: string;
  /** When temporary credentials stop working; unset for long-term keys. */
  expiration?: Date;
}

/** Resolves AWS credentials (the default chain, an assumed role, or static test creds). */
export type AwsCredentialProvider = () => Promise<AwsCredentials>;

/**
 * A stable, non-secret identity for cache keys: the access key id and a short hash of the secret
 * and session token. Two credential sets share it only when all three are equal; it never
 * contains the secret.
 */
export function credentialIdentity(credentials: AwsCredentials): string {
  const digest = createHash("sha256")
    .update(credentials.secretAccessKey)
    .update("\0")
    .update(credentials.sessionToken ?? "")
    .digest("hex")
    .slice(0, 16);
  return `${credentials.accessKeyId}:${digest}`;
}
