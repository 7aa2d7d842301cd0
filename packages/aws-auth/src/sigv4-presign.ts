import type { AwsCredentials } from "./aws-credentials.js";
import { canonicalPath, canonicalQuery, escapeUri, readWireUrl } from "./sigv4-canonical.js";
import { deriveSigningKey, EMPTY_PAYLOAD_HASH, hmacHex, SIGV4_ALGORITHM, stringToSign } from "./sigv4-signing-key.js";

/** The longest lifetime SigV4 allows for a presigned URL (7 days). */
export const MAX_PRESIGN_SECONDS = 7 * 24 * 3600;

/** Options of {@link presignUrl}. */
export interface PresignOptions {
  /** HTTP method the URL will be used with. */
  method: string;
  /** The URL to presign (its own query parameters are kept and signed). */
  url: string;
  /** Credentials to sign with. */
  credentials: AwsCredentials;
  /** Signing region. */
  region: string;
  /** Signing service. */
  service: string;
  /** Signing time, `YYYYMMDDTHHMMSSZ` (see `amzDate`). */
  amzDate: string;
  /** Lifetime in seconds (`X-Amz-Expires`), at most 7 days. */
  expiresInSeconds: number;
}

/**
 * SigV4 query presigning with only `host` signed and the empty payload hash, the form AWS's
 * Bedrock token generator produces. The result lists the query parameters sorted by name, the
 * session token before the signature is computed (so it is signed), and the signature in its
 * sorted place, as the AWS SDK's URL formatter writes them.
 */
export function presignUrl(options: PresignOptions): string {
  if (!(options.expiresInSeconds > 0 && options.expiresInSeconds <= MAX_PRESIGN_SECONDS)) {
    throw new RangeError(`expiresInSeconds must be in (0, ${MAX_PRESIGN_SECONDS}]`);
  }
  const wire = readWireUrl(options.url);
  const day = options.amzDate.slice(0, 8);
  const scope = `${day}/${options.region}/${options.service}/aws4_request`;
  const added: Array<[string, string]> = [
    ["X-Amz-Algorithm", SIGV4_ALGORITHM],
    ["X-Amz-Credential", `${options.credentials.accessKeyId}/${scope}`],
    ["X-Amz-Date", options.amzDate],
    ["X-Amz-Expires", String(options.expiresInSeconds)],
    ["X-Amz-SignedHeaders", "host"],
  ];
  if (options.credentials.sessionToken !== undefined) added.push(["X-Amz-Security-Token", options.credentials.sessionToken]);
  const extra = added.map(([name, value]) => `${name}=${escapeUri(value)}`).join("&");
  const query = canonicalQuery(wire.query.length > 0 ? `${wire.query}&${extra}` : extra);
  const canonicalRequest = `${options.method}\n${canonicalPath(wire.path)}\n${query}\nhost:${wire.host}\n\nhost\n${EMPTY_PAYLOAD_HASH}`;
  const signingKey = deriveSigningKey(options.credentials.secretAccessKey, day, options.region, options.service);
  const signature = hmacHex(signingKey, stringToSign(options.amzDate, scope, canonicalRequest));
  // The URL lists the canonical (sorted, strictly encoded) parameters with the signature in its place.
  const parts = query.split("&");
  parts.push(`X-Amz-Signature=${signature}`);
  parts.sort(byParameterName);
  return `${schemeOf(options.url)}://${wire.host}${wire.path}?${parts.join("&")}`;
}

function byParameterName(left: string, right: string): number {
  const leftName = left.slice(0, left.indexOf("="));
  const rightName = right.slice(0, right.indexOf("="));
  if (leftName !== rightName) return leftName < rightName ? -1 : 1;
  return left < right ? -1 : left > right ? 1 : 0;
}

function schemeOf(url: string): string {
  return url.slice(0, url.indexOf("://")).toLowerCase();
}
