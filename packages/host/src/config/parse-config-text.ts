import JSON5 from "json5";
import { configError } from "./config-error.js";
import { formatZodIssues, summarizeIssueLines } from "./format-zod-issues.js";
import { hostConfigSchema, type HostConfig } from "./host-config-schema.js";

/**
 * Parse a config file's text (JSON5) and validate the host's part of it. Provider entries under
 * `models.providers` are checked later against each provider's own schema, once plugins are loaded.
 * Throws a `config` error naming `fileName:line:column` for a syntax error, or the field path and
 * what was expected for a schema error.
 */
export function parseConfigText(text: string, fileName: string): HostConfig {
  return validateHostConfig(parseJson5(text, fileName), fileName);
}

/** Validate an already-parsed config object (defaults applied); `source` names it in errors. */
export function validateHostConfig(value: unknown, source: string): HostConfig {
  const result = hostConfigSchema.safeParse(value);
  if (result.success) return result.data;
  const lines = formatZodIssues(result.error.issues);
  throw configError(
    `${source} is invalid: ${summarizeIssueLines(lines)}`,
    "Fix the fields named above; `bedrock-kit config schema` prints every allowed field.",
  );
}

function parseJson5(text: string, fileName: string): unknown {
  try {
    return JSON5.parse(text);
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const position = error as SyntaxError & { lineNumber?: number; columnNumber?: number };
    const where = position.lineNumber === undefined ? fileName : `${fileName}:${position.lineNumber}:${position.columnNumber ?? 1}`;
    // json5 says "JSON5: invalid character 'x' at 2:5"; the position already leads the message.
    const reason = error.message.replace(/^JSON5: /, "").replace(/ at \d+:\d+$/, "");
    throw configError(
      `${where}: invalid JSON5: ${reason}`,
      "Fix the syntax at that line and column (JSON5 allows comments, trailing commas and unquoted keys).",
      { cause: error },
    );
  }
}
