import { describe, expect, it } from "vitest";
import { deferStream } from "../src/lazy-provider-support.js";

// The first stream of a lazily loaded provider (docs/adr/0910-lazy-plugin-entry.md).

function recordingSource(values: number[]) {
  const log: string[] = [];
  async function* generate(): AsyncGenerator<number> {
    log.push("started");
    try {
      for (const value of values) yield value;
    } finally {
      log.push("closed");
    }
  }
  let opens = 0;
  const open = async (): Promise<AsyncIterable<number>> => {
    opens += 1;
    return generate();
  };
  return { open, log, openCount: () => opens };
}

describe("deferStream", () => {
  it("opens the source on the first read and yields exactly its values", async () => {
    const source = recordingSource([1, 2, 3]);
    const stream = deferStream(source.open);
    expect(source.openCount()).toBe(0);
    const values: number[] = [];
    for await (const value of stream) values.push(value);
    expect(values).toEqual([1, 2, 3]);
    expect(source.openCount()).toBe(1);
    expect(source.log).toEqual(["started", "closed"]);
  });

  it("closes the source when the reader stops early", async () => {
    const source = recordingSource([1, 2, 3]);
    for await (const value of deferStream(source.open)) if (value === 1) break;
    expect(source.log).toEqual(["started", "closed"]);
  });

  it("never opens the source when closed before the first read", async () => {
    const source = recordingSource([1]);
    const iterator = deferStream(source.open)[Symbol.asyncIterator]();
    await iterator.return?.();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(source.openCount()).toBe(0);
  });

  it("does not start the source when closed while it was opening", async () => {
    const source = recordingSource([1]);
    const iterator = deferStream(source.open)[Symbol.asyncIterator]();
    const first = iterator.next();
    await iterator.return?.();
    expect(await first).toEqual({ done: true, value: undefined });
    expect(source.log).toEqual([]);
  });

  it("rejects the first read when the source cannot be opened", async () => {
    const iterator = deferStream<number>(() => Promise.reject(new Error("no implementation")))[Symbol.asyncIterator]();
    await expect(iterator.next()).rejects.toThrow("no implementation");
  });

  it("hands a source's failure to the reader unchanged", async () => {
    async function* failing(): AsyncGenerator<number> {
      yield 1;
      throw new Error("wire broke");
    }
    const iterator = deferStream(async () => failing())[Symbol.asyncIterator]();
    expect(await iterator.next()).toEqual({ done: false, value: 1 });
    await expect(iterator.next()).rejects.toThrow("wire broke");
  });
});
