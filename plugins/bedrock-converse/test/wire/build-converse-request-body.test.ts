import { describe, expect, it } from "vitest";
import { BedrockKitError, type ChatRequest, type ModelDefinition } from "@bedrock-kit/plugin-host";
import type { ConverseModelCompat } from "../../src/converse-model-compat.js";
import { DEFAULT_ANSWER_TOKENS, EMPTY_TOOL_RESULT_TEXT, buildConverseRequestBody, prepareConverseRequest } from "../../src/wire/index.js";
import { testModel } from "./converse-test-helpers.js";

const WEATHER_TOOL = {
  name: "get_weather",
  description: "Weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

function model(compat: ConverseModelCompat = {}, overrides: Partial<ModelDefinition> = {}): ModelDefinition {
  return testModel({ compat: compat as Record<string, unknown>, ...overrides });
}

function build(request: Partial<ChatRequest>, compat: ConverseModelCompat = {}, overrides: Partial<ModelDefinition> = {}) {
  return buildConverseRequestBody(model(compat, overrides), { messages: [{ role: "user", content: "Hi" }], ...request }) as Record<
    string,
    any
  >;
}

function rejection(action: () => unknown): BedrockKitError {
  try {
    action();
  } catch (error) {
    if (BedrockKitError.isInstance(error)) return error;
    throw error;
  }
  throw new Error("expected a rejection");
}

describe("messages and system", () => {
  it("builds the minimal body with a default maxTokens far below a large cap", () => {
    expect(build({ system: "Be brief." })).toEqual({
      messages: [{ role: "user", content: [{ text: "Hi" }] }],
      system: [{ text: "Be brief." }],
      inferenceConfig: { maxTokens: DEFAULT_ANSWER_TOKENS },
    });
  });

  it("asks for the cap itself when it is smaller than the default share", () => {
    expect(build({}, {}, { maxTokens: 2048 }).inferenceConfig).toEqual({ maxTokens: 2048 });
  });

  it("sends images as bytes with their format", () => {
    const body = build({
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "What is this?" },
            { type: "image", mediaType: "image/jpeg", data: "/9j/4AAQ" },
          ],
        },
      ],
    });
    expect(body.messages[0].content).toEqual([{ text: "What is this?" }, { image: { format: "jpeg", source: { bytes: "/9j/4AAQ" } } }]);
  });

  it("refuses images for a text-only model and unknown image types", () => {
    const image = { role: "user" as const, content: [{ type: "image" as const, mediaType: "image/png", data: "iVBOR" }] };
    expect(rejection(() => build({ messages: [image] }, {}, { input: ["text"] }))).toMatchObject({ code: "invalid-request" });
    const tiff = { role: "user" as const, content: [{ type: "image" as const, mediaType: "image/tiff", data: "SUkq" }] };
    expect(rejection(() => build({ messages: [tiff] })).message).toMatch(/image\/tiff/);
  });

  it("drops blank text and empty messages, and merges the turns that become adjacent", () => {
    const body = build({
      messages: [
        { role: "user", content: "First" },
        { role: "assistant", content: "" },
        { role: "user", content: [{ type: "text", text: "   " }, { type: "text", text: "Second" }] },
      ],
    });
    expect(body.messages).toEqual([{ role: "user", content: [{ text: "First" }, { text: "Second" }] }]);
  });

  it("refuses an empty conversation and one that starts with the assistant", () => {
    expect(rejection(() => build({ messages: [{ role: "user", content: " " }] }))).toMatchObject({ code: "invalid-request" });
    expect(
      rejection(() =>
        build({
          messages: [
            { role: "assistant", content: "Hello" },
            { role: "user", content: "Hi" },
          ],
        }),
      ).message,
    ).toMatch(/starts with an assistant/);
  });

  it("trims trailing whitespace of a final assistant text (prefill)", () => {
    const body = build({
      messages: [
        { role: "user", content: "Write JSON" },
        { role: "assistant", content: "{\n  " },
      ],
    });
    expect(body.messages[1]).toEqual({ role: "assistant", content: [{ text: "{" }] });
  });

  it("leaves the final assistant text alone when signed reasoning precedes it", () => {
    const body = build(
      {
        messages: [
          { role: "user", content: "Q" },
          {
            role: "assistant",
            content: [
              { type: "reasoning", text: "thinking", signature: "sig" },
              { type: "text", text: "Answer: " },
            ],
          },
        ],
      },
      { replaySignedReasoning: true },
    );
    expect(body.messages[1].content[1]).toEqual({ text: "Answer: " });
  });
});

