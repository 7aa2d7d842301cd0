import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import type { AwsCredentials } from "../../src/aws-credentials.js";

/** The reference: sign the same wire request with @smithy/signature-v4 (what the AWS SDK uses). */
export async function smithyAuthorization(options: {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
  credentials: AwsCredentials;
  region: string;
  service: string;
  date: Date;
  applyChecksum?: boolean;
}): Promise<Record<string, string>> {
  const url = new URL(options.url);
  const query: Record<string, string | string[]> = {};
  for (const part of url.search.slice(1).split("&")) {
    if (part.length === 0) continue;
    const equals = part.indexOf("=");
    const name = decodeURIComponent(equals === -1 ? part : part.slice(0, equals));
    const value = equals === -1 ? "" : decodeURIComponent(part.slice(equals + 1));
    const previous = query[name];
    query[name] = previous === undefined ? value : Array.isArray(previous) ? [...previous, value] : [previous, value];
  }
  const signer = new SignatureV4({
    credentials: options.credentials,
    region: options.region,
    service: options.service,
    sha256: Sha256,
    applyChecksum: options.applyChecksum ?? true,
  });
  const signed = await signer.sign(
    {
      method: options.method,
      protocol: url.protocol,
      hostname: url.hostname,
      path: url.pathname,
      query,
      headers: { ...options.headers, host: url.host },
      body: options.body,
    } as never,
    { signingDate: options.date },
  );
  return (signed as unknown as { headers: Record<string, string> }).headers;
}
