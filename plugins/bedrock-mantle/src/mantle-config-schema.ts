import { z } from "zod";
import { DEFAULT_DISCOVERY_TIMEOUT_MS, DEFAULT_MANTLE_API_KEY_REF, MANTLE_APIS } from "./mantle-config-values.js";
import { converseStyleIdHint, isConverseStyleModelId } from "./resolve-mantle-model-id.js";
import {
  assumeRoleConfigSchema,
  configuredModelSchema,
  discoverySchema,
  retrySchema,
  secretRefSchema,
  timeoutsSchema,
} from "@bedrock-kit/plugin-host/config-schemas";

// Zod-free values and readers live in mantle-config-values.ts (runtime code needs them without
// loading zod); re-exported here so this module stays the one place that describes the config.
export {
  DEFAULT_DISCOVERY_TIMEOUT_MS,
  DEFAULT_MANTLE_API_KEY_REF,
  MANTLE_APIS,
  readMantleAssumeRole,
  readMantleAuthMode,
  type MantleApi,
  type MantleAuthMode,
} from "./mantle-config-values.js";

/** Zod schema of {@link MantleApi}. */
export const mantleApiSchema = z.enum(MANTLE_APIS);

/**
 * How requests authenticate:
 * - `api-key`: the bearer key from `apiKey` only;
 * - `aws-sdk`: a short-term bearer token minted from the AWS credential chain;
 * - `aws-sigv4` (or `aws_sigv4`): each request SigV4-signed with service `bedrock-mantle`.
 * Absent: the key when `apiKey` resolves, else a token minted from the chain.
 */
export const mantleAuthModeSchema = z
  .enum(["api-key", "aws-sdk", "aws-sigv4", "aws_sigv4"])
  .describe('"api-key" | "aws-sdk" (token minted from the AWS chain) | "aws-sigv4" (direct signing); absent: the key if it resolves, else the chain');

/**
 * The object form of `auth`: an assumed role (`roleArn`, optional `externalId`, `sessionName`,
 * `durationSeconds`, `stsEndpoint`) and how its credentials are used (`mode`, default `aws-sdk`:
 * tokens minted from the role). A configured role always wins over `apiKey` (docs/adr/1000).
 */
export const mantleAuthObjectSchema = assumeRoleConfigSchema
  .extend({
    mode: z
      .enum(["aws-sdk", "aws-sigv4", "aws_sigv4"])
      .optional()
      .describe('"aws-sdk" (tokens minted from the role, default) | "aws-sigv4" (requests signed with the role)'),
  })
  .strict();

/** `auth`: a mode string (`"aws-sigv4"`), or an object with an assumed role. */
export const mantleAuthSchema = z.union([mantleAuthModeSchema, mantleAuthObjectSchema]);

/** Mantle project ids: `default` or `proj_…` (what Mantle's `OpenAI-Project` / `anthropic-workspace` accept). */
export const mantleProjectIdSchema = z
  .string()
  .regex(/^(?:default|proj_[A-Za-z0-9]+)$/, 'Expected "default" or a project id such as "proj_abc123"')
  .describe('Mantle project, sent as OpenAI-Project (OpenAI surfaces) or anthropic-workspace (Messages): "default" or "proj_…"');

/**
 * A configured model on Mantle: the shared shape, with `api` limited to what Mantle speaks and
 * Converse-style ids (`us.…`, `…-v1:0`) refused with the bare id to use instead (they 404 on Mantle).
 */
export const mantleConfiguredModelSchema = configuredModelSchema
  .extend({
    api: mantleApiSchema.optional().describe("The wire API this model is called with; default: the routing rule for its id"),
  })
  .superRefine((model, context) => {
    for (const field of ["id", "wireId"] as const) {
      const value = model[field];
      if (value !== undefined && isConverseStyleModelId(value)) {
        context.addIssue({ code: "custom", path: [field], message: `"${value}" is a Converse-style id. ${converseStyleIdHint(value)}` });
      }
    }
  });

/** Discovery settings: the shared ones plus a bound on the `/v1/models` call. */
export const mantleDiscoverySchema = discoverySchema.extend({
  timeoutMs: z
    .number()
    .int()
    .positive()
    .optional()
    .describe(`Longest the /v1/models call may take, in ms (default ${DEFAULT_DISCOVERY_TIMEOUT_MS})`),
});

/**
 * The `amazon-bedrock-mantle` entry of `models.providers`. Strict: a misspelled key is an error,
 * never silently ignored. Every field is optional: with no entry at all, `AWS_BEARER_TOKEN_BEDROCK`
 * or any AWS identity is enough.
 */
export const mantleConfigSchema = z
  .object({
    baseUrl: z
      .string()
      .url()
      .optional()
      .describe("Mantle URL as pasted (…/v1, …/openai/v1, …/anthropic); normalized to the host root. Skips the region check."),
    api: mantleApiSchema
      .optional()
      .describe("Default API for model ids the routing rules do not know; never overrides a known family's surface"),
    auth: mantleAuthSchema.optional(),
    apiKey: secretRefSchema.default(DEFAULT_MANTLE_API_KEY_REF),
    region: z.string().min(1).optional().describe("AWS region; else AWS_REGION, AWS_DEFAULT_REGION, us-east-1"),
    regions: z
      .array(z.string().min(1))
      .min(1)
      .optional()
      .describe(
        "Several regions served by this one provider (the first is the primary; default: `region`). Discovery runs per region; an id listed by an earlier region gets an `@region` suffix in later ones. Ignored with an explicit baseUrl (docs/adr/1002)",
      ),
    regionBaseUrls: z
      .record(z.string().min(1), z.string().url())
      .optional()
      .describe("Per-region Mantle URL overrides (emulators, VPC endpoints), used with `regions`; other regions use their public endpoint"),
    discovery: mantleDiscoverySchema.prefault({}),
    models: z.array(mantleConfiguredModelSchema).default([]),
    projectId: mantleProjectIdSchema.optional(),
    headers: z
      .record(z.string().min(1), z.string())
      .optional()
      .describe("Extra headers sent with every request (never put a secret here; use apiKey)"),
    timeouts: timeoutsSchema.optional(),
    retry: retrySchema.optional(),
  })
  .strict();

/** The validated entry (defaults applied). */
export type MantleConfig = z.output<typeof mantleConfigSchema>;

/** The entry as written in a config file. */
export type MantleConfigInput = z.input<typeof mantleConfigSchema>;

/** The assumed-role settings of `auth` (object form). */
export type MantleAssumeRole = Omit<z.output<typeof mantleAuthObjectSchema>, "mode">;

