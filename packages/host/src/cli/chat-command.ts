import { REASONING_LEVELS, type ChatRequest, type ReasoningLevel } from "@bedrock-kit/plugin-host";
import { EXIT_FAILURE, EXIT_OK, formatErrorLine, UsageError } from "./cli-errors.js";
import type { CliSession } from "./cli-session.js";
import { parseCommandArgs, parsePositiveInteger } from "./parse-command-args.js";
import { serializeStreamEvent } from "./serialize-stream-event.js";

/** `bedrock-kit chat --model REF [--config F] [--system T] [--max-tokens N] [--reasoning LEVEL] [--json] PROMPT` */
export async function runChatCommand(args: string[], session: CliSession): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    "chat",
    args,
    {
      model: { type: "string" },
      config: { type: "string" },
      system: { type: "string" },
      "max-tokens": { type: "string" },
      reasoning: { type: "string" },
      json: { type: "boolean" },
    },
    true,
  );
  if (values.model === undefined) throw new UsageError("chat needs --model REF (provider/id).", "Run `bedrock-kit models list` to see the refs.");
  const prompt = positionals.join(" ").trim();
  if (prompt === "") throw new UsageError("chat needs a PROMPT after the options.");
  const reasoning = parseReasoningLevel(values.reasoning);
  const maxTokens = parsePositiveInteger(values["max-tokens"], "--max-tokens");
  const request: ChatRequest = {
    messages: [{ role: "user", content: prompt }],
    ...(values.system !== undefined && { system: values.system }),
    ...(maxTokens !== undefined && { maxTokens }),
    ...(reasoning !== undefined && { reasoning }),
  };

  const { host } = await session.openHost(values.config);
  const json = values.json === true;
  let printedText = false;
  for await (const event of host.stream(values.model, request, { signal: session.io.signal })) {
    if (json) {
      session.out(`${serializeStreamEvent(event)}\n`);
      if (event.type === "error") return EXIT_FAILURE;
      continue;
    }
    if (event.type === "text-delta") {
      session.out(event.text);
      printedText = true;
    } else if (event.type === "finish") {
      if (printedText) session.out("\n");
    } else if (event.type === "error") {
      if (printedText) session.out("\n");
      session.err(formatErrorLine(event.error, session.redact));
      return EXIT_FAILURE;
    }
  }
  return EXIT_OK;
}

function parseReasoningLevel(value: string | undefined): ReasoningLevel | undefined {
  if (value === undefined) return undefined;
  if ((REASONING_LEVELS as readonly string[]).includes(value)) return value as ReasoningLevel;
  throw new UsageError(`--reasoning must be one of ${REASONING_LEVELS.join(", ")} (got "${value}").`);
}