describe("tool use and tool results", () => {
  const toolTurn: ChatRequest["messages"] = [
    { role: "user", content: "Weather in Paris and Rome?" },
    {
      role: "assistant",
      content: [
        { type: "text", text: "Checking." },
        { type: "tool-call", id: "call_1", name: "get_weather", arguments: { city: "Paris" } },
        { type: "tool-call", id: "functions.get_weather:1", name: "get_weather", arguments: { city: "Rome" } },
      ],
    },
    { role: "tool", content: [{ type: "tool-result", toolCallId: "call_1", content: "18°C" }] },
    { role: "tool", content: [{ type: "tool-result", toolCallId: "functions.get_weather:1", content: "boom", isError: true }] },
    { role: "user", content: "Thanks" },
  ];

  it("sends calls as toolUse and merges consecutive results (and the next user turn) into one user message", () => {
    const body = build({ messages: toolTurn, tools: [WEATHER_TOOL] });
    expect(body.messages).toEqual([
      { role: "user", content: [{ text: "Weather in Paris and Rome?" }] },
      {
        role: "assistant",
        content: [
          { text: "Checking." },
          { toolUse: { toolUseId: "call_1", name: "get_weather", input: { city: "Paris" } } },
          { toolUse: { toolUseId: "functions_get_weather_1", name: "get_weather", input: { city: "Rome" } } },
        ],
      },
      {
        role: "user",
        content: [
          { toolResult: { toolUseId: "call_1", content: [{ text: "18°C" }] } },
          { toolResult: { toolUseId: "functions_get_weather_1", content: [{ text: "boom" }], status: "error" } },
          { text: "Thanks" },
        ],
      },
    ]);
    expect(body.toolConfig).toEqual({
      tools: [{ toolSpec: { name: "get_weather", description: "Weather for a city", inputSchema: { json: WEATHER_TOOL.parameters } } }],
    });
  });

  it("gives an empty tool result a placeholder text (Bedrock rejects empty text blocks)", () => {
    const body = build({
      tools: [WEATHER_TOOL],
      messages: [
        { role: "user", content: "Go" },
        { role: "assistant", content: [{ type: "tool-call", id: "t1", name: "get_weather", arguments: {} }] },
        { role: "tool", content: [{ type: "tool-result", toolCallId: "t1", content: "" }] },
      ],
    });
    expect(body.messages[2].content[0]).toEqual({ toolResult: { toolUseId: "t1", content: [{ text: EMPTY_TOOL_RESULT_TEXT }] } });
  });

  it("sends strict tools with strict: true", () => {
    expect(build({ tools: [{ ...WEATHER_TOOL, strict: true }] }).toolConfig.tools[0].toolSpec.strict).toBe(true);
  });

  it.each([
    ["auto", undefined],
    ["required", { any: {} }],
    [{ name: "get_weather" }, { tool: { name: "get_weather" } }],
  ] as const)("maps toolChoice %j", (toolChoice, expected) => {
    const toolConfig = build({ tools: [WEATHER_TOOL], toolChoice }).toolConfig;
    expect(toolConfig.toolChoice).toEqual(expected);
  });

  it("withholds the tools for toolChoice none", () => {
    expect(build({ tools: [WEATHER_TOOL], toolChoice: "none" }).toolConfig).toBeUndefined();
  });

  it("keeps the tools (without a toolChoice) for none when the history holds tool blocks", () => {
    const toolConfig = build({ messages: toolTurn, tools: [WEATHER_TOOL], toolChoice: "none" }).toolConfig;
    expect(toolConfig).toEqual({ tools: [expect.objectContaining({ toolSpec: expect.objectContaining({ name: "get_weather" }) })] });
  });

  it("declares the tools a history called when the request declares none", () => {
    expect(build({ messages: toolTurn }).toolConfig).toEqual({
      tools: [{ toolSpec: { name: "get_weather", inputSchema: { json: { type: "object", properties: {} } } } }],
    });
  });

  it("refuses bad tool names, in definitions and in the history, before sending", () => {
    expect(rejection(() => build({ tools: [{ ...WEATHER_TOOL, name: "get weather" }] }))).toMatchObject({ code: "invalid-request" });
    expect(
      rejection(() =>
        build({
          messages: [
            { role: "user", content: "Go" },
            { role: "assistant", content: [{ type: "tool-call", id: "t1", name: "mcp.fetch", arguments: {} }] },
          ],
        }),
      ).message,
    ).toMatch(/mcp\.fetch/);
    expect(rejection(() => build({ tools: [WEATHER_TOOL, WEATHER_TOOL] })).message).toMatch(/Two tools/);
  });

  it("refuses duplicate tool-use ids in one assistant turn", () => {
    const error = rejection(() =>
      build({
        tools: [WEATHER_TOOL],
        messages: [
          { role: "user", content: "Go" },
          {
            role: "assistant",
            content: [
              { type: "tool-call", id: "tooluseAc", name: "get_weather", arguments: {} },
              { type: "tool-call", id: "tooluseAc", name: "get_weather", arguments: {} },
            ],
          },
        ],
      }),
    );
    expect(error).toMatchObject({ code: "invalid-request" });
    expect(error.message).toMatch(/tooluseAc/);
  });

  it("refuses a toolChoice naming an undeclared tool, and tools for a model without tool support", () => {
    expect(rejection(() => build({ tools: [WEATHER_TOOL], toolChoice: { name: "other" } })).message).toMatch(/other/);
    expect(rejection(() => build({ tools: [WEATHER_TOOL] }, { tools: false })).message).toMatch(/does not accept tools/);
  });
});

