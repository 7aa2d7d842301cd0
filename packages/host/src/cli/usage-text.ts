/** The CLI's help text. */
export const USAGE_TEXT = `bedrock-kit: Amazon Bedrock (Mantle and Converse) for agent hosts

Usage:
  bedrock-kit models list   [--config F] [--provider ID] [--json]
  bedrock-kit models test --model REF [--config F]
  bedrock-kit chat --model REF [--config F] [--system T] [--max-tokens N] [--reasoning LEVEL] [--json] PROMPT
  bedrock-kit doctor        [--config F] [--json]
  bedrock-kit config check  [F]
  bedrock-kit config schema
  bedrock-kit emulator      [--port N] [--json]
  bedrock-kit demo

Config: --config F, else $BEDROCK_KIT_CONFIG, else ./bedrock-kit.json5 (none: the bundled plugins with defaults).
Logs: JSON lines on stderr; level from $BEDROCK_KIT_LOG (debug, info, warn, error; default warn).
Exit codes: 0 ok, 1 provider or request failure, 2 usage or config error.
`;
