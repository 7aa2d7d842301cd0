import { BedrockKitError } from "@bedrock-kit/plugin-host";
import { expiredKeyError } from "./auth-errors.js";
import type { AwsCredentials } from "./aws-credentials.js";
import { isRegionCode } from "./region.js";
import { amzDate } from "./sigv4-canonical.js";
import { presignUrl } from "./sigv4-presign.js";

/** Prefix of every short-term Bedrock API key. */
export const BEDROCK_TOKEN_PREFIX = "bedrock-api-key-";

/** The longest lifetime of a short-term Bedrock API key: 12 hours. */
export const MAX_BEDROCK_TOKEN_SECONDS = 43_200;

// The token is a presigned call of this action on the global host; only the scope is regional.
const TOKEN_URL = "https://bedrock.amazonaws.com/?Action=CallWithBearerToken";
const TOKEN_VERSION = "&Version=1";

/** Options of {@link mintBedrockToken}. */
export interface MintBedrockTokenOptions {
  /** The IAM credentials the token stands for. */
  credentials: AwsCredentials;
  /** The only region the token is valid in. */
  region: string;
  /** Lifetime in seconds, in (0, 43200]; default 43200 (12 hours). */
  expiresInSeconds?: number;
  /** Signing time. */
  now: Date;
}

/** A minted short-term Bedrock API key. */
export interface MintedBedrockToken {
  /** `bedrock-api-key-…`, sent as `Authorization: Bearer <token>`. */
  token: string;
  /** When it stops working (ms since epoch): the earlier of its own end and the credentials' expiration. */
  expiresAt: number;
}

/**
 * Mint a short-term Bedrock API key from IAM credentials, byte for byte what AWS's own generator
 * (`@aws/bedrock-token-generator`) produces: a SigV4 query presign (service `bedrock`, the target
 * region) of `POST https://bedrock.amazonaws.com/?Action=CallWithBearerToken`, without the scheme,
 * with `&Version=1` appended, base64-encoded and prefixed `bedrock-api-key-`.
 * The presign is hand-rolled on the same canonicalisation as the signer (see ADR 0101), so no
 * @smithy module is loaded; a test compares the output with AWS's generator.
 */
export async function mintBedrockToken(options: MintBedrockTokenOptions): Promise<MintedBedrockToken> {
  return mintBedrockTokenNow(options);
}

/** {@link mintBedrockToken}, synchronously (minting does no I/O). */
export function mintBedrockTokenNow(options: MintBedrockTokenOptions): MintedBedrockToken {
  const expiresInSeconds = options.expiresInSeconds ?? MAX_BEDROCK_TOKEN_SECONDS;
  if (!Number.isInteger(expiresInSeconds) || expiresInSeconds <= 0 || expiresInSeconds > MAX_BEDROCK_TOKEN_SECONDS) {
    throw new BedrockKitError({
      code: "config",
      message: `A Bedrock token lifetime of ${expiresInSeconds} s is out of range.`,
      hint: `Use a whole number of seconds from 1 to ${MAX_BEDROCK_TOKEN_SECONDS} (12 hours).`,
    });
  }
  if (!isRegionCode(options.region)) {
    throw new BedrockKitError({
      code: "config",
      message: `Cannot mint a Bedrock token for region "${options.region.slice(0, 40)}".`,
      hint: "Set the provider's region (or AWS_REGION) to a region code such as us-east-1.",
    });
  }
  const nowMs = options.now.getTime();
  const credentialsEnd = options.credentials.expiration?.getTime();
  if (credentialsEnd !== undefined && credentialsEnd <= nowMs) {
    throw expiredKeyError({ source: "aws-sigv4", expiredAt: credentialsEnd });
  }
  const presigned = presignUrl({
    method: "POST",
    url: TOKEN_URL,
    credentials: options.credentials,
    region: options.region,
    service: "bedrock",
    amzDate: amzDate(nowMs),
    expiresInSeconds,
  });
  const token = BEDROCK_TOKEN_PREFIX + Buffer.from(presigned.slice("https://".length) + TOKEN_VERSION, "utf8").toString("base64");
  const ownEnd = Math.floor(nowMs / 1000) * 1000 + expiresInSeconds * 1000;
  return { token, expiresAt: credentialsEnd === undefined ? ownEnd : Math.min(ownEnd, credentialsEnd) };
}

/** What a short-term Bedrock API key says about itself (nothing secret). */
export interface BedrockTokenInfo {
  /** The region it is valid in. */
  region: string;
  /** When it was signed (ms since epoch). */
  issuedAt: number;
  /** When it stops working (ms since epoch). Credential expiry is not visible in the token. */
  expiresAt: number;
}

/**
 * Read the region and lifetime out of a short-term Bedrock API key (`bedrock-api-key-…`), e.g. to
 * report an expired `AWS_BEARER_TOKEN_BEDROCK` before sending it. `undefined` for long-term keys
 * (`ABSK…`) and anything that does not decode.
 */
export function parseBedrockToken(token: string): BedrockTokenInfo | undefined {
  if (!token.startsWith(BEDROCK_TOKEN_PREFIX)) return undefined;
  let decoded: string;
  try {
    decoded = Buffer.from(token.slice(BEDROCK_TOKEN_PREFIX.length), "base64").toString("utf8");
  } catch {
    return undefined;
  }
  const queryAt = decoded.indexOf("?");
  if (queryAt === -1) return undefined;
  const parameters = new URLSearchParams(decoded.slice(queryAt + 1));
  const date = parameters.get("X-Amz-Date");
  const expires = Number(parameters.get("X-Amz-Expires"));
  const scope = parameters.get("X-Amz-Credential")?.split("/");
  const region = scope?.[2];
  const match = date ? /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date) : null;
  if (!match || !Number.isFinite(expires) || expires <= 0 || region === undefined) return undefined;
  const issuedAt = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]), Number(match[4]), Number(match[5]), Number(match[6]));
  return { region, issuedAt, expiresAt: issuedAt + expires * 1000 };
}