describe("inferenceConfig and dropped parameters", () => {
  it("sends maxTokens, temperature, topP and stop sequences", () => {
    expect(build({ maxTokens: 100, temperature: 0.2, topP: 0.9, stop: ["</x>"] }).inferenceConfig).toEqual({
      maxTokens: 100,
      temperature: 0.2,
      topP: 0.9,
      stopSequences: ["</x>"],
    });
  });

  it("sends temperature but not topP to models that take only one of them", () => {
    expect(build({ temperature: 0.2, topP: 0.9 }, { exclusiveSampling: true }).inferenceConfig).toEqual({
      maxTokens: DEFAULT_ANSWER_TOKENS,
      temperature: 0.2,
    });
    expect(build({ topP: 0.9 }, { exclusiveSampling: true }).inferenceConfig.topP).toBe(0.9);
  });

  it("drops temperature and topP for models that reject them", () => {
    expect(build({ temperature: 0.2, topP: 0.9 }, { rejectsTemperature: true, rejectsTopP: true }).inferenceConfig).toEqual({
      maxTokens: DEFAULT_ANSWER_TOKENS,
    });
  });

  it("refuses a maxTokens above the model's known cap, but trusts the caller when the cap is a guess", () => {
    const error = rejection(() => build({ maxTokens: 128_000 }));
    expect(error).toMatchObject({ code: "context-overflow", retryable: false });
    expect(error.hint).toContain("64000");
    expect(build({ maxTokens: 128_000 }, {}, { defaultsAssumed: true }).inferenceConfig.maxTokens).toBe(128_000);
    expect(rejection(() => build({ maxTokens: 0 }))).toMatchObject({ code: "invalid-request" });
  });
});

