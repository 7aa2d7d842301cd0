import { describe, expect, it } from "vitest";
import {
  createAnthropicMessagesStreamDecoder,
  createChatCompletionsStreamDecoder,
  createResponsesStreamDecoder,
} from "../../src/adapters/index.js";
import { decodeChunks, plainEvents, readSseFixture } from "./fake-mantle-transport.js";

const decodeChat = (behaviour: string) => plainEvents(decodeChunks(createChatCompletionsStreamDecoder, [readSseFixture("chat-completions", behaviour)]));
const decodeResponses = (behaviour: string) => plainEvents(decodeChunks(createResponsesStreamDecoder, [readSseFixture("responses", behaviour)]));
const decodeAnthropic = (behaviour: string) =>
  plainEvents(decodeChunks(createAnthropicMessagesStreamDecoder, [readSseFixture("anthropic-messages", behaviour)]));

describe("Chat Completions fixtures", () => {
  it("plain-text", () => {
    expect(decodeChat("plain-text")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "Bonjour",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": " — café",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": " ☕ naïve 🚀",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": ".",
          "type": "text-delta",
        },
        {
          "reason": "stop",
          "type": "finish",
          "usage": {
            "cacheRead": 0,
            "cacheWrite": 0,
            "input": 14,
            "output": 9,
          },
        },
      ]
    `);
  });
  it("reasoning", () => {
    expect(decodeChat("reasoning")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "The user asks 17 × 3.",
          "type": "reasoning-delta",
        },
        {
          "index": 0,
          "text": " 17 × 3 = 51.",
          "type": "reasoning-delta",
        },
        {
          "index": 1,
          "text": "17 × 3 = ",
          "type": "text-delta",
        },
        {
          "index": 1,
          "text": "51",
          "type": "text-delta",
        },
        {
          "reason": "stop",
          "type": "finish",
          "usage": {
            "cacheRead": 0,
            "cacheWrite": 0,
            "input": 31,
            "output": 24,
          },
        },
      ]
    `);
  });
  it("parallel-tool-calls", () => {
    expect(decodeChat("parallel-tool-calls")).toMatchInlineSnapshot(`
      [
        {
          "argumentsDelta": "{"city": ",
          "id": "call_8f2b1c",
          "index": 0,
          "name": "get_weather",
          "type": "tool-call-delta",
        },
        {
          "argumentsDelta": ""Paris"}",
          "id": "call_8f2b1c",
          "index": 0,
          "name": "get_weather",
          "type": "tool-call-delta",
        },
        {
          "argumentsDelta": "{"timezone":",
          "id": "call_9a3c2d",
          "index": 1,
          "name": "get_time",
          "type": "tool-call-delta",
        },
        {
          "argumentsDelta": " "Europe/Paris"}",
          "id": "call_9a3c2d",
          "index": 1,
          "name": "get_time",
          "type": "tool-call-delta",
        },
        {
          "arguments": {
            "city": "Paris",
          },
          "id": "call_8f2b1c",
          "index": 0,
          "name": "get_weather",
          "type": "tool-call",
        },
        {
          "arguments": {
            "timezone": "Europe/Paris",
          },
          "id": "call_9a3c2d",
          "index": 1,
          "name": "get_time",
          "type": "tool-call",
        },
        {
          "reason": "tool-calls",
          "type": "finish",
          "usage": {
            "cacheRead": 128,
            "cacheWrite": 0,
            "input": 84,
            "output": 48,
          },
        },
      ]
    `);
  });
  it("structured-output", () => {
    expect(decodeChat("structured-output")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "{"name":",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": ""Ada Lovelace",",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": ""born":1815}",
          "type": "text-delta",
        },
        {
          "reason": "stop",
          "type": "finish",
          "usage": {
            "cacheRead": 0,
            "cacheWrite": 0,
            "input": 58,
            "output": 12,
          },
        },
      ]
    `);
  });
  it("length-stop", () => {
    expect(decodeChat("length-stop")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "Once upon a time, there",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": " was a",
          "type": "text-delta",
        },
        {
          "reason": "length",
          "type": "finish",
          "usage": {
            "cacheRead": 0,
            "cacheWrite": 0,
            "input": 10,
            "output": 8,
          },
        },
      ]
    `);
  });
  it("content-filter", () => {
    expect(decodeChat("content-filter")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "I can",
          "type": "text-delta",
        },
        {
          "reason": "content-filter",
          "type": "finish",
          "usage": {
            "cacheRead": 0,
            "cacheWrite": 0,
            "input": 22,
            "output": 2,
          },
        },
      ]
    `);
  });
  it("mid-stream-error", () => {
    expect(decodeChat("mid-stream-error")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "The first part",
          "type": "text-delta",
        },
        {
          "code": "unavailable",
          "message": "Upstream error: The model stream failed. Retry your request.",
          "retryable": true,
          "type": "error",
        },
      ]
    `);
  });
  it("missing-terminal-event", () => {
    expect(decodeChat("missing-terminal-event")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "Cut",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": " off",
          "type": "text-delta",
        },
        {
          "code": "stream-corrupt",
          "message": "The chat completions stream ended before \`data: [DONE]\`.",
          "retryable": true,
          "type": "error",
        },
      ]
    `);
  });
});

describe("Responses fixtures", () => {
  it("plain-text", () => {
    expect(decodeResponses("plain-text")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "Bonjour",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": " — café",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": " ☕ naïve 🚀",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": ".",
          "type": "text-delta",
        },
        {
          "reason": "stop",
          "type": "finish",
          "usage": {
            "cacheRead": 0,
            "cacheWrite": 0,
            "input": 19,
            "output": 9,
          },
        },
      ]
    `);
  });
  it("reasoning", () => {
    expect(decodeResponses("reasoning")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "**Multiplying**

      ",
          "type": "reasoning-delta",
        },
        {
          "index": 0,
          "text": "17 × 3 is 51.",
          "type": "reasoning-delta",
        },
        {
          "index": 1,
          "text": "17 × 3 = ",
          "type": "text-delta",
        },
        {
          "index": 1,
          "text": "51",
          "type": "text-delta",
        },
        {
          "reason": "stop",
          "type": "finish",
          "usage": {
            "cacheRead": 0,
            "cacheWrite": 0,
            "input": 35,
            "output": 120,
          },
        },
      ]
    `);
  });
  it("parallel-tool-calls", () => {
    expect(decodeResponses("parallel-tool-calls")).toMatchInlineSnapshot(`
      [
        {
          "argumentsDelta": "{"city":",
          "id": "call_Kq3V8sYb2mPz",
          "index": 0,
          "name": "get_weather",
          "type": "tool-call-delta",
        },
        {
          "argumentsDelta": ""Paris"}",
          "id": "call_Kq3V8sYb2mPz",
          "index": 0,
          "name": "get_weather",
          "type": "tool-call-delta",
        },
        {
          "arguments": {
            "city": "Paris",
          },
          "id": "call_Kq3V8sYb2mPz",
          "index": 0,
          "name": "get_weather",
          "type": "tool-call",
        },
        {
          "argumentsDelta": "{"timezone":"Europe",
          "id": "call_Rt7W1uXc9nQa",
          "index": 1,
          "name": "get_time",
          "type": "tool-call-delta",
        },
        {
          "argumentsDelta": "/Paris"}",
          "id": "call_Rt7W1uXc9nQa",
          "index": 1,
          "name": "get_time",
          "type": "tool-call-delta",
        },
        {
          "arguments": {
            "timezone": "Europe/Paris",
          },
          "id": "call_Rt7W1uXc9nQa",
          "index": 1,
          "name": "get_time",
          "type": "tool-call",
        },
        {
          "reason": "tool-calls",
          "type": "finish",
          "usage": {
            "cacheRead": 192,
            "cacheWrite": 0,
            "input": 48,
            "output": 52,
          },
        },
      ]
    `);
  });
  it("structured-output", () => {
    expect(decodeResponses("structured-output")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "{"name":",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": ""Ada Lovelace",",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": ""born":1815}",
          "type": "text-delta",
        },
        {
          "reason": "stop",
          "type": "finish",
          "usage": {
            "cacheRead": 0,
            "cacheWrite": 0,
            "input": 64,
            "output": 12,
          },
        },
      ]
    `);
  });
  it("length-stop", () => {
    expect(decodeResponses("length-stop")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "Once upon a time, there",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": " was a",
          "type": "text-delta",
        },
        {
          "reason": "length",
          "type": "finish",
          "usage": {
            "cacheRead": 0,
            "cacheWrite": 0,
            "input": 11,
            "output": 8,
          },
        },
      ]
    `);
  });
  it("content-filter", () => {
    expect(decodeResponses("content-filter")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "I can",
          "type": "text-delta",
        },
        {
          "reason": "content-filter",
          "type": "finish",
          "usage": {
            "cacheRead": 0,
            "cacheWrite": 0,
            "input": 23,
            "output": 2,
          },
        },
      ]
    `);
  });
  it("mid-stream-error", () => {
    expect(decodeResponses("mid-stream-error")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "The first part",
          "type": "text-delta",
        },
        {
          "code": "unavailable",
          "message": "Upstream error: The model stream failed. Retry your request.",
          "retryable": true,
          "type": "error",
        },
      ]
    `);
  });
  it("missing-terminal-event", () => {
    expect(decodeResponses("missing-terminal-event")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "Cut",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": " off",
          "type": "text-delta",
        },
        {
          "code": "stream-corrupt",
          "message": "The Responses stream ended before response.completed.",
          "retryable": true,
          "type": "error",
        },
      ]
    `);
  });
});

