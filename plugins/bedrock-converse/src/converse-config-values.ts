/** The credential sources tried when the config names none, in order. */
export const DEFAULT_CONVERSE_CREDENTIAL_SOURCES = ["env:AWS_BEARER_TOKEN_BEDROCK", "env:BEDROCK_API_KEY", "aws-sigv4"] as const;
