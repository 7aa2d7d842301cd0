import { startEmulator, type RunningEmulator } from "@bedrock-kit/emulator";
import { BedrockKitError, type ChatRequest, type Env, type Logger, type StreamEvent } from "@bedrock-kit/plugin-host";
import conversePlugin from "@bedrock-kit/plugin-bedrock-converse";
import mantlePlugin from "@bedrock-kit/plugin-bedrock-mantle";
import { createHost } from "../../src/host/create-host.js";
import type { Host } from "../../src/host/host-types.js";

export { startEmulator, type RunningEmulator };

/** A logger that keeps nothing. */
export const SILENT_LOGGER: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/** The env var the Mantle entry reads its key from (set only in the injected env). */
export const MANTLE_KEY_VAR = "RELIABILITY_MANTLE_KEY";

/** One model per provider and the emulator route that serves its stream. */
export const PROVIDERS = [
  { name: "mantle chat completions", ref: "amazon-bedrock-mantle/mistral.mistral-large-3-675b-instruct", route: "mantle.chat" },
  { name: "mantle anthropic messages", ref: "amazon-bedrock-mantle/anthropic.claude-haiku-4-5", route: "mantle.messages" },
  { name: "converse", ref: "amazon-bedrock/anthropic.claude-sonnet-4-6", route: "runtime.converse-stream" },
] as const;

/** Fast retries so fault tests stay quick; the policy shape is the production one. */
export const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 20, totalDeadlineMs: 5_000 };

/** The prompt every test sends; the emulator echoes it word by word. */
export const PROMPT = "one two three four five six seven eight nine ten";

export function request(text: string = PROMPT, extra: Partial<ChatRequest> = {}): ChatRequest {
  return { messages: [{ role: "user", content: text }], maxTokens: 200, ...extra };
}

export interface Overrides {
  mantle?: Record<string, unknown>;
  converse?: Record<string, unknown>;
}

/** Provider entries pointing both plugins at one emulator by bearer key. */
export function providersFor(emulator: RunningEmulator, overrides: Overrides = {}): Record<string, unknown> {
  return {
    "amazon-bedrock-mantle": { baseUrl: emulator.mantleUrl, apiKey: `env:${MANTLE_KEY_VAR}`, retry: FAST_RETRY, ...overrides.mantle },
    "amazon-bedrock": {
      baseUrl: emulator.runtimeUrl,
      controlPlaneUrl: emulator.controlPlaneUrl,
      auth: { credentials: [`env:${MANTLE_KEY_VAR}`] },
      retry: FAST_RETRY,
      ...overrides.converse,
    },
  };
}

/** A host with both plugins (from source) and only `env` as its environment. */
export function hostFor(emulator: RunningEmulator, overrides: Overrides = {}, env: Env = {}, logger: Logger = SILENT_LOGGER): Promise<Host> {
  return createHost({
    config: { plugins: [], models: { providers: providersFor(emulator, overrides) } },
    plugins: [mantlePlugin, conversePlugin],
    env: { [MANTLE_KEY_VAR]: emulator.apiKey, ...env },
    logger,
  });
}

/** How one call ended. */
export interface Outcome {
  /** Events received (none when the call rejected). */
  events: StreamEvent[];
  /** Text streamed before the end. */
  text: string;
  /** The finish event, when the call succeeded. */
  finish?: Extract<StreamEvent, { type: "finish" }>;
  /** The terminal error: from an error event, or the rejection. */
  error?: BedrockKitError;
  /** True when the call rejected before its first event. */
  rejected: boolean;
  /** Index of the error event in `events`, -1 when none. */
  errorIndex: number;
  /** Wall time of the call. */
  elapsedMs: number;
}

/** Run one call to its end, never throwing: a rejection or an error event both land in `error`. */
export async function run(stream: AsyncIterable<StreamEvent>): Promise<Outcome> {
  const started = performance.now();
  const outcome: Outcome = { events: [], text: "", rejected: false, errorIndex: -1, elapsedMs: 0 };
  try {
    for await (const event of stream) {
      outcome.events.push(event);
      if (event.type === "text-delta") outcome.text += event.text;
      else if (event.type === "finish") outcome.finish = event;
      else if (event.type === "error") {
        outcome.error = event.error;
        outcome.errorIndex = outcome.events.length - 1;
      }
    }
  } catch (error) {
    outcome.rejected = true;
    outcome.error = error as BedrockKitError;
  }
  outcome.elapsedMs = performance.now() - started;
  return outcome;
}

/** A classified failure: a BedrockKitError with a code and a hint a user can act on. */
export function expectClassified(error: unknown): BedrockKitError {
  if (!BedrockKitError.isInstance(error)) throw new Error(`not a BedrockKitError: ${String(error)}`);
  if (typeof error.hint !== "string" || error.hint.length < 10) throw new Error(`no hint on ${error.code}: ${error.message}`);
  return error;
}

/** Requests the emulator saw on a route. */
export function requestsOn(emulator: RunningEmulator, route: string): number {
  return emulator.stats().requests[route] ?? 0;
}

/** A throwaway HTTP server on 127.0.0.1 port 0 whose handler plays a fault; records every request. */
export interface FaultServer {
  url: string;
  requests: Array<{ method: string; url: string; headers: Record<string, string | string[] | undefined> }>;
  close(): Promise<void>;
}

export async function startFaultServer(
  handler: (incoming: import("node:http").IncomingMessage, outgoing: import("node:http").ServerResponse) => void,
): Promise<FaultServer> {
  const { createServer } = await import("node:http");
  const requests: FaultServer["requests"] = [];
  const server = createServer((incoming, outgoing) => {
    requests.push({ method: incoming.method ?? "", url: incoming.url ?? "", headers: incoming.headers });
    incoming.resume();
    incoming.on("end", () => handler(incoming, outgoing));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address() as import("node:net").AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound then released). */
export async function closedPort(): Promise<number> {
  const { createServer } = await import("node:net");
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as import("node:net").AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
