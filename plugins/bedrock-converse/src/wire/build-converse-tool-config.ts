import type { ResponseFormat, ToolChoice, ToolDefinition } from "@bedrock-kit/plugin-host";
import { CONVERSE_NAME_PATTERN, invalidRequest } from "./converse-request-errors.js";

/** Name of the synthetic tool that carries structured output for models without native support. */
export const STRUCTURED_OUTPUT_TOOL_NAME = "json";

/** What {@link buildConverseToolConfig} decides from. */
export interface ToolConfigInput {
  /** The request's tools. */
  tools: readonly ToolDefinition[] | undefined;
  /** The request's tool choice. */
  toolChoice: ToolChoice | undefined;
  /** The model accepts tool definitions (`compat.tools`, default true). */
  supportsTools: boolean;
  /** The history holds toolUse/toolResult blocks (Bedrock then requires a toolConfig). */
  historyHasToolBlocks: boolean;
  /** Tools called in the history, to declare when the request declares none. */
  calledToolNames: readonly string[];
  /** Structured output to obtain through the synthetic tool; unset when not needed. */
  structuredOutput: ResponseFormat | undefined;
}

/** The `toolConfig` to send (if any) and whether the synthetic structured-output tool is in it. */
export interface ToolConfigResult {
  /** Converse `toolConfig`; undefined when no tool configuration is sent. */
  toolConfig: { tools: Array<Record<string, unknown>>; toolChoice?: Record<string, unknown> } | undefined;
  /** Set when the answer arrives as the arguments of this synthetic tool. */
  structuredOutputToolName: string | undefined;
}

/**
 * Build `toolConfig`. Converse's tool choice has `auto`, `any` and `tool`, no `none`:
 * - `auto` (default) sends no `toolChoice` (the API default; some models reject an explicit one);
 *   `required` is `any`; `{name}` is `tool`.
 * - `none` withholds the tools, as AWS SDK users do. If the history already holds tool blocks,
 *   Bedrock refuses a request without `toolConfig`, so the tools are kept with no `toolChoice`
 *   rather than stripping the tool results the model needs to see.
 * - A history with tool blocks but no declared tools gets minimal declarations of the tools it
 *   called, for the same reason.
 * - Structured output without native support adds a `json` tool whose arguments are the answer,
 *   forced when it is the only tool, else `any` (the model ends by calling it).
 */
export function buildConverseToolConfig(input: ToolConfigInput): ToolConfigResult {
  const declared = input.tools ?? [];
  if (declared.length > 0 && !input.supportsTools) {
    throw invalidRequest("This model does not accept tools.", "Remove the tools from the request or choose a model that supports tool use.");
  }
  validateToolNames(declared, input.structuredOutput !== undefined);
  const choice = input.toolChoice ?? "auto";
  if (typeof choice === "object" && !declared.some((tool) => tool.name === choice.name)) {
    throw invalidRequest(
      `toolChoice names the tool "${choice.name}", which is not among the request's tools.`,
      "Name one of the tools passed in `tools`, or use auto/required.",
    );
  }

  const offered = choice === "none" ? [] : declared.map(toolSpec);
  if (input.structuredOutput !== undefined) {
    const tools = [...offered, structuredOutputSpec(input.structuredOutput)];
    const toolChoice =
      offered.length === 0
        ? { tool: { name: STRUCTURED_OUTPUT_TOOL_NAME } }
        : typeof choice === "object"
          ? { tool: { name: choice.name } }
          : { any: {} };
    return { toolConfig: { tools, toolChoice }, structuredOutputToolName: STRUCTURED_OUTPUT_TOOL_NAME };
  }
  if (offered.length > 0) {
    const toolChoice = choice === "required" ? { any: {} } : typeof choice === "object" ? { tool: { name: choice.name } } : undefined;
    return { toolConfig: toolChoice === undefined ? { tools: offered } : { tools: offered, toolChoice }, structuredOutputToolName: undefined };
  }
  if (!input.historyHasToolBlocks) return { toolConfig: undefined, structuredOutputToolName: undefined };
  // Tool blocks in the history need a toolConfig; declare what we know (no toolChoice: `none` has no wire form).
  const tools =
    declared.length > 0
      ? declared.map(toolSpec)
      : input.calledToolNames.map((name) => ({ toolSpec: { name, inputSchema: { json: { type: "object", properties: {} } } } }));
  if (tools.length === 0) {
    throw invalidRequest(
      "The conversation holds tool results but declares no tools, and Bedrock requires a tool configuration then.",
      "Pass the tool definitions (`tools`) along with a conversation that contains tool calls.",
    );
  }
  return { toolConfig: { tools }, structuredOutputToolName: undefined };
}

function validateToolNames(tools: readonly ToolDefinition[], reservesStructuredOutputName: boolean): void {
  const seen = new Set<string>();
  for (const tool of tools) {
    if (!CONVERSE_NAME_PATTERN.test(tool.name)) {
      throw invalidRequest(
        `The tool name "${tool.name}" is not accepted by Bedrock.`,
        "Tool names must match [a-zA-Z0-9_-] and be 1 to 64 characters long; rename the tool.",
      );
    }
    if (seen.has(tool.name)) {
      throw invalidRequest(`Two tools are named "${tool.name}".`, "Give every tool a unique name.");
    }
    if (reservesStructuredOutputName && tool.name === STRUCTURED_OUTPUT_TOOL_NAME) {
      throw invalidRequest(
        `The tool name "${STRUCTURED_OUTPUT_TOOL_NAME}" is reserved for structured output on this model.`,
        "Rename the tool, or drop responseFormat.",
      );
    }
    seen.add(tool.name);
  }
}

function toolSpec(tool: ToolDefinition): Record<string, unknown> {
  const spec: Record<string, unknown> = { name: tool.name };
  if (tool.description !== undefined && tool.description !== "") spec.description = tool.description;
  spec.inputSchema = { json: tool.parameters };
  if (tool.strict === true) spec.strict = true;
  return { toolSpec: spec };
}

function structuredOutputSpec(format: ResponseFormat): Record<string, unknown> {
  if (format.schema.type !== "object") {
    throw invalidRequest(
      `The "${format.name}" schema's root is not an object, and this model gets structured output through a tool, whose input must be an object.`,
      "Wrap the schema in an object (e.g. { type: \"object\", properties: { items: <schema> } }), or use a model with native structured output.",
    );
  }
  return {
    toolSpec: {
      name: STRUCTURED_OUTPUT_TOOL_NAME,
      description: `Respond with the final answer as the arguments of this tool: a JSON value matching the "${format.name}" schema.`,
      inputSchema: { json: format.schema },
    },
  };
}
