import { describe, expect, it } from "vitest";
import { PEERS } from "../src/peers/peer-registry.js";
import { alternate, groupByFormat } from "../src/run-order.js";

describe("run order", () => {
  it("runs each format's peers together, its floor first, then ours, then the SDKs in registry order", () => {
    const order = groupByFormat(PEERS).map((peer) => peer.id);
    expect(order).toEqual([
      "floor-chat",
      "ours-mantle-chat",
      "openai-chat",
      "ai-sdk-mantle-chat",
      "floor-responses",
      "ours-mantle-responses",
      "openai-responses",
      "ai-sdk-mantle-responses",
      "floor-anthropic",
      "ours-mantle-anthropic",
      "anthropic-sdk",
      "floor-converse",
      "ours-converse",
      "ours-converse-sigv4",
      "aws-sdk-converse",
      "ai-sdk-converse",
    ]);
    expect(new Set(order)).toEqual(new Set(PEERS.map((peer) => peer.id)));
  });

  it("keeps ours next to its floor in the forward and the reversed round", () => {
    const grouped = groupByFormat(PEERS);
    for (const round of [0, 1]) {
      const order = alternate(grouped, round).map((peer) => peer.id);
      expect(Math.abs(order.indexOf("ours-mantle-anthropic") - order.indexOf("floor-anthropic"))).toBe(1);
      expect(Math.abs(order.indexOf("ours-converse") - order.indexOf("floor-converse"))).toBe(1);
    }
    expect(alternate(["a", "b", "c"], 1)).toEqual(["c", "b", "a"]);
    expect(alternate(["a", "b", "c"], 2)).toEqual(["a", "b", "c"]);
  });
});
