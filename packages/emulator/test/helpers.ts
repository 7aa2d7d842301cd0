import http from "node:http";
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";

/** A raw HTTP/1.1 response, body collected. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
  text: string;
  json(): any;
}

/** Sends one request over node:http and collects the response (or rejects on a socket error). */
export function rawRequest(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const request = http.request(url, { method: options.method ?? "GET", headers: options.headers, agent: false }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("error", reject);
      response.on("end", () => {
        const body = Buffer.concat(chunks);
        const text = body.toString("utf8");
        resolve({ status: response.statusCode ?? 0, headers: response.headers, body, text, json: () => JSON.parse(text) });
      });
    });
    request.on("error", reject);
    request.end(options.body);
  });
}

/** POSTs JSON with a bearer key. */
export function postJson(url: string, bearer: string | undefined, body: unknown, headers: Record<string, string> = {}): Promise<RawResponse> {
  return rawRequest(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...headers },
    body: JSON.stringify(body),
  });
}

/** Credentials for signing in tests. */
export interface TestCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

/**
 * Signs a request with @smithy/signature-v4 exactly as an AWS client would (host, x-amz-date,
 * x-amz-content-sha256), then sends it. `tamper` may change the signed request before sending.
 */
export async function signedRequest(
  url: string,
  options: {
    method?: string;
    body?: string;
    headers?: Record<string, string>;
    service: string;
    region: string;
    credentials: TestCredentials;
    signingDate?: Date;
    tamper?: (request: { headers: Record<string, string>; body: string | undefined }) => void;
  },
): Promise<RawResponse> {
  const target = new URL(url);
  const query: Record<string, string> = {};
  for (const [name, value] of target.searchParams) query[name] = value;
  const signer = new SignatureV4({ service: options.service, region: options.region, credentials: options.credentials, sha256: Sha256 });
  const signed = await signer.sign(
    {
      method: options.method ?? "POST",
      protocol: "http:",
      hostname: target.hostname,
      port: Number(target.port),
      path: target.pathname,
      query,
      headers: { host: target.host, ...(options.headers ?? {}) },
      ...(options.body !== undefined ? { body: options.body } : {}),
    },
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  const headers = { ...(signed.headers as Record<string, string>) };
  const sent = { headers, body: options.body };
  options.tamper?.(sent);
  return rawRequest(url, { method: options.method ?? "POST", headers: sent.headers, ...(sent.body !== undefined ? { body: sent.body } : {}) });
}

/**
 * Mints a short-term Bedrock API key per facts §2.3: a SigV4 query presign of
 * `POST https://bedrock.amazonaws.com/?Action=CallWithBearerToken` for service `bedrock`, the URL
 * without its scheme plus `&Version=1`, base64, prefixed `bedrock-api-key-`.
 */
export async function mintShortTermToken(
  credentials: TestCredentials,
  region: string,
  options: { signingDate?: Date; expiresIn?: number } = {},
): Promise<string> {
  const signer = new SignatureV4({ service: "bedrock", region, credentials, sha256: Sha256 });
  const presigned = await signer.presign(
    {
      method: "POST",
      protocol: "https:",
      hostname: "bedrock.amazonaws.com",
      path: "/",
      headers: { host: "bedrock.amazonaws.com" },
      query: { Action: "CallWithBearerToken" },
    },
    { expiresIn: options.expiresIn ?? 3600, ...(options.signingDate ? { signingDate: options.signingDate } : {}) },
  );
  const query = Object.entries(presigned.query ?? {})
    .map(([name, value]) => `${encodeURIComponent(name)}=${encodeURIComponent(String(value))}`)
    .join("&");
  return `bedrock-api-key-${Buffer.from(`bedrock.amazonaws.com/?${query}&Version=1`).toString("base64")}`;
}

/** Splits an SSE body into `{event, data}` records. */
export function parseSse(text: string): { event: string | undefined; data: string }[] {
  return text
    .split("\n\n")
    .filter((block) => block.trim() !== "")
    .map((block) => {
      let event: string | undefined;
      const data: string[] = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event: ")) event = line.slice(7);
        else if (line.startsWith("data: ")) data.push(line.slice(6));
      }
      return { event, data: data.join("\n") };
    });
}

/** A clock tests can move. */
export function movableClock(): { now(): number; advance(ms: number): void } {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => (offset += ms) };
}
