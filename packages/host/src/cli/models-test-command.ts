import { performance } from "node:perf_hooks";
import type { ChatRequest, ModelApi } from "@bedrock-kit/plugin-host";
import { EXIT_FAILURE, EXIT_OK, formatErrorLine, UsageError } from "./cli-errors.js";
import type { CliSession } from "./cli-session.js";
import { parseCommandArgs } from "./parse-command-args.js";

/** The smallest call that proves a model answers: a few output tokens. */
const PROBE_REQUEST: ChatRequest = {
  messages: [{ role: "user", content: "Reply with the single word: ok" }],
  maxTokens: 16,
};

/** `bedrock-kit models test --model REF [--config F]`: one tiny real call; prints ok, latency and the API used. */
export async function runModelsTestCommand(args: string[], session: CliSession): Promise<number> {
  const { values } = parseCommandArgs("models test", args, { model: { type: "string" }, config: { type: "string" } });
  if (values.model === undefined) throw new UsageError("models test needs --model REF (provider/id).", "Run `bedrock-kit models list` to see the refs.");
  const { host } = await session.openHost(values.config);
  const model = await host.resolveModel(values.model);

  const started = performance.now();
  let api: ModelApi = model.api;
  for await (const event of host.stream(model.ref, PROBE_REQUEST, { signal: session.io.signal })) {
    if (event.type === "start") api = event.api;
    else if (event.type === "error") {
      session.err(formatErrorLine(event.error, session.redact));
      return EXIT_FAILURE;
    } else if (event.type === "finish") {
      const latencyMs = Math.round(event.metadata?.latencyMs ?? performance.now() - started);
      const usedApi = event.metadata?.api ?? api;
      const fallback = event.metadata?.surfaceFallback === true ? " (after a surface fallback)" : "";
      session.out(`ok  ${model.ref}  api ${usedApi}${fallback}  latency ${latencyMs} ms  finish ${event.reason}\n`);
      return EXIT_OK;
    }
  }
  session.err(formatErrorLine(new Error("The stream ended without a finish or error event."), session.redact));
  return EXIT_FAILURE;
}
