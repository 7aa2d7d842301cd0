/** The provider id: the key in `models.providers` and the first part of model refs (errors carry it too). */
export const CONVERSE_PROVIDER_ID = "amazon-bedrock";

/** The provider's human-readable name. */
export const CONVERSE_PROVIDER_LABEL = "Amazon Bedrock (Converse)";

/** The environment variables the provider reads (for host UIs and `doctor`). */
export const CONVERSE_ENV_VARS: readonly string[] = [
  "AWS_BEARER_TOKEN_BEDROCK",
  "BEDROCK_API_KEY",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_PROFILE",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
];