describe("reasoning", () => {
  it("anthropic-thinking: a budget, maxTokens raised by it, sampling dropped", () => {
    const body = build({ reasoning: "medium", maxTokens: 4000, temperature: 0.5, topP: 0.9 }, { reasoningStyle: "anthropic-thinking" });
    expect(body.additionalModelRequestFields).toEqual({ thinking: { type: "enabled", budget_tokens: 8192 } });
    expect(body.inferenceConfig).toEqual({ maxTokens: 12_192 });
  });

  it("anthropic-thinking stays within the model's cap, shrinking the budget there", () => {
    const body = build({ reasoning: "xhigh", maxTokens: 60_000 }, { reasoningStyle: "anthropic-thinking" });
    expect(body.inferenceConfig.maxTokens).toBe(64_000);
    expect(body.additionalModelRequestFields.thinking.budget_tokens).toBe(32_768);
    const tight = build({ reasoning: "high" }, { reasoningStyle: "anthropic-thinking" }, { maxTokens: 8192 });
    expect(tight.inferenceConfig.maxTokens).toBe(8192);
    expect(tight.additionalModelRequestFields.thinking.budget_tokens).toBe(7168);
    expect(rejection(() => build({ reasoning: "high" }, { reasoningStyle: "anthropic-thinking" }, { maxTokens: 2000 })).message).toMatch(
      /no room for a thinking budget/,
    );
  });

  it("anthropic-adaptive: adaptive thinking and an effort, sampling dropped", () => {
    const body = build({ reasoning: "high", temperature: 0.3 }, { reasoningStyle: "anthropic-adaptive" });
    expect(body.additionalModelRequestFields).toEqual({ thinking: { type: "adaptive" }, output_config: { effort: "high" } });
    expect(body.inferenceConfig).toEqual({ maxTokens: DEFAULT_ANSWER_TOKENS + 16_384 });
    const xhigh = build({ reasoning: "xhigh" }, { reasoningStyle: "anthropic-adaptive" });
    expect(xhigh.additionalModelRequestFields.output_config.effort).toBe("max");
    const overridden = build({ reasoning: "xhigh" }, { reasoningStyle: "anthropic-adaptive", reasoningEffortByLevel: { xhigh: "xhigh" } });
    expect(overridden.additionalModelRequestFields.output_config.effort).toBe("xhigh");
  });

  it("openai-effort: a flat reasoning_effort, sampling kept, and room for the reasoning they do anyway", () => {
    const body = build({ reasoning: "minimal", temperature: 0.3 }, { reasoningStyle: "openai-effort" });
    expect(body.additionalModelRequestFields).toEqual({ reasoning_effort: "low" });
    expect(body.inferenceConfig).toEqual({ maxTokens: DEFAULT_ANSWER_TOKENS + 1024, temperature: 0.3 });
    expect(build({}, { reasoningStyle: "openai-effort" }).inferenceConfig).toEqual({ maxTokens: DEFAULT_ANSWER_TOKENS + 8192 });
    expect(build({ maxTokens: 500, reasoning: "high" }, { reasoningStyle: "openai-effort" }).inferenceConfig).toEqual({ maxTokens: 500 });
  });

  it("nova: reasoningConfig; at high effort no sampling and no default maxTokens", () => {
    expect(build({ reasoning: "medium" }, { reasoningStyle: "nova" }).additionalModelRequestFields).toEqual({
      reasoningConfig: { type: "enabled", maxReasoningEffort: "medium" },
    });
    const high = build({ reasoning: "high", temperature: 0.7 }, { reasoningStyle: "nova" });
    expect(high.additionalModelRequestFields.reasoningConfig.maxReasoningEffort).toBe("high");
    expect(high.inferenceConfig).toBeUndefined();
  });

  it("adds nothing without a level, for a non-reasoning model, or for style none", () => {
    expect(build({}, { reasoningStyle: "anthropic-thinking" }).additionalModelRequestFields).toBeUndefined();
    expect(build({ reasoning: "high" }, { reasoningStyle: "anthropic-thinking" }, { reasoning: false }).additionalModelRequestFields).toBeUndefined();
    expect(build({ reasoning: "high" }, { reasoningStyle: "none" }).additionalModelRequestFields).toBeUndefined();
  });

  const withReasoning: ChatRequest["messages"] = [
    { role: "user", content: "Q" },
    {
      role: "assistant",
      content: [
        { type: "reasoning", text: "signed thought", signature: "c2ln" },
        { type: "reasoning", text: "unsigned thought" },
        { type: "reasoning", text: "", redacted: "cmVkYWN0ZWQ=" },
        { type: "text", text: "A" },
      ],
    },
    { role: "user", content: "Q2" },
  ];

  it("replays signed and redacted reasoning only, and only for models that take it back", () => {
    expect(build({ messages: withReasoning }, { replaySignedReasoning: true }).messages[1].content).toEqual([
      { reasoningContent: { reasoningText: { text: "signed thought", signature: "c2ln" } } },
      { reasoningContent: { redactedContent: "cmVkYWN0ZWQ=" } },
      { text: "A" },
    ]);
    expect(build({ messages: withReasoning }).messages[1].content).toEqual([{ text: "A" }]);
  });
});

