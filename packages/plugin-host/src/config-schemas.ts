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

/** Per-million-token prices in USD. */
export const modelCostSchema = z
  .object({
    input: z.number().nonnegative(),
    output: z.number().nonnegative(),
    cacheRead: z.number().nonnegative().default(0),
    cacheWrite: z.number().nonnegative().default(0),
  })
  .strict()
  .describe("Prices in USD per million tokens");

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
