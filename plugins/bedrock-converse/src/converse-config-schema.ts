import { assumeRoleConfigSchema, configuredModelSchema, discoverySchema, retrySchema, secretRefSchema } from "@bedrock-kit/plugin-host/config-schemas";
import { z } from "zod";
import { DEFAULT_CONVERSE_CREDENTIAL_SOURCES } from "./converse-config-values.js";

// Zod-free so the plugin's entry can export it without loading zod (docs/adr/0900-lazy-config-schemas.md).
export { DEFAULT_CONVERSE_CREDENTIAL_SOURCES } from "./converse-config-values.js";

/** Names of the AWS credential chain as users bring them from other tools. */
const AWS_CHAIN_SOURCE_NAMES = new Set(["aws-sigv4", "aws_sigv4", "aws-sdk"]);

/**
 * One credential source: a bearer key reference (`env:NAME`, `file:PATH`, `{ source, id }`) or the
 * AWS credential chain signing with SigV4 (`aws-sigv4`, also spelled `aws_sigv4` or `aws-sdk`).
 * A bare string that is neither is refused: it would be an inline key.
 */
const credentialSourceSchema = secretRefSchema.refine(
  (source) =>
    typeof source === "object" ||
    AWS_CHAIN_SOURCE_NAMES.has(source) ||
    source.startsWith("env:") ||
    source.startsWith("file:"),
  {
    message:
      'A credential source is "env:NAME", "file:PATH", { source, id } or "aws-sigv4"; write a reference, never the key itself.',
  },
);

const httpsOrLoopbackUrl = z
  .string()
  .url()
  .refine((value) => /^https:\/\//.test(value) || /^http:\/\/(127\.|localhost[:/]|localhost$|\[::1\])/.test(value), {
    message: "Use an https:// URL (http:// only on loopback, for a local emulator).",
  });

/** Per-request timeouts in milliseconds; 0 disables one. */
const timeoutsSchema = z
  .object({
    connectMs: z.number().int().nonnegative().optional().describe("Until the connection is open (default 10000)"),
    firstByteMs: z
      .number()
      .int()
      .nonnegative()
      .optional()
      .describe("Until the response headers arrive (default 60000 streaming, 300000 for /converse)"),
    idleMs: z.number().int().nonnegative().optional().describe("Longest silence mid-stream (default 120000)"),
  })
  .strict();

/** The provider's entry in `models.providers["amazon-bedrock"]`. */
export const converseConfigSchema = z
  .object({
    region: z
      .string()
      .min(1)
      .optional()
      .describe("AWS region; else the region of baseUrl, AWS_REGION, AWS_DEFAULT_REGION, us-east-1"),
    baseUrl: httpsOrLoopbackUrl
      .optional()
      .describe("Runtime endpoint override; the SigV4 signing region derives from an AWS host (standard, FIPS, GovCloud, China)"),
    controlPlaneUrl: httpsOrLoopbackUrl
      .optional()
      .describe("Control-plane endpoint for discovery; default derives from baseUrl or the region"),
    regions: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        "Several regions served by this one provider (the first is the primary; default: `region`): the curated catalog (and discovery) per region; an id an earlier region lists gets an `@region` suffix. Ignored with baseUrl (docs/adr/1002)",
      ),
    regionBaseUrls: z
      .record(z.string().min(1), httpsOrLoopbackUrl)
      .optional()
      .describe("Per-region runtime endpoint overrides (emulators, VPC endpoints), used with `regions`; a non-AWS URL also serves that region's control plane"),
    regionControlPlaneUrls: z
      .record(z.string().min(1), httpsOrLoopbackUrl)
      .optional()
      .describe("Per-region control-plane endpoint overrides (emulators, VPC endpoints), used with `regions`, as controlPlaneUrl is for the primary"),
    auth: z
      .object({
        credentials: z
          .array(credentialSourceSchema)
          .min(1)
          .default([...DEFAULT_CONVERSE_CREDENTIAL_SOURCES])
          .describe('Credential sources tried in order; pin ["aws-sigv4"] to ignore bearer keys in the environment'),
        ...assumeRoleConfigSchema.shape,
        roleArn: assumeRoleConfigSchema.shape.roleArn
          .optional()
          .describe("Assume this IAM role with the AWS default chain's identity; when set, the role always signs (bearer sources are not tried)"),
      })
      .strict()
      .superRefine((auth, context) => {
        if (auth.roleArn !== undefined) return;
        for (const field of ["externalId", "sessionName", "durationSeconds", "stsEndpoint"] as const) {
          if (auth[field] !== undefined) context.addIssue({ code: "custom", path: [field], message: `${field} needs roleArn (the role to assume)` });
        }
      })
      .prefault({}),
    discovery: discoverySchema
      .extend({
        enabled: z
          .boolean()
          .default(false)
          .describe("List models from the control plane (needs aws-sigv4 and bedrock:ListFoundationModels / ListInferenceProfiles)"),
      })
      .prefault({}),
    models: z.array(configuredModelSchema).default([]),
    timeouts: timeoutsSchema.optional(),
    retry: retrySchema.optional().describe("Retries of throttled/unavailable/connection failures before the first byte"),
  })
  .strict();

/** The validated config (defaults applied). */
export type ConverseConfig = z.output<typeof converseConfigSchema>;

/** A credential source as configured. */
export type ConverseCredentialSource = ConverseConfig["auth"]["credentials"][number];