describe("Anthropic Messages fixtures", () => {
  it("plain-text", () => {
    expect(decodeAnthropic("plain-text")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "Bonjour",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": " — café",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": " ☕ naïve 🚀",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": ".",
          "type": "text-delta",
        },
        {
          "reason": "stop",
          "type": "finish",
          "usage": {
            "cacheRead": 0,
            "cacheWrite": 0,
            "input": 18,
            "output": 12,
          },
        },
      ]
    `);
  });
  it("reasoning", () => {
    expect(decodeAnthropic("reasoning")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "The user asks 17 × 3.",
          "type": "reasoning-delta",
        },
        {
          "index": 0,
          "text": " That is 51.",
          "type": "reasoning-delta",
        },
        {
          "index": 0,
          "signature": "EqQBCkYIBxgCKkDn3mPq8rV2sT5uW7xY9zA1bC3dE5fG7hJ9kL1mN3pQ5rS7tU9vW1xY3zA5bC7dE9fG1hJ3kL5mN7pQ9rS1tU3vEgxVZ2FsaWRTaWduYXR1cmUaDHNpZ25hdHVyZS0wMQ==",
          "text": "",
          "type": "reasoning-delta",
        },
        {
          "index": 1,
          "text": "17 × 3 = ",
          "type": "text-delta",
        },
        {
          "index": 1,
          "text": "51",
          "type": "text-delta",
        },
        {
          "reason": "stop",
          "type": "finish",
          "usage": {
            "cacheRead": 0,
            "cacheWrite": 0,
            "input": 44,
            "output": 58,
          },
        },
      ]
    `);
  });
  it("parallel-tool-calls", () => {
    expect(decodeAnthropic("parallel-tool-calls")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "I'll check both.",
          "type": "text-delta",
        },
        {
          "argumentsDelta": "{"city": "Pa",
          "id": "toolu_bdrk_01AbCdEfGhIjKlMnOpQrSt",
          "index": 1,
          "name": "get_weather",
          "type": "tool-call-delta",
        },
        {
          "argumentsDelta": "ris"}",
          "id": "toolu_bdrk_01AbCdEfGhIjKlMnOpQrSt",
          "index": 1,
          "name": "get_weather",
          "type": "tool-call-delta",
        },
        {
          "arguments": {
            "city": "Paris",
          },
          "id": "toolu_bdrk_01AbCdEfGhIjKlMnOpQrSt",
          "index": 1,
          "name": "get_weather",
          "type": "tool-call",
        },
        {
          "argumentsDelta": "{"timezone": "Europe/Paris"}",
          "id": "toolu_bdrk_02BcDeFgHiJkLmNoPqRsTu",
          "index": 2,
          "name": "get_time",
          "type": "tool-call-delta",
        },
        {
          "arguments": {
            "timezone": "Europe/Paris",
          },
          "id": "toolu_bdrk_02BcDeFgHiJkLmNoPqRsTu",
          "index": 2,
          "name": "get_time",
          "type": "tool-call",
        },
        {
          "reason": "tool-calls",
          "type": "finish",
          "usage": {
            "cacheRead": 2048,
            "cacheWrite": 512,
            "input": 12,
            "output": 96,
          },
        },
      ]
    `);
  });
  it("structured-output", () => {
    expect(decodeAnthropic("structured-output")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "{"name":",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": ""Ada Lovelace",",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": ""born":1815}",
          "type": "text-delta",
        },
        {
          "reason": "stop",
          "type": "finish",
          "usage": {
            "cacheRead": 0,
            "cacheWrite": 0,
            "input": 71,
            "output": 14,
          },
        },
      ]
    `);
  });
  it("length-stop", () => {
    expect(decodeAnthropic("length-stop")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "Once upon a time, there",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": " was a",
          "type": "text-delta",
        },
        {
          "reason": "length",
          "type": "finish",
          "usage": {
            "cacheRead": 0,
            "cacheWrite": 0,
            "input": 10,
            "output": 8,
          },
        },
      ]
    `);
  });
  it("content-filter", () => {
    expect(decodeAnthropic("content-filter")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "I can",
          "type": "text-delta",
        },
        {
          "reason": "content-filter",
          "type": "finish",
          "usage": {
            "cacheRead": 0,
            "cacheWrite": 0,
            "input": 25,
            "output": 2,
          },
        },
      ]
    `);
  });
  it("mid-stream-error", () => {
    expect(decodeAnthropic("mid-stream-error")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "The first part",
          "type": "text-delta",
        },
        {
          "code": "unavailable",
          "message": "Upstream overloaded_error: Overloaded",
          "retryable": true,
          "type": "error",
        },
      ]
    `);
  });
  it("missing-terminal-event", () => {
    expect(decodeAnthropic("missing-terminal-event")).toMatchInlineSnapshot(`
      [
        {
          "index": 0,
          "text": "Cut",
          "type": "text-delta",
        },
        {
          "index": 0,
          "text": " off",
          "type": "text-delta",
        },
        {
          "code": "stream-corrupt",
          "message": "The Messages stream ended before message_stop.",
          "retryable": true,
          "type": "error",
        },
      ]
    `);
  });
});
