/**
 * The AWS regions that serve Mantle (`bedrock-mantle.{region}.api.aws`), from AWS's
 * `bedrock-mantle.md` region table. Peers that hard-coded twelve of them missed ap-southeast-2
 * (Sydney) and us-gov-west-1 (GovCloud). Availability of single models still differs inside this list.
 */
export const MANTLE_REGIONS: readonly string[] = [
  "us-east-1",
  "us-east-2",
  "us-west-2",
  "ap-south-1",
  "ap-southeast-2",
  "ap-southeast-3",
  "ap-northeast-1",
  "eu-central-1",
  "eu-west-1",
  "eu-west-2",
  "eu-south-1",
  "eu-north-1",
  "sa-east-1",
  "us-gov-west-1",
];

const MANTLE_REGION_SET: ReadonlySet<string> = new Set(MANTLE_REGIONS);

/** Whether Mantle has an endpoint in this region. */
export function isMantleRegion(region: string): boolean {
  return MANTLE_REGION_SET.has(region);
}
