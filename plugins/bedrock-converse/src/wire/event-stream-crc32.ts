import * as zlib from "node:zlib";

/** CRC-32 (IEEE, the one the AWS event-stream framing uses), continuing from `initial` when given. */
export type Crc32 = (data: Uint8Array, initial?: number) => number;

/**
 * CRC-32 computed with a lookup table, for Node versions before 20.15 that lack `zlib.crc32`.
 * Exported so a test can prove it agrees with the native one.
 */
export function tableCrc32(data: Uint8Array, initial = 0): number {
  return tableCrc32Range(data, 0, data.length, initial);
}

/**
 * CRC-32 of `data[start, end)` with the lookup table. For a few bytes (an event-stream prelude)
 * this beats the native call, which needs a `subarray` view allocated first.
 */
export function tableCrc32Range(data: Uint8Array, start: number, end: number, initial = 0): number {
  const table = crcTable();
  let crc = ~initial >>> 0;
  for (let index = start; index < end; index += 1) {
    crc = (table[(crc ^ data[index]!) & 0xff]! ^ (crc >>> 8)) >>> 0;
  }
  return ~crc >>> 0;
}

let table: Uint32Array | undefined;

function crcTable(): Uint32Array {
  if (table !== undefined) return table;
  const built = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte += 1) {
    let value = byte;
    for (let bit = 0; bit < 8; bit += 1) value = value & 1 ? 0xedb88320 ^ (value >>> 1) : value >>> 1;
    built[byte] = value >>> 0;
  }
  table = built;
  return built;
}

// A namespace import, because a named import of a missing export fails at link time on old Node.
const nativeCrc32 = (zlib as unknown as { crc32?: Crc32 }).crc32;

/** `zlib.crc32` (native, Node >= 20.15) when present, else {@link tableCrc32}. */
export const crc32: Crc32 = typeof nativeCrc32 === "function" ? nativeCrc32 : tableCrc32;
