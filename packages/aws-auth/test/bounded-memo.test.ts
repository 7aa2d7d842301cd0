import { describe, expect, it } from "vitest";
import { createBoundedMemo } from "../src/bounded-memo.js";

describe("createBoundedMemo", () => {
  it("computes a key once, remembers undefined answers too, and freezes shared object answers", () => {
    const computed: string[] = [];
    const memo = createBoundedMemo((key) => {
      computed.push(key);
      return key === "none" ? undefined : { key };
    }, 8);
    const first = memo("a");
    expect(memo("a")).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(memo("none")).toBeUndefined();
    expect(memo("none")).toBeUndefined();
    expect(computed).toEqual(["a", "none"]);
  });

  it("starts over past its limit instead of growing", () => {
    const computed: string[] = [];
    const memo = createBoundedMemo((key) => {
      computed.push(key);
      return { key };
    }, 2);
    const first = memo("a");
    memo("b");
    memo("c"); // clears
    const again = memo("a");
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
    expect(computed).toEqual(["a", "b", "c", "a"]);
  });
});
