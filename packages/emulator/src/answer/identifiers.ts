import { createHmac, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** `prefix` + `length` random base62 characters (ids such as `toolu_bdrk_…`, `chatcmpl-…`). */
export function randomId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let id = prefix;
  for (const byte of bytes) id += BASE62[byte % BASE62.length];
  return id;
}

/** An AWS request id (UUID). */
export function awsRequestId(): string {
  return randomUUID();
}

/**
 * Signs thinking text the way a client can only replay, never forge: an HMAC with a per-emulator
 * secret, stretched to the few hundred base64 characters real signatures have.
 */
export class ThinkingSigner {
  private readonly secret = randomBytes(32);

  /** The signature for `thinking`. */
  sign(thinking: string): string {
    const blocks: Buffer[] = [];
    let previous = createHmac("sha256", this.secret).update(thinking).digest();
    blocks.push(previous);
    for (let index = 0; index < 5; index += 1) {
      previous = createHmac("sha256", this.secret).update(previous).digest();
      blocks.push(previous);
    }
    return Buffer.concat(blocks).toString("base64");
  }

  /** True when `signature` is what {@link sign} gives for `thinking`. */
  verify(thinking: string, signature: unknown): boolean {
    if (typeof signature !== "string") return false;
    const expected = Buffer.from(this.sign(thinking));
    const actual = Buffer.from(signature);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}
