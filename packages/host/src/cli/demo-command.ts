import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { RunningEmulator } from "@bedrock-kit/emulator";
import type { ChatRequest, StreamEvent } from "@bedrock-kit/plugin-host";
import { BUNDLED_PLUGIN_PACKAGES } from "../config/host-config-schema.js";
import { createHost } from "../host/create-host.js";
import type { Host } from "../host/host-types.js";
import { EXIT_FAILURE, EXIT_OK, formatErrorLine } from "./cli-errors.js";
import type { CliSession } from "./cli-session.js";
import { DEMO_CALLS, formatCallHeader, formatCallSummary, formatDemoModelTable, type DemoCall } from "./demo-transcript.js";
import { parseCommandArgs } from "./parse-command-args.js";

/** The variable the demo host reads the emulator's key from; set only in the env handed to the host. */
const DEMO_KEY_VAR = "BEDROCK_KIT_DEMO_API_KEY";

/** Every catalog and call is local; a bound well under the defaults keeps a broken demo from hanging. */
const DEMO_CATALOG_TIMEOUT_MS = 5_000;

/**
 * `bedrock-kit demo`: start the emulator in-process, run the host with both bundled plugins against
 * it, list the models and stream one chat per API. Nothing is written to disk: the config is an
 * object, and the host sees only the emulator's key (never the user's AWS environment).
 */
export async function runDemoCommand(args: string[], session: CliSession): Promise<number> {
  parseCommandArgs("demo", args, {});
  let emulator: RunningEmulator | undefined;
  let host: Host | undefined;
  try {
    const { startEmulator } = await import("@bedrock-kit/emulator");
    emulator = await startEmulator({ host: "127.0.0.1" });
    host = await createDemoHost(emulator);
    session.out(`bedrock-kit demo: both plugins against a local Bedrock emulator (${emulator.mantleUrl}, ${emulator.runtimeUrl})\n\n`);
    const models = await host.listModels();
    session.out(`${models.length} models:\n${formatDemoModelTable(models)}`);
    for (const call of DEMO_CALLS) await runDemoCall(host, call, session);
    session.out("\nDone: four APIs, one host, no AWS account.\n");
    return EXIT_OK;
  } catch (error) {
    session.io.stderr(formatErrorLine(error, session.redact));
    return EXIT_FAILURE;
  } finally {
    await host?.close();
    await emulator?.close();
  }
}

function createDemoHost(emulator: RunningEmulator): Promise<Host> {
  const key = `env:${DEMO_KEY_VAR}`;
  return createHost({
    config: {
      plugins: [...BUNDLED_PLUGIN_PACKAGES],
      catalogTimeoutMs: DEMO_CATALOG_TIMEOUT_MS,
      models: {
        providers: {
          "amazon-bedrock-mantle": { baseUrl: emulator.mantleUrl, apiKey: key, region: emulator.region },
          "amazon-bedrock": { baseUrl: emulator.runtimeUrl, controlPlaneUrl: emulator.controlPlaneUrl, region: emulator.region, auth: { credentials: [key] } },
        },
      },
    },
    env: { [DEMO_KEY_VAR]: emulator.apiKey },
    // Plugin names resolve next to this package, so the bundled plugins are used whatever the working directory holds.
    cwd: dirname(fileURLToPath(import.meta.url)),
  });
}

/** Stream one call, printing text as it arrives and a summary at the end; the first error aborts the demo. */
async function runDemoCall(host: Host, call: DemoCall, session: CliSession): Promise<void> {
  const startedAt = Date.now();
  const events: StreamEvent[] = [];
  let printedText = false;
  for await (const event of host.stream(call.ref, call.request, session.io.signal === undefined ? {} : { signal: session.io.signal })) {
    events.push(event);
    if (event.type === "start") session.out(formatCallHeader(call, event.api));
    if (event.type === "text-delta") {
      session.out(printedText ? event.text : `  model:      ${event.text}`);
      printedText = true;
    }
    if (event.type === "error") throw event.error;
  }
  if (printedText) session.out("\n");
  session.out(formatCallSummary(events, Date.now() - startedAt));
  const toolCall = events.find((event) => event.type === "tool-call");
  if (toolCall?.type === "tool-call") await answerToolCall(host, call, toolCall, session);
}

/** Send a canned tool result back, so the transcript shows the full tool loop. */
async function answerToolCall(host: Host, call: DemoCall, toolCall: Extract<StreamEvent, { type: "tool-call" }>, session: CliSession): Promise<void> {
  const result = "18°C and sunny";
  const request: ChatRequest = {
    ...call.request,
    messages: [
      ...call.request.messages,
      { role: "assistant", content: [{ type: "tool-call", id: toolCall.id, name: toolCall.name, arguments: toolCall.arguments }] },
      { role: "tool", content: [{ type: "tool-result", toolCallId: toolCall.id, name: toolCall.name, content: result }] },
    ],
  };
  session.out(`  tool:       ${result}\n`);
  const answer = await host.complete(call.ref, request, session.io.signal === undefined ? {} : { signal: session.io.signal });
  session.out(`  model:      ${answer.text}\n${formatCallSummary([answer.finish], 0)}`);
}
