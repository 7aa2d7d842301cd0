import type { Provider } from "@bedrock-kit/plugin-host";
import { configuredModelSchema, discoverySchema, modelCostSchema, secretRefSchema } from "@bedrock-kit/plugin-host/config-schemas";
import { z } from "zod";
import { hostConfigSchema, modelsModeSchema, secretsSectionSchema } from "./host-config-schema.js";

/** `$id` of the generated schema: a stable name editors and `$ref`s can use. */
export const CONFIG_SCHEMA_ID = "urn:bedrock-kit:config-schema";

/** Where the generated schema is committed, relative to the repository root. */
export const CONFIG_SCHEMA_FILE = "schemas/bedrock-kit.config.schema.json";

/**
 * The JSON Schema (draft 2020-12) of the whole config file: the host's fields, and under
 * `models.providers.<id>` each provider's own `configSchema`. Shared building blocks (secret
 * references, configured models, prices, discovery) and each provider's entry land in `$defs`,
 * so editors and other schemas can `$ref` them. Deterministic for a given set of providers.
 */
export function buildConfigJsonSchema(providers: readonly Provider[]): Record<string, unknown> {
  // A registry per call: naming schemas here must not leak into zod's global registry.
  const registry = z.registry<{ id: string; title?: string; description?: string }>();
  registry.add(secretRefSchema, { id: "SecretRef", description: 'A secret reference: "env:NAME", "file:PATH" or { source: "env" | "file", id }' });
  registry.add(configuredModelSchema, { id: "ConfiguredModel", description: "A model entry as written in models.providers.<id>.models" });
  registry.add(modelCostSchema, { id: "ModelCost", description: "Prices in USD per million tokens" });
  registry.add(discoverySchema, { id: "Discovery", description: "Model discovery settings" });
  registry.add(modelsModeSchema, { id: "ModelsMode" });
  registry.add(secretsSectionSchema, { id: "SecretsSettings" });

  const providerShape: Record<string, z.ZodType> = {};
  for (const provider of [...providers].sort((left, right) => left.id.localeCompare(right.id))) {
    if (!registry.has(provider.configSchema)) {
      registry.add(provider.configSchema, { id: `provider-${provider.id}`, title: provider.label, description: `Settings of provider ${provider.id} (${provider.label})` });
    }
    providerShape[provider.id] = provider.configSchema.optional();
  }
  const wholeFile = hostConfigSchema.extend({
    models: hostConfigSchema.shape.models.unwrap().extend({
      providers: z
        .object(providerShape)
        .strict()
        .default({})
        .describe("One entry per provider id, validated by that provider's config schema"),
    }).default({ mode: "merge", providers: {} }),
  });

  const generated = z.toJSONSchema(wholeFile, {
    target: "draft-2020-12",
    io: "input",
    metadata: registry,
    unrepresentable: "any",
    // A custom registry hides zod's global one, where `.describe()` and `.meta()` keep their text: copy it back.
    override(context) {
      const global = z.globalRegistry.get(context.zodSchema);
      if (global === undefined) return;
      const target = context.jsonSchema as Record<string, unknown>;
      for (const [key, value] of Object.entries(global)) {
        if (key !== "id" && target[key] === undefined) target[key] = value;
      }
    },
  }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: CONFIG_SCHEMA_ID,
    title: "bedrock-kit config file",
    description: "The bedrock-kit host config (JSON5): plugins to load and one entry per provider under models.providers.",
    ...rest,
  };
}

/** The schema as the committed file holds it: two-space JSON with a final newline. */
export function formatConfigJsonSchema(schema: Record<string, unknown>): string {
  return `${JSON.stringify(schema, null, 2)}\n`;
}
