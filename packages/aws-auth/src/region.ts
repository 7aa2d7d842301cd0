import { BedrockKitError, type Env } from "@bedrock-kit/plugin-host";

/** The region used when nothing configures one, as the AWS SDKs and CLI do for Bedrock examples. */
export const DEFAULT_REGION = "us-east-1";

/** AWS partitions the plugins know how to address. */
export type AwsPartition = "aws" | "aws-cn" | "aws-us-gov";

const REGION_PATTERN = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** Whether `region` is shaped like an AWS region code (`us-east-1`, `us-gov-west-1`, `cn-north-1`). */
export function isRegionCode(region: string): boolean {
  return REGION_PATTERN.test(region);
}

/**
 * The region to call: explicit config, else `AWS_REGION`, else `AWS_DEFAULT_REGION`, else
 * `us-east-1`. Blank values count as unset; values are trimmed. A value that is not a region
 * code is a `config` error naming where it came from.
 */
export function resolveRegion(options: { configured?: string; env: Env }): string {
  // Runs before every Converse call: three plain checks, no list of candidates built per call.
  return (
    checkedRegion("config region", options.configured) ??
    checkedRegion("AWS_REGION", options.env.AWS_REGION) ??
    checkedRegion("AWS_DEFAULT_REGION", options.env.AWS_DEFAULT_REGION) ??
    DEFAULT_REGION
  );
}

/** The trimmed region, `undefined` when blank or unset; a value that is not a region code throws. */
function checkedRegion(origin: string, value: string | undefined): string | undefined {
  const region = value?.trim();
  if (!region) return undefined;
  if (!isRegionCode(region)) {
    throw new BedrockKitError({
      code: "config",
      message: `${origin} is "${region.slice(0, 40)}", which is not an AWS region code.`,
      hint: `Set ${origin} to a region code such as us-east-1, us-west-2, eu-central-1, us-gov-west-1 or cn-north-1.`,
    });
  }
  return region;
}

/** The partition a region belongs to. */
export function partitionOfRegion(region: string): AwsPartition {
  if (region.startsWith("cn-")) return "aws-cn";
  if (region.startsWith("us-gov-")) return "aws-us-gov";
  return "aws";
}

/** The DNS suffix of a region's classic endpoints (`amazonaws.com`, `amazonaws.com.cn` in China). */
export function dnsSuffixOfRegion(region: string): string {
  return partitionOfRegion(region) === "aws-cn" ? "amazonaws.com.cn" : "amazonaws.com";
}

/** Bedrock runtime (Converse, InvokeModel): `https://bedrock-runtime[-fips].R.amazonaws.com[.cn]`. */
export function runtimeEndpoint(region: string, options: { fips?: boolean } = {}): string {
  return `https://bedrock-runtime${options.fips ? "-fips" : ""}.${region}.${dnsSuffixOfRegion(region)}`;
}

/** Bedrock control plane (ListFoundationModels, ListInferenceProfiles): `https://bedrock[-fips].R.amazonaws.com[.cn]`. */
export function controlPlaneEndpoint(region: string, options: { fips?: boolean } = {}): string {
  return `https://bedrock${options.fips ? "-fips" : ""}.${region}.${dnsSuffixOfRegion(region)}`;
}

/** Bedrock Mantle (OpenAI- and Anthropic-compatible): `https://bedrock-mantle.R.api.aws`. */
export function mantleEndpoint(region: string): string {
  return `https://bedrock-mantle.${region}.api.aws`;
}

/** What an AWS endpoint URL says about how to sign for it. */
export interface AwsEndpointInfo {
  /** Signing region. */
  region: string;
  /** Signing service: `bedrock` for runtime and control plane, `bedrock-mantle` for Mantle. */
  service: "bedrock" | "bedrock-mantle";
  /** A FIPS endpoint. */
  fips: boolean;
  /** The partition of the region. */
  partition: AwsPartition;
}

// bedrock / bedrock-runtime (optionally -fips) on amazonaws.com(.cn) or the dual-stack api.aws.
const CLASSIC_HOST = /^(bedrock(?:-runtime)?)(-fips)?\.([a-z0-9-]+)\.(?:amazonaws\.com(?:\.cn)?|api\.aws)$/;
// bedrock-mantle (optionally -fips) on api.aws.
const MANTLE_HOST = /^bedrock-mantle(-fips)?\.([a-z0-9-]+)\.api\.aws$/;
// Interface VPC endpoints: vpce-….bedrock-runtime.R.vpce.amazonaws.com (also with a zone prefix).
const VPC_ENDPOINT_HOST = /^(?:[a-z0-9-]+\.)+?(bedrock(?:-runtime|-mantle)?)(-fips)?\.([a-z0-9-]+)\.vpce\.amazonaws\.com(?:\.cn)?$/;

/**
 * Signing region and service from an endpoint URL: `bedrock-runtime[-fips].R.amazonaws.com[.cn]`,
 * `bedrock[-fips].R…`, `bedrock-mantle.R.api.aws`, dual-stack `….api.aws`, GovCloud, China and
 * interface VPC endpoints. `undefined` for anything else (a proxy, the emulator, a typo): the caller
 * then uses its configured region.
 */
export function parseAwsEndpoint(url: string): AwsEndpointInfo | undefined {
  let hostname: string;
  try {
    hostname = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const mantle = MANTLE_HOST.exec(hostname);
  if (mantle) return describe(mantle[2], "bedrock-mantle", mantle[1] !== undefined);
  const classic = CLASSIC_HOST.exec(hostname);
  if (classic) return describe(classic[3], "bedrock", classic[2] !== undefined, hostname);
  const vpc = VPC_ENDPOINT_HOST.exec(hostname);
  if (vpc) return describe(vpc[3], vpc[1] === "bedrock-mantle" ? "bedrock-mantle" : "bedrock", vpc[2] !== undefined);
  return undefined;
}

function describe(region: string | undefined, service: AwsEndpointInfo["service"], fips: boolean, hostname?: string): AwsEndpointInfo | undefined {
  if (region === undefined || !isRegionCode(region)) return undefined;
  // A China region is only valid on the .cn suffix (and only China regions are).
  if (hostname !== undefined && hostname.endsWith(".amazonaws.com.cn") !== (partitionOfRegion(region) === "aws-cn") && !hostname.endsWith(".api.aws")) return undefined;
  return { region, service, fips, partition: partitionOfRegion(region) };
}