describe("structured output", () => {
  const format = { type: "json-schema" as const, name: "answer", schema: { type: "object", properties: { n: { type: "number" } } } };

  it("uses Converse's outputConfig.textFormat for models with native support", () => {
    const body = build({ responseFormat: format, reasoning: "low" }, { structuredOutput: true, reasoningStyle: "anthropic-adaptive" });
    expect(body.outputConfig).toEqual({
      textFormat: { type: "json_schema", structure: { jsonSchema: { schema: JSON.stringify(format.schema), name: "answer" } } },
    });
    expect(body.additionalModelRequestFields.output_config).toEqual({ effort: "low" });
    expect(body.toolConfig).toBeUndefined();
  });

  it("otherwise forces a synthetic json tool whose arguments are the answer", () => {
    const prepared = prepareConverseRequest(model(), { messages: [{ role: "user", content: "n?" }], responseFormat: format });
    expect(prepared.structuredOutputToolName).toBe("json");
    expect(prepared.body.toolConfig).toEqual({
      tools: [{ toolSpec: { name: "json", description: expect.stringContaining("answer"), inputSchema: { json: format.schema } } }],
      toolChoice: { tool: { name: "json" } },
    });
  });

  it("lets the model call other tools first (toolChoice any) when tools are offered too", () => {
    const toolConfig = build({ responseFormat: format, tools: [WEATHER_TOOL] }).toolConfig;
    expect(toolConfig.tools.map((tool: any) => tool.toolSpec.name)).toEqual(["get_weather", "json"]);
    expect(toolConfig.toolChoice).toEqual({ any: {} });
    expect(rejection(() => build({ responseFormat: format, tools: [{ ...WEATHER_TOOL, name: "json" }] })).message).toMatch(/reserved/);
  });

  it("refuses a non-object root schema when the answer must travel as tool input", () => {
    const list = { type: "json-schema" as const, name: "list", schema: { type: "array", items: { type: "string" } } };
    expect(rejection(() => build({ responseFormat: list }))).toMatchObject({ code: "invalid-request" });
    expect(build({ responseFormat: list }, { structuredOutput: true }).outputConfig).toBeDefined();
  });
});

