import { z } from "zod";
import { MODEL_APIS, type ModelApi } from "./model-definition.js";

/**
 * Zod building blocks shared by every provider's config schema, so that all providers spell
 * secrets, models and discovery the same way and the generated JSON Schema stays uniform.
 */

/** A secret reference: `env:NAME`, `file:PATH`, or `{ source, id }`. Literal strings are accepted by the schema; the host's resolver refuses them unless inline secrets are allowed. */
export const secretRefSchema = z
  .union([
    z.string().min(1),
    z.object({ source: z.enum(["env", "file"]), id: z.string().min(1) }).strict(),
  ])
  .describe('A secret reference: "env:NAME", "file:PATH" or { source: "env" | "file", id }');

/**
 * Per-million-token prices in USD. Each field is optional: configured prices override the catalog's
 * field by field (a cache price nobody gives is 0; a model without input and output prices has an
 * unknown cost).
 */
export const modelCostSchema = z
  .object({
    input: z.number().nonnegative().optional(),
    output: z.number().nonnegative().optional(),
    cacheRead: z.number().nonnegative().optional(),
    cacheWrite: z.number().nonnegative().optional().describe("Anthropic-style prompt-cache write price"),
  })
  .strict()
  .describe("Prices in USD per million tokens; each overrides the catalog's price field by field");

/** One of the wire APIs. */
export const modelApiSchema = z.enum(MODEL_APIS as [ModelApi, ...ModelApi[]]);

/** A model entry as users write it in `models.providers[id].models`. */
export const configuredModelSchema = z
  .object({
    id: z.string().min(1).describe("The id written after provider/ in a model ref"),
    wireId: z.string().min(1).optional().describe("The id sent upstream, when it differs from id"),
    name: z.string().min(1).optional(),
    api: modelApiSchema.optional().describe("The wire API this model is called with"),
    baseUrl: z.string().url().optional(),
    reasoning: z.boolean().optional(),
    input: z.array(z.enum(["text", "image"])).optional(),
    cost: modelCostSchema.optional(),
    contextWindow: z.number().int().positive().optional(),
    maxTokens: z.number().int().positive().optional(),
    region: z.string().min(1).optional().describe("AWS region for this model, when not the provider's"),
  })
  .strict();

/** Discovery settings. */
export const discoverySchema = z
  .object({
    enabled: z.boolean().default(true),
    ttlSeconds: z.number().int().positive().default(3600),
  })
  .strict();

/** Per-request timeouts in ms (0 disables one). */
export const timeoutsSchema = z
  .object({
    connectMs: z.number().int().nonnegative().optional().describe("Connect timeout (default 10000)"),
    firstByteMs: z.number().int().nonnegative().optional().describe("From request sent to response headers (default 60000)"),
    idleMs: z.number().int().nonnegative().optional().describe("Longest silence between stream chunks (default 120000)"),
  })
  .strict();

/** Retry policy for failures before the first byte. */
export const retrySchema = z
  .object({
    maxAttempts: z.number().int().min(1).max(10).optional().describe("Attempts including the first (default 3)"),
    baseDelayMs: z.number().int().nonnegative().optional().describe("Backoff base (default 200)"),
    maxDelayMs: z.number().int().nonnegative().optional().describe("Cap of one wait (default 20000)"),
    totalDeadlineMs: z.number().int().nonnegative().optional().describe("No retry after this much time (default 60000)"),
  })
  .strict();

/**
 * An IAM role the provider assumes (STS AssumeRole) with the default chain's identity; the role's
 * credentials then sign requests, mint tokens and run discovery. Shared so both providers spell it alike.
 */
export const assumeRoleConfigSchema = z
  .object({
    roleArn: z
      .string()
      .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/, 'Expected a role ARN such as "arn:aws:iam::123456789012:role/bedrock-gateway"')
      .describe("The IAM role to assume with the AWS default chain's identity"),
    externalId: z.string().min(2).max(1224).optional().describe("External id the role's trust policy requires"),
    sessionName: z
      .string()
      .regex(/^[\w+=,.@-]{2,64}$/, "2-64 characters of letters, digits and +=,.@_-")
      .optional()
      .describe("Role session name recorded in CloudTrail (default bedrock-kit-<time>)"),
    durationSeconds: z.number().int().min(900).max(43200).optional().describe("Role session lifetime in seconds (900-43200; STS default 3600)"),
    stsEndpoint: z
      .string()
      .url()
      .optional()
      .describe("STS endpoint override (a VPC endpoint, or a local emulator); default the regional STS endpoint"),
  })
  .strict();
