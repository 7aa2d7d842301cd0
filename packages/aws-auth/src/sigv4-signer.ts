import type { Clock, SignableRequest } from "@bedrock-kit/plugin-host";
import type { AwsCredentials } from "./aws-credentials.js";
import { amzDate, canonicalHeaderValue, canonicalPath, canonicalQuery, readWireUrl, UNSIGNED_HEADERS, type WireUrl } from "./sigv4-canonical.js";
import { createFixedKeyHmac, deriveSigningKey, EMPTY_PAYLOAD_HASH, SIGV4_ALGORITHM, sha256Hex, stringToSign } from "./sigv4-signing-key.js";

/** Options of {@link createSigV4Signer}. */
export interface SigV4SignerOptions {
  /** The credentials to sign with (a signer is bound to one set; make a new one when they rotate). */
  credentials: AwsCredentials;
  /** Signing region. */
  region: string;
  /** Signing service: `bedrock` (runtime, control plane) or `bedrock-mantle`. */
  service: "bedrock" | "bedrock-mantle" | (string & {});
  /** Time source for `x-amz-date`. */
  clock: Clock;
  /**
   * Add and sign `x-amz-content-sha256` (default true, as the AWS SDKs do). Off reproduces the
   * AWS SigV4 test suite, whose requests do not carry it.
   */
  applyChecksum?: boolean;
}

/** Signs one request; returns the headers to add. */
export type SigV4Signer = (request: SignableRequest) => Record<string, string>;

/**
 * A SigV4 header signer (hand-rolled on node:crypto, see docs/adr/0100-hand-rolled-sigv4-signer.md).
 * It signs the exact request: method, the URL as node:http sends it (path double-encoded as
 * services other than S3 expect, query canonicalised), every header but hop-by-hop ones, and the
 * body bytes. It returns `authorization`, `x-amz-date`, `x-amz-content-sha256` (unless the request
 * already has one, or `applyChecksum` is off) and `x-amz-security-token` for temporary credentials.
 * The signing key is derived once per day (the region and service are fixed per signer).
 */
export function createSigV4Signer(options: SigV4SignerOptions): SigV4Signer {
  const signWire = createWireSigner(options);
  // The same URL is signed again and again (one model, one path): remember the last split.
  let lastUrl = "";
  let lastWire: WireUrl = { host: "", path: "/", query: "" };
  return (request) => {
    if (request.url !== lastUrl) {
      lastWire = readWireUrl(request.url);
      lastUrl = request.url;
    }
    return signWire(lastWire, request);
  };
}

/** A request as the wire-level signer sees it: everything but the URL, which arrives split. */
export type WireSignableRequest = Omit<SignableRequest, "url" | "method"> & { method: string };

/**
 * The signer over a URL already split into its wire parts. {@link createSigV4Signer} feeds it what
 * node:http sends; tests feed it raw request lines (the AWS suite's `GET /ሴ`, which node would
 * percent-encode before sending).
 */
export function createWireSigner(options: SigV4SignerOptions): (wire: WireUrl, request: WireSignableRequest) => Record<string, string> {
  const { credentials, region, service, clock } = options;
  const applyChecksum = options.applyChecksum ?? true;
  const sessionToken = credentials.sessionToken;
  const scopeTail = `/${region}/${service}/aws4_request`;
  const credentialPrefix = `${SIGV4_ALGORITHM} Credential=${credentials.accessKeyId}/`;
  let keyDay = "";
  let sign: (message: string) => string = () => "";
  let lastSecond = Number.NaN;
  let lastDate = "";
  let lastPath = "";
  let lastCanonicalPath = "/";
  let lastQuery = "";
  let lastCanonicalQuery = "";

  return (wire, request) => {
    const now = clock.now();
    const second = Math.floor(now / 1000);
    if (second !== lastSecond) {
      lastSecond = second;
      lastDate = amzDate(now);
    }
    const date = lastDate;
    const day = date.slice(0, 8);
    if (day !== keyDay) {
      sign = createFixedKeyHmac(deriveSigningKey(credentials.secretAccessKey, day, region, service));
      keyDay = day;
    }
    if (wire.path !== lastPath) {
      lastCanonicalPath = canonicalPath(wire.path);
      lastPath = wire.path;
    }
    if (wire.query !== lastQuery) {
      lastCanonicalQuery = canonicalQuery(wire.query);
      lastQuery = wire.query;
    }

    const entries: Array<[string, string]> = [];
    let payloadHash: string | undefined;
    let hasHost = false;
    const headers = request.headers;
    for (const rawName in headers) {
      const value = headers[rawName];
      if (value === undefined) continue;
      const name = rawName.toLowerCase();
      if (name === "x-amz-content-sha256") payloadHash = value;
      else if (name === "host") hasHost = true;
      if (UNSIGNED_HEADERS.has(name) || name.startsWith("proxy-") || name.startsWith("sec-")) continue;
      if (name === "x-amz-security-token" && sessionToken !== undefined) continue;
      entries.push([name, canonicalHeaderValue(String(value))]);
    }
    const added: Record<string, string> = { "x-amz-date": date };
    if (!hasHost) entries.push(["host", wire.host]);
    entries.push(["x-amz-date", date]);
    if (payloadHash === undefined) {
      payloadHash = request.body === undefined ? EMPTY_PAYLOAD_HASH : sha256Hex(request.body);
      if (applyChecksum) {
        added["x-amz-content-sha256"] = payloadHash;
        entries.push(["x-amz-content-sha256", payloadHash]);
      }
    }
    if (sessionToken !== undefined) {
      added["x-amz-security-token"] = sessionToken;
      entries.push(["x-amz-security-token", sessionToken]);
    }
    entries.sort(byName);
    let canonicalHeaders = "";
    let signedHeaders = "";
    let previousName = "";
    for (const [name, value] of entries) {
      if (name === previousName) {
        // Two spellings of one header (`Content-Type`, `content-type`): node:http sends the last one.
        canonicalHeaders = `${canonicalHeaders.slice(0, canonicalHeaders.lastIndexOf(`${name}:`))}${name}:${value}\n`;
        continue;
      }
      canonicalHeaders += `${name}:${value}\n`;
      signedHeaders = signedHeaders.length === 0 ? name : `${signedHeaders};${name}`;
      previousName = name;
    }
    const canonicalRequest = `${request.method}\n${lastCanonicalPath}\n${lastCanonicalQuery}\n${canonicalHeaders}\n${signedHeaders}\n${payloadHash}`;
    const scope = day + scopeTail;
    const signature = sign(stringToSign(date, scope, canonicalRequest));
    added.authorization = `${credentialPrefix}${scope}, SignedHeaders=${signedHeaders}, Signature=${signature}`;
    return added;
  };
}

function byName(left: [string, string], right: [string, string]): number {
  return left[0] < right[0] ? -1 : left[0] > right[0] ? 1 : 0;
}
