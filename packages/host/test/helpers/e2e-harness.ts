import type { RunningEmulator } from "@bedrock-kit/emulator";
import type { ChatRequest, Env, Logger, StreamEvent } from "@bedrock-kit/plugin-host";
import mantlePlugin from "@bedrock-kit/plugin-bedrock-mantle";
import conversePlugin from "@bedrock-kit/plugin-bedrock-converse";
import { createHost } from "../../src/host/create-host.js";
import type { Host } from "../../src/host/host-types.js";

/** A logger that keeps nothing: e2e tests assert on results, not on log lines. */
export const SILENT_LOGGER: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** The env var the Mantle entry reads its key from in these tests (set only in the injected env). */
export const MANTLE_KEY_VAR = "E2E_MANTLE_KEY";

/** Provider entries pointing both plugins at one emulator (Mantle by key var, Converse by bearer unless overridden). */
export function providersFor(emulator: RunningEmulator, overrides: { mantle?: Record<string, unknown>; converse?: Record<string, unknown> } = {}): Record<string, unknown> {
  return {
    "amazon-bedrock-mantle": { baseUrl: emulator.mantleUrl, apiKey: `env:${MANTLE_KEY_VAR}`, ...overrides.mantle },
    "amazon-bedrock": { baseUrl: emulator.runtimeUrl, controlPlaneUrl: emulator.controlPlaneUrl, ...overrides.converse },
  };
}

/** A host with both plugins (imported, so tests run them from source) and only `env` as its environment. */
export function hostWith(providers: Record<string, unknown>, env: Env, extra: { catalogTimeoutMs?: number } = {}): Promise<Host> {
  return createHost({
    config: { plugins: [], models: { providers }, ...extra },
    plugins: [mantlePlugin, conversePlugin],
    env,
    logger: SILENT_LOGGER,
  });
}

/** Everything one stream produced, folded for assertions. */
export interface StreamSummary {
  events: StreamEvent[];
  text: string;
  toolCalls: Array<{ name: string; arguments: unknown }>;
  finish?: Extract<StreamEvent, { type: "finish" }>;
  error?: Extract<StreamEvent, { type: "error" }>;
}

/** Drain a host stream into a summary. */
export async function drain(stream: AsyncIterable<StreamEvent>): Promise<StreamSummary> {
  const summary: StreamSummary = { events: [], text: "", toolCalls: [] };
  for await (const event of stream) {
    summary.events.push(event);
    if (event.type === "text-delta") summary.text += event.text;
    else if (event.type === "tool-call") summary.toolCalls.push({ name: event.name, arguments: event.arguments });
    else if (event.type === "finish") summary.finish = event;
    else if (event.type === "error") summary.error = event;
  }
  return summary;
}

/** A one-tool request: the emulator calls the tool with the prompt as its first string property. */
export function toolRequest(prompt: string): ChatRequest {
  return {
    messages: [{ role: "user", content: prompt }],
    tools: [
      {
        name: "get_weather",
        description: "Current weather for a city",
        parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
      },
    ],
    maxTokens: 256,
  };
}
