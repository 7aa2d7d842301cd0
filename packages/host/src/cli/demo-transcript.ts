import type { ChatRequest, StreamEvent, Usage } from "@bedrock-kit/plugin-host";
import type { CatalogEntry } from "../host/host-types.js";
import { formatTable } from "./format-table.js";

/** One demo call: which API it shows, the model it uses, and what it asks. */
export interface DemoCall {
  /** The API's name as users know it. */
  title: string;
  /** `provider/id`. */
  ref: string;
  /** The request (the last user text is what the emulator echoes). */
  request: ChatRequest;
}

/** The tool every tool-calling demo call offers. */
const WEATHER_TOOL = {
  name: "get_weather",
  description: "Current weather for a city",
  parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
};

/** The demo's calls: one per API, two of them offering a tool (the emulator calls it with the prompt). */
export const DEMO_CALLS: readonly DemoCall[] = [
  {
    title: "Chat Completions",
    ref: "amazon-bedrock-mantle/openai.gpt-oss-120b",
    request: { messages: [{ role: "user", content: "Hello from the Chat Completions API" }], maxTokens: 200 },
  },
  {
    title: "Responses",
    ref: "amazon-bedrock-mantle/openai.gpt-5.5",
    request: { messages: [{ role: "user", content: "Lisbon" }], tools: [WEATHER_TOOL], maxTokens: 200 },
  },
  {
    title: "Anthropic Messages",
    ref: "amazon-bedrock-mantle/anthropic.claude-sonnet-4-6",
    request: { messages: [{ role: "user", content: "Hello from the Anthropic Messages API" }], maxTokens: 200 },
  },
  {
    title: "Converse",
    ref: "amazon-bedrock/anthropic.claude-sonnet-4-6",
    request: { messages: [{ role: "user", content: "Tokyo" }], tools: [WEATHER_TOOL], maxTokens: 200 },
  },
];

/** The catalog as a short table: ref, API and wire id (profiles show here for Converse). */
export function formatDemoModelTable(models: readonly CatalogEntry[]): string {
  return formatTable(
    ["REF", "API", "WIRE ID"],
    models.map((model) => [model.ref, model.api, model.wireId]),
  );
}

/** The header line of one call. */
export function formatCallHeader(call: DemoCall, api: string): string {
  const prompt = call.request.messages.at(-1);
  const text = prompt?.role === "user" && typeof prompt.content === "string" ? prompt.content : "";
  return `\n── ${call.title} · ${call.ref} (${api})\n  you:        ${text}\n`;
}

/** What a finished call printed last: tool calls, finish reason, usage and latency. */
export function formatCallSummary(events: readonly StreamEvent[], elapsedMs: number): string {
  const lines: string[] = [];
  for (const event of events) {
    if (event.type === "tool-call") lines.push(`  tool call:  ${event.name}(${JSON.stringify(event.arguments)})`);
    if (event.type === "finish") {
      const metadata = event.metadata;
      const latency = metadata?.latencyMs ?? elapsedMs;
      const fallback = metadata?.surfaceFallback === true ? " · surface fallback" : "";
      lines.push(`  finish:     ${event.reason} · ${formatUsage(event.usage)} · ${Math.round(latency)} ms${fallback}`);
    }
  }
  return `${lines.join("\n")}\n`;
}

function formatUsage(usage: Usage): string {
  const cached = usage.cacheRead + usage.cacheWrite > 0 ? ` (cache read ${usage.cacheRead}, write ${usage.cacheWrite})` : "";
  return `${usage.input} in / ${usage.output} out tokens${cached}`;
}
