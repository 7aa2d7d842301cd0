import crypto from "node:crypto";

/** `AWS4-HMAC-SHA256`, the only algorithm these signers produce. */
export const SIGV4_ALGORITHM = "AWS4-HMAC-SHA256";

/** SHA-256 of the empty string: the payload hash of a request without a body. */
export const EMPTY_PAYLOAD_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

// crypto.hash (Node >= 20.12) is a one-shot digest without the Hash object; ~2x faster on small inputs.
const oneShotHash = (crypto as { hash?: (algorithm: string, data: string | Uint8Array, encoding: "hex") => string }).hash;

/** Hex SHA-256 of a string (UTF-8) or bytes. */
export function sha256Hex(data: string | Uint8Array): string {
  if (oneShotHash !== undefined) return oneShotHash("sha256", data, "hex");
  return crypto.createHash("sha256").update(data).digest("hex");
}

/** HMAC-SHA256 as raw bytes. */
export function hmac(key: crypto.BinaryLike, data: string): Buffer {
  return crypto.createHmac("sha256", key).update(data).digest();
}

/** HMAC-SHA256 as hex. */
export function hmacHex(key: crypto.BinaryLike, data: string): string {
  return crypto.createHmac("sha256", key).update(data).digest("hex");
}

/** The SigV4 signing key for one day, region and service (four chained HMACs; callers cache it). */
export function deriveSigningKey(secretAccessKey: string, day: string, region: string, service: string): Buffer {
  const dateKey = hmac(`AWS4${secretAccessKey}`, day);
  const regionKey = hmac(dateKey, region);
  const serviceKey = hmac(regionKey, service);
  return hmac(serviceKey, "aws4_request");
}

/**
 * HMAC-SHA256 with a fixed key, for short ASCII messages (a string to sign), as hex. It hashes the
 * precomputed key pads with one-shot `crypto.hash` over reused buffers: about 40% cheaper than
 * `createHmac` per call, which matters on the per-request signing path. Longer or non-ASCII
 * messages go through `createHmac`.
 */
export function createFixedKeyHmac(key: Buffer): (message: string) => string {
  if (oneShotHash === undefined || key.length > 64) return (message) => hmacHex(key, message);
  const hash = oneShotHash as (algorithm: string, data: Uint8Array, encoding: "hex") => string;
  const inner = Buffer.alloc(64 + 448, 0x36);
  const outer = Buffer.alloc(64 + 32, 0x5c);
  for (let index = 0; index < key.length; index += 1) {
    inner[index] = (inner[index] ?? 0) ^ (key[index] ?? 0);
    outer[index] = (outer[index] ?? 0) ^ (key[index] ?? 0);
  }
  return (message) => {
    if (message.length > 448 || !ASCII.test(message)) return hmacHex(key, message);
    const length = inner.write(message, 64, "latin1");
    outer.write(hash("sha256", inner.subarray(0, 64 + length), "hex"), 64, "hex");
    return hash("sha256", outer, "hex");
  };
}

const ASCII = /^[\x00-\x7f]*$/;

/** The string to sign for a canonical request. */
export function stringToSign(amzDate: string, scope: string, canonicalRequest: string): string {
  return `${SIGV4_ALGORITHM}\n${amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
}
