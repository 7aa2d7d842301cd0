import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningEmulator, startEmulator } from "../src/index.js";
import { parseSse, postJson } from "./helpers.js";

let emulator: RunningEmulator;
let v1: OpenAI;
let openaiV1: OpenAI;

beforeAll(async () => {
  emulator = await startEmulator();
  v1 = new OpenAI({ apiKey: emulator.apiKey, baseURL: `${emulator.mantleUrl}/v1`, maxRetries: 0 });
  openaiV1 = new OpenAI({ apiKey: emulator.apiKey, baseURL: `${emulator.mantleUrl}/openai/v1`, maxRetries: 0 });
});
afterAll(() => emulator.close());

const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Weather for a city",
    parameters: { type: "object", properties: { days: { type: "integer" }, city: { type: "string" } }, required: ["city"] },
  },
};

describe("openai SDK, Chat Completions on /v1", () => {
  it("lists every Mantle model in the OpenAI list shape", async () => {
    const ids: string[] = [];
    for await (const model of v1.models.list()) ids.push(model.id);
    expect(ids).toEqual(expect.arrayContaining(["openai.gpt-oss-120b", "openai.gpt-5.5", "anthropic.claude-opus-4-7", "google.gemma-4-31b-it"]));
  });

  it("answers non-streaming by echoing the last user message, with usage and reasoning", async () => {
    const completion = await v1.chat.completions.create({
      model: "openai.gpt-oss-120b",
      messages: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Paris is lovely in spring" },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe("Paris is lovely in spring");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect((completion.choices[0]?.message as unknown as { reasoning: string }).reasoning).toContain("5 words");
    expect(completion.usage).toMatchObject({ prompt_tokens: 7, completion_tokens: 5 + 10 });
  });

  it("streams word deltas, then a usage chunk when include_usage is set", async () => {
    const stream = await v1.chat.completions.create({
      model: "qwen.qwen3-235b-a22b-2507",
      messages: [{ role: "user", content: "one two three four" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let finish: string | null | undefined;
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      const choice = chunk.choices[0];
      if (choice?.delta.content) deltas.push(choice.delta.content);
      if (choice?.finish_reason) finish = choice.finish_reason;
      if (chunk.usage) usage = chunk.usage;
    }
    expect(deltas).toEqual(["one ", "two ", "three ", "four"]);
    expect(finish).toBe("stop");
    expect(usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 4, total_tokens: 8 });
  });

  it("calls the offered tool with the prompt as its first string property, streamed and accumulated", async () => {
    const runner = v1.chat.completions.stream({
      model: "openai.gpt-oss-20b",
      messages: [{ role: "user", content: "Lisbon tomorrow" }],
      tools: [weatherTool],
    });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]?.message.tool_calls?.[0];
    expect(final.choices[0]?.finish_reason).toBe("tool_calls");
    expect(call?.type === "function" && call.function.name).toBe("get_weather");
    expect(call?.type === "function" && JSON.parse(call.function.arguments)).toEqual({ city: "Lisbon tomorrow" });
  });

  it("answers a tool result by echoing it", async () => {
    const completion = await v1.chat.completions.create({
      model: "openai.gpt-oss-20b",
      tools: [weatherTool],
      messages: [
        { role: "user", content: "Lisbon" },
        { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city":"Lisbon"}' } }] },
        { role: "tool", tool_call_id: "call_1", content: "Sunny, 24 C" },
      ],
    });
    expect(completion.choices[0]?.message.content).toBe("Sunny, 24 C");
    expect(completion.choices[0]?.message.tool_calls).toBeUndefined();
  });

  it("honours max_tokens with a length stop", async () => {
    const completion = await v1.chat.completions.create({
      model: "mistral.mistral-large-3-675b-instruct",
      messages: [{ role: "user", content: "a b c d e f g" }],
      max_tokens: 3,
    });
    expect(completion.choices[0]?.message.content).toBe("a b c ");
    expect(completion.choices[0]?.finish_reason).toBe("length");
  });

  it("surfaces Mantle's wrong-surface errors through the SDK's error classes", async () => {
    const gemmaOnV1 = v1.chat.completions.create({ model: "google.gemma-4-31b-it", messages: [{ role: "user", content: "hi" }] });
    await expect(gemmaOnV1).rejects.toMatchObject({ status: 401, message: expect.stringContaining("Berm is not enabled for this account") });
    const claudeOnChat = v1.chat.completions.create({ model: "anthropic.claude-opus-4-7", messages: [{ role: "user", content: "hi" }] });
    await expect(claudeOnChat).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});

describe("openai SDK on /openai/v1", () => {
  it("serves GPT-5.6 chat with max_completion_tokens and rejects max_tokens with OpenAI's message", async () => {
    const ok = await openaiV1.chat.completions.create({
      model: "openai.gpt-5.6-sol",
      messages: [{ role: "user", content: "hello" }],
      max_completion_tokens: 100,
    });
    expect(ok.choices[0]?.message.content).toBe("hello");
    const rejected = openaiV1.chat.completions.create({ model: "openai.gpt-5.6-sol", messages: [{ role: "user", content: "hello" }], max_tokens: 100 });
    await expect(rejected).rejects.toMatchObject({
      status: 400,
      code: "unsupported_parameter",
      param: "max_tokens",
      message: expect.stringContaining("Use 'max_completion_tokens' instead."),
    });
  });

  it("streams Responses events with reasoning summaries and text, and the SDK assembles the final response", async () => {
    const stream = openaiV1.responses.stream({
      model: "openai.gpt-5.5",
      input: "stream me please",
      reasoning: { effort: "low", summary: "auto" },
      store: false,
    });
    const types: string[] = [];
    let summary = "";
    stream.on("event", (event) => types.push(event.type));
    stream.on("response.reasoning_summary_text.delta", (event) => (summary += event.delta));
    const final = await stream.finalResponse();
    expect(final.output_text).toBe("stream me please");
    expect(final.status).toBe("completed");
    expect(summary).toContain("3 words");
    expect(types[0]).toBe("response.created");
    expect(types.at(-1)).toBe("response.completed");
    expect(types).toEqual(expect.arrayContaining(["response.output_item.added", "response.output_text.delta", "response.reasoning_summary_text.delta", "response.output_item.done"]));
    expect(final.usage?.output_tokens_details.reasoning_tokens).toBeGreaterThan(0);
  });

  it("streams a function call through Responses", async () => {
    const stream = openaiV1.responses.stream({
      model: "xai.grok-4.3",
      input: [{ role: "user", content: "Oslo" }],
      tools: [{ type: "function", name: "get_weather", parameters: weatherTool.function.parameters, strict: false }],
      tool_choice: { type: "function", name: "get_weather" },
    });
    const final = await stream.finalResponse();
    const call = final.output.find((item) => item.type === "function_call");
    expect(call).toMatchObject({ type: "function_call", name: "get_weather", arguments: '{"city":"Oslo"}' });
  });

  it("rejects gpt-oss on /openai/v1 with Mantle's misleading 401", async () => {
    await expect(openaiV1.responses.create({ model: "openai.gpt-oss-120b", input: "hi" })).rejects.toMatchObject({
      status: 401,
      message: expect.stringContaining("The security token included in the request is invalid"),
    });
  });
});

describe("Responses framing", () => {
  it("streams gpt-oss reasoning as reasoning_text events, in order, with increasing sequence numbers", async () => {
    const raw = await postJson(`${emulator.mantleUrl}/v1/responses`, emulator.apiKey, { model: "openai.gpt-oss-20b", input: "red green", stream: true, store: false });
    const events = parseSse(raw.text);
    const names = events.map((event) => event.event);
    expect(names).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      ...names.filter((name) => name === "response.reasoning_text.delta"),
      "response.reasoning_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    const payloads = events.map((event) => JSON.parse(event.data));
    expect(payloads.map((payload) => payload.sequence_number)).toEqual(payloads.map((_, index) => index));
    expect(payloads.every((payload, index) => payload.type === names[index])).toBe(true);
  });

  it("ends with response.incomplete when max_output_tokens runs out", async () => {
    const response = await openaiV1.responses.create({ model: "google.gemma-4-31b-it", input: "one two three four five", max_output_tokens: 2, store: false });
    expect(response.status).toBe("incomplete");
    expect(response.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(response.output_text).toBe("one two ");
    const raw = await postJson(`${emulator.mantleUrl}/openai/v1/responses`, emulator.apiKey, {
      model: "google.gemma-4-31b-it",
      input: "one two three",
      max_output_tokens: 1,
      stream: true,
      store: false,
    });
    expect(parseSse(raw.text).at(-1)?.event).toBe("response.incomplete");
  });
});

describe("Responses store and previous_response_id", () => {
  it("stores by default, retrieves with GET, and continues a stored conversation", async () => {
    const first = await v1.responses.create({ model: "openai.gpt-oss-120b", input: "remember the number seven" });
    expect((first as unknown as { store: boolean }).store).toBe(true);
    const fetched = await v1.responses.retrieve(first.id);
    expect(fetched.id).toBe(first.id);
    // The model may be omitted and is inherited from the stored response (facts §1.9).
    const second = await v1.responses.create({ previous_response_id: first.id, input: "and now eight" } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
    expect(second.model).toBe("openai.gpt-oss-120b");
    expect(second.output_text).toBe("and now eight");
    expect(second.usage?.input_tokens).toBeGreaterThan(first.usage?.input_tokens ?? 0);
  });

  it("cannot chain from a response created with store: false", async () => {
    const unstored = await v1.responses.create({ model: "openai.gpt-oss-120b", input: "forget me", store: false });
    await expect(v1.responses.retrieve(unstored.id)).rejects.toMatchObject({ status: 404 });
    await expect(v1.responses.create({ model: "openai.gpt-oss-120b", previous_response_id: unstored.id, input: "again" })).rejects.toMatchObject({
      status: 400,
      code: "previous_response_not_found",
    });
  });

  it("accepts a function_call_output only for a call the conversation made", async () => {
    const tools: OpenAI.Responses.Tool[] = [{ type: "function", name: "lookup", parameters: { type: "object", properties: { q: { type: "string" } } }, strict: false }];
    const first = await v1.responses.create({ model: "openai.gpt-oss-120b", input: "find cats", tools });
    const call = first.output.find((item) => item.type === "function_call");
    expect(call?.type).toBe("function_call");
    const callId = call?.type === "function_call" ? call.call_id : "";
    const answer = await v1.responses.create({
      model: "openai.gpt-oss-120b",
      previous_response_id: first.id,
      input: [{ type: "function_call_output", call_id: callId, output: "three cats found" }],
      tools,
    });
    expect(answer.output_text).toBe("three cats found");
    await expect(
      v1.responses.create({ model: "openai.gpt-oss-120b", input: [{ type: "function_call_output", call_id: "call_unknown", output: "x" }] }),
    ).rejects.toMatchObject({ status: 400, message: expect.stringContaining("No tool call found") });
  });
});
