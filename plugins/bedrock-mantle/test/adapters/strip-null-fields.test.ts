import { describe, expect, it } from "vitest";
import { stripNullFields } from "../../src/adapters/strip-null-fields.js";
import { seededRandom } from "./fake-mantle-transport.js";

const OPAQUE_KEYS = new Set(["input", "input_schema", "schema"]);

/** The deep copy stripNullFields used to make every time: what it must still serialise to. */
function referenceStrip(value: unknown): unknown {
  if (Array.isArray(value)) return value.filter((element) => element !== null && element !== undefined).map(referenceStrip);
  if (typeof value !== "object" || value === null) return value;
  const copy: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) {
    if (field === null || field === undefined) continue;
    copy[key] = OPAQUE_KEYS.has(key) ? field : referenceStrip(field);
  }
  return copy;
}

const KEYS = ["a", "b", "input", "schema", "text", "content"];

function randomJson(random: () => number, depth: number): unknown {
  const pick = random();
  if (depth <= 0 || pick < 0.3) return [null, undefined, 0, "x", true][Math.floor(random() * 5)];
  const size = Math.floor(random() * 4);
  if (pick < 0.6) return Array.from({ length: size }, () => randomJson(random, depth - 1));
  const record: Record<string, unknown> = {};
  for (let index = 0; index < size; index++) record[KEYS[Math.floor(random() * KEYS.length)]!] = randomJson(random, depth - 1);
  return record;
}

describe("stripNullFields", () => {
  it("serialises as the old deep copy did, for random nested values with nulls (seeded)", () => {
    const random = seededRandom(1454);
    for (let round = 0; round < 2000; round++) {
      const value = randomJson(random, 4);
      const before = JSON.stringify(value);
      expect(JSON.stringify(stripNullFields(value)), before).toBe(JSON.stringify(referenceStrip(value)));
      // The input is never changed.
      expect(JSON.stringify(value)).toBe(before);
    }
  });

  it("returns a value with nothing to strip as it is, and copies only what holds a null", () => {
    const clean = { messages: [{ role: "user", content: [{ type: "text", text: "hi" }] }], max_tokens: 5 };
    expect(stripNullFields(clean)).toBe(clean);
    const mixed = { keep: { a: 1 }, drop: { b: null } };
    const stripped = stripNullFields(mixed) as typeof mixed;
    expect(stripped).not.toBe(mixed);
    expect(stripped.keep).toBe(mixed.keep);
    expect(stripped.drop).toEqual({});
    expect(mixed.drop).toEqual({ b: null });
  });

  it("still copies what is not a plain object, as the deep copy did", () => {
    const date = new Date(0);
    expect(JSON.stringify(stripNullFields({ when: date }))).toBe(JSON.stringify(referenceStrip({ when: date })));
  });
});
