/**
 * Shared AWS plumbing for the bedrock-kit plugins: credential sources, region and endpoints,
 * short-term Bedrock API keys, SigV4 signing, redaction, and the HTTP transport. Nothing heavy is
 * loaded at import: the AWS credential chain is imported only when the `aws-sigv4` source is reached.
 */
export type { AwsCredentials, AwsCredentialProvider } from "./aws-credentials.js";
export { credentialIdentity } from "./aws-credentials.js";
export type { CredentialSourceName, ResolvedCredential, ResolveCredentialOptions } from "./credential-sources.js";
export { DEFAULT_CREDENTIAL_SOURCES, AWS_CHAIN_SOURCE_NAMES, describeCredentialSource, resolveCredential } from "./credential-sources.js";
export type { AssumeRoleProviderOptions, AssumeRoleSettings, CredentialProvidersModule } from "./assume-role-provider.js";
export { createAssumeRoleProvider } from "./assume-role-provider.js";
export type { DefaultCredentialProviderOptions } from "./aws-credential-chain.js";
export { createDefaultCredentialProvider, credentialsFromEnv } from "./aws-credential-chain.js";
export type { AwsEndpointInfo, AwsPartition } from "./region.js";
export {
  DEFAULT_REGION,
  controlPlaneEndpoint,
  dnsSuffixOfRegion,
  isRegionCode,
  mantleEndpoint,
  parseAwsEndpoint,
  partitionOfRegion,
  resolveRegion,
  runtimeEndpoint,
} from "./region.js";
export type { BedrockTokenInfo, MintBedrockTokenOptions, MintedBedrockToken } from "./bedrock-token-minting.js";
export { BEDROCK_TOKEN_PREFIX, MAX_BEDROCK_TOKEN_SECONDS, mintBedrockToken, mintBedrockTokenNow, parseBedrockToken } from "./bedrock-token-minting.js";
export type { BedrockTokenProvider, BedrockTokenProviderOptions } from "./bedrock-token-provider.js";
export { createBedrockTokenProvider } from "./bedrock-token-provider.js";
export type { SigV4Signer, SigV4SignerOptions } from "./sigv4-signer.js";
export { createSigV4Signer } from "./sigv4-signer.js";
export { createBoundedMemo } from "./bounded-memo.js";
export type { PresignOptions } from "./sigv4-presign.js";
export { presignUrl } from "./sigv4-presign.js";
export { amzDate } from "./sigv4-canonical.js";
export { redactSecrets, redactValue, createRedactingLogger, isSecretKeyName, REDACTED } from "@bedrock-kit/plugin-host";
export type {
  CredentialChainErrorOptions,
  ExpiredKeyErrorOptions,
  MissingCredentialErrorOptions,
} from "./auth-errors.js";
export { credentialChainError, expiredKeyError, missingCredentialError } from "./auth-errors.js";
export * from "./transport/index.js";
