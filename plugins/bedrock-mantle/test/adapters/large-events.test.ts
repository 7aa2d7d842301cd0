import { describe, expect, it } from "vitest";
import type { StreamEvent } from "@bedrock-kit/plugin-host";
import { createAnthropicMessagesStreamDecoder, createChatCompletionsStreamDecoder } from "../../src/adapters/index.js";
import { decodeChunks, splitEvery } from "./fake-mantle-transport.js";

const MIB = 1024 * 1024;

describe("large events", () => {
  it("decodes a 4 MiB single event delivered in 1460-byte pieces (does not hang)", () => {
    const text = "λ".repeat(2 * MIB); // 4 MiB of UTF-8, two bytes per character
    const body = Buffer.from(
      `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: text }, finish_reason: "stop" }] })}\n\ndata: [DONE]\n\n`,
      "utf8",
    );
    const startedAt = performance.now();
    const events = decodeChunks(createChatCompletionsStreamDecoder, splitEvery(body, 1460));
    // A generous bound: linear framing takes tens of ms; a quadratic buffer would take minutes.
    expect(performance.now() - startedAt).toBeLessThan(5_000);
    expect(events).toHaveLength(2);
    expect((events[0] as Extract<StreamEvent, { type: "text-delta" }>).text).toBe(text);
  });

  it("joins thousands of argument fragments once, at the end of the block", () => {
    const items = Array.from({ length: 5_000 }, (_, index) => index);
    const json = JSON.stringify({ items });
    const fragments = json.match(/.{1,7}/gs) ?? [];
    const lines = [
      `event: message_start\ndata: {"type":"message_start","message":{"usage":{"input_tokens":1,"output_tokens":1}}}\n\n`,
      `event: content_block_start\ndata: {"type":"content_block_start","index":0,"content_block":{"type":"tool_use","id":"toolu_1","name":"bulk","input":{}}}\n\n`,
      ...fragments.map(
        (fragment) => `event: content_block_delta\ndata: ${JSON.stringify({ type: "content_block_delta", index: 0, delta: { type: "input_json_delta", partial_json: fragment } })}\n\n`,
      ),
      `event: content_block_stop\ndata: {"type":"content_block_stop","index":0}\n\n`,
      `event: message_delta\ndata: {"type":"message_delta","delta":{"stop_reason":"tool_use"},"usage":{"output_tokens":5}}\n\n`,
      `event: message_stop\ndata: {"type":"message_stop"}\n\n`,
    ];
    const events = decodeChunks(createAnthropicMessagesStreamDecoder, splitEvery(Buffer.from(lines.join(""), "utf8"), 16 * 1024));
    const deltas = events.filter((event) => event.type === "tool-call-delta");
    expect(deltas).toHaveLength(fragments.length);
    const call = events.find((event) => event.type === "tool-call") as Extract<StreamEvent, { type: "tool-call" }>;
    expect(call.arguments).toEqual({ items });
    expect(events.at(-1)).toMatchObject({ type: "finish", reason: "tool-calls" });
  });
});
