import { describe, expect, it } from "vitest";
import type { Conversation } from "../src/answer/conversation.js";
import { splitIntoWordDeltas } from "../src/answer/conversation.js";
import { planAnswer } from "../src/answer/plan-answer.js";
import { defaultEmulatedModels } from "../src/models/default-model-table.js";

const models = defaultEmulatedModels();
const byName = (name: string) => {
  const model = models.find((candidate) => candidate.name === name);
  if (!model) throw new Error(name);
  return model;
};
const plain = byName("Mistral Large 3");
const onRequest = byName("Claude Sonnet 4.6");
const always = byName("gpt-oss-120b");
const noCache = { cacheRead: 0, cacheWrite: 0 };

function conversation(overrides: Partial<Conversation> = {}): Conversation {
  return {
    segments: [{ text: "system words here" }, { text: "the user prompt" }],
    lastTurn: { kind: "user", text: "the user prompt" },
    tools: [],
    toolChoice: { kind: "auto" },
    reasoningRequested: false,
    ...overrides,
  };
}

describe("planAnswer", () => {
  it("echoes the last user text in word deltas that join back to it", () => {
    const plan = planAnswer(conversation({ lastTurn: { kind: "user", text: "  spaced   out words " } }), plain, noCache);
    expect(plan.text).toEqual(["spaced   ", "out ", "words "]);
    expect(plan.stop).toBe("end");
    expect(plan.usage).toMatchObject({ promptWords: 6, output: 3, reasoning: 0 });
  });

  it("reasons only when the model reasons and it was asked, or always reasons", () => {
    expect(planAnswer(conversation(), onRequest, noCache).reasoning).toEqual([]);
    expect(planAnswer(conversation({ reasoningRequested: true }), onRequest, noCache).reasoning.join("")).toContain("3 words");
    expect(planAnswer(conversation(), always, noCache).reasoning.length).toBeGreaterThan(0);
    expect(planAnswer(conversation({ reasoningRequested: true }), plain, noCache).reasoning).toEqual([]);
  });

  it("calls the first tool under auto, filling its first string property with the prompt", () => {
    const plan = planAnswer(
      conversation({ tools: [{ name: "first", firstStringProperty: "query" }, { name: "second" }] }),
      plain,
      noCache,
    );
    expect(plan.stop).toBe("tool");
    expect(plan.text).toEqual([]);
    expect(plan.toolCall).toMatchObject({ name: "first", argumentsJson: '{"query":"the user prompt"}' });
    expect(plan.toolCall?.argumentChunks.join("")).toBe(plan.toolCall?.argumentsJson);
    expect(plan.toolCall?.argumentChunks.length).toBeGreaterThan(1);
  });

  it("honours a named tool choice, `any`, and `none`", () => {
    const tools = [{ name: "first" }, { name: "second", firstStringProperty: "x" }];
    expect(planAnswer(conversation({ tools, toolChoice: { kind: "tool", name: "second" } }), plain, noCache).toolCall?.name).toBe("second");
    expect(planAnswer(conversation({ tools, toolChoice: { kind: "any" } }), plain, noCache).toolCall?.argumentsJson).toBe("{}");
    expect(planAnswer(conversation({ tools, toolChoice: { kind: "none" } }), plain, noCache).toolCall).toBeUndefined();
  });

  it("answers a tool result by echoing it, even with tools still offered", () => {
    const plan = planAnswer(conversation({ tools: [{ name: "first" }], lastTurn: { kind: "tool-result", text: "result text" } }), plain, noCache);
    expect(plan.toolCall).toBeUndefined();
    expect(plan.text.join("")).toBe("result text");
  });

  it("spends the budget on reasoning first, then text, and stops with length", () => {
    const plan = planAnswer(conversation({ maxTokens: 12, lastTurn: { kind: "user", text: "a b c d e f" } }), always, noCache);
    expect(plan.reasoning.length).toBe(10);
    expect(plan.text).toEqual(["a ", "b "]);
    expect(plan.stop).toBe("length");
    const starved = planAnswer(conversation({ maxTokens: 3 }), always, noCache);
    expect(starved.reasoning.length).toBe(3);
    expect(starved.text).toEqual([]);
    expect(starved.stop).toBe("length");
  });

  it("carries the cache outcome into usage", () => {
    expect(planAnswer(conversation(), plain, { cacheRead: 3, cacheWrite: 0 }).usage).toMatchObject({ cacheRead: 3, cacheWrite: 0 });
  });
});

describe("splitIntoWordDeltas", () => {
  it("keeps trailing whitespace so deltas concatenate to the text", () => {
    const text = "one  two\nthree\tfour";
    expect(splitIntoWordDeltas(text).join("")).toBe(text);
  });
});
