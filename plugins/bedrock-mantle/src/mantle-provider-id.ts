/** The provider id: the key in `models.providers` and the first part of model refs. */
export const MANTLE_PROVIDER_ID = "amazon-bedrock-mantle";

/** The provider's human-readable name. */
export const MANTLE_PROVIDER_LABEL = "Amazon Bedrock (Mantle)";

/** The environment variables the provider reads (for host UIs and `doctor`). */
export const MANTLE_ENV_VARS: readonly string[] = [
  "AWS_BEARER_TOKEN_BEDROCK",
  "AWS_REGION",
  "AWS_DEFAULT_REGION",
  "AWS_PROFILE",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "AWS_SESSION_TOKEN",
];