describe("prompt caching", () => {
  const conversation: ChatRequest = {
    system: "You are helpful.",
    tools: [WEATHER_TOOL],
    messages: [
      { role: "user", content: "One" },
      { role: "assistant", content: "Two" },
      { role: "user", content: "Three" },
    ],
  };
  const cachePoint = { cachePoint: { type: "default" } };

  it("puts a cache point after the system prompt, the tools and the last user message", () => {
    const body = build(conversation, { promptCache: true });
    expect(body.system).toEqual([{ text: "You are helpful." }, cachePoint]);
    expect(body.toolConfig.tools.at(-1)).toEqual(cachePoint);
    expect(body.messages[0].content).toEqual([{ text: "One" }]);
    expect(body.messages[2].content).toEqual([{ text: "Three" }, cachePoint]);
  });

  it("skips the tools for models that cache none, and never adds a cache point with nothing before it", () => {
    const body = build({ messages: conversation.messages, tools: conversation.tools }, { promptCache: true, promptCacheSkipsTools: true });
    expect(body.system).toBeUndefined();
    expect(body.toolConfig.tools).toHaveLength(1);
    expect(JSON.stringify(body).match(/cachePoint/g)).toHaveLength(1);
  });

  it("adds no cache point for models without prompt caching", () => {
    expect(JSON.stringify(build(conversation))).not.toContain("cachePoint");
  });
});

describe("providerOptions.bedrock", () => {
  it("merges verbatim into the envelope, deep-merging additionalModelRequestFields", () => {
    const providerOptions = {
      bedrock: {
        additionalModelRequestFields: { anthropic_beta: ["context-1m-2025-08-07"], thinking: { display: "summarized" } },
        guardrailConfig: { guardrailIdentifier: "gr-1", guardrailVersion: "1", trace: "enabled" },
        serviceTier: { type: "priority" },
        performanceConfig: { latency: "optimized" },
        requestMetadata: { team: "search" },
      },
    };
    const before = JSON.stringify(providerOptions);
    const body = build({ reasoning: "high", providerOptions }, { reasoningStyle: "anthropic-adaptive" });
    expect(body.additionalModelRequestFields).toEqual({
      thinking: { type: "adaptive", display: "summarized" },
      output_config: { effort: "high" },
      anthropic_beta: ["context-1m-2025-08-07"],
    });
    expect(body.guardrailConfig).toEqual(providerOptions.bedrock.guardrailConfig);
    expect(body.serviceTier).toEqual({ type: "priority" });
    expect(body.performanceConfig).toEqual({ latency: "optimized" });
    expect(body.requestMetadata).toEqual({ team: "search" });
    expect(JSON.stringify(providerOptions)).toBe(before);
  });

  it("lets a provider option override or (with null) remove what the plugin set", () => {
    const body = build({ temperature: 0.5, providerOptions: { bedrock: { inferenceConfig: { maxTokens: 10, temperature: null } } } });
    expect(body.inferenceConfig).toEqual({ maxTokens: 10 });
  });
});

describe("body hygiene", () => {
  it("never contains null or undefined fields and does not modify the request", () => {
    const request: ChatRequest = {
      system: "S",
      tools: [{ name: "t", parameters: { type: "object" } }],
      messages: [
        { role: "user", content: "Go" },
        {
          role: "assistant",
          content: [
            { type: "reasoning", text: "r" },
            { type: "tool-call", id: "a", name: "t", arguments: undefined },
          ],
        },
        { role: "tool", content: [{ type: "tool-result", toolCallId: "a", content: [{ type: "text", text: "ok" }] }] },
      ],
      reasoning: "low",
      temperature: 0.1,
    };
    const before = JSON.stringify(request);
    const body = buildConverseRequestBody(model({ reasoningStyle: "openai-effort", promptCache: true }), request);
    const serialized = JSON.stringify(body);
    expect(serialized).not.toContain("null");
    expect(JSON.parse(serialized)).toEqual(body);
    expect(JSON.stringify(request)).toBe(before);
    expect((body as any).messages[1].content).toEqual([{ toolUse: { toolUseId: "a", name: "t", input: {} } }]);
  });
});
