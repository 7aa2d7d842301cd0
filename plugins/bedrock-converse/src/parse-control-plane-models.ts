import type { ModelDefinition, ModelInput } from "@bedrock-kit/plugin-host";
import { z } from "zod";
import { curatedModelDefinition, unknownModelDefinition, type ModelPlacement } from "./converse-model-definitions.js";
import { findCuratedModel } from "./converse-curated-catalog.js";
import { baseModelIdOf, stripProfilePrefix } from "./inference-profile-prefix.js";

/**
 * Pure parsing and filtering of the Bedrock control plane's model lists
 * (`GET /foundation-models`, `GET /inference-profiles`). Unknown fields are kept out of the way;
 * only the fields read are checked.
 */

const foundationModelSummarySchema = z.looseObject({
  modelId: z.string().min(1),
  modelArn: z.string().optional(),
  modelName: z.string().optional(),
  providerName: z.string().optional(),
  inputModalities: z.array(z.string()).optional(),
  outputModalities: z.array(z.string()).optional(),
  responseStreamingSupported: z.boolean().optional(),
  inferenceTypesSupported: z.array(z.string()).optional(),
  modelLifecycle: z.looseObject({ status: z.string().optional() }).optional(),
});

const inferenceProfileSummarySchema = z.looseObject({
  inferenceProfileId: z.string().min(1),
  inferenceProfileArn: z.string().optional(),
  inferenceProfileName: z.string().optional(),
  models: z.array(z.looseObject({ modelArn: z.string().optional() })).optional(),
  status: z.string().optional(),
  type: z.string().optional(),
});

const foundationModelsBodySchema = z.looseObject({ modelSummaries: z.array(foundationModelSummarySchema).default([]) });
const inferenceProfilesBodySchema = z.looseObject({
  inferenceProfileSummaries: z.array(inferenceProfileSummarySchema).default([]),
  nextToken: z.string().nullish(),
});

/** One entry of `ListFoundationModels`. */
export type FoundationModelSummary = z.infer<typeof foundationModelSummarySchema>;
/** One entry of `ListInferenceProfiles`. */
export type InferenceProfileSummary = z.infer<typeof inferenceProfileSummarySchema>;

/** Parse a `GET /foundation-models` body; throws on a body that is not the expected shape. */
export function parseFoundationModelsBody(text: string): FoundationModelSummary[] {
  return foundationModelsBodySchema.parse(JSON.parse(text)).modelSummaries;
}

/** Parse one `GET /inference-profiles` page; throws on a body that is not the expected shape. */
export function parseInferenceProfilesPage(text: string): { profiles: InferenceProfileSummary[]; nextToken?: string } {
  const page = inferenceProfilesBodySchema.parse(JSON.parse(text));
  return page.nextToken ? { profiles: page.inferenceProfileSummaries, nextToken: page.nextToken } : { profiles: page.inferenceProfileSummaries };
}

/** Whether a foundation model can serve this provider at all: active, streaming, text out. */
export function isUsableFoundationModel(summary: FoundationModelSummary): boolean {
  const status = summary.modelLifecycle?.status;
  return (
    (status === undefined || status === "ACTIVE") &&
    summary.responseStreamingSupported === true &&
    (summary.outputModalities ?? []).includes("TEXT")
  );
}

/** Whether the base id can be called directly (otherwise only through a profile). */
export function supportsOnDemand(summary: FoundationModelSummary): boolean {
  return (summary.inferenceTypesSupported ?? []).includes("ON_DEMAND");
}

function inputsOf(summary: FoundationModelSummary | undefined): ModelInput[] {
  return summary?.inputModalities?.includes("IMAGE") === true ? ["text", "image"] : ["text"];
}

/** The base model of a profile: from `models[0].modelArn`, else by stripping the scope prefix. */
export function profileBaseModelId(profile: InferenceProfileSummary): string {
  const arn = profile.models?.[0]?.modelArn;
  if (arn !== undefined) {
    const fromArn = baseModelIdOf(arn);
    if (fromArn !== arn) return fromArn;
  }
  return stripProfilePrefix(profile.inferenceProfileId);
}

/**
 * Turn the control plane's lists into model definitions. Foundation models are kept when usable
 * and callable on demand; models that only run through profiles appear only as their profiles,
 * which inherit the base model's capabilities (and curated knowledge when the plugin has it).
 * Application profiles are called by ARN.
 */
export function discoveredModelDefinitions(
  foundationModels: readonly FoundationModelSummary[],
  profiles: readonly InferenceProfileSummary[],
  placement: ModelPlacement,
): ModelDefinition[] {
  const usable = new Map<string, FoundationModelSummary>();
  for (const summary of foundationModels) if (isUsableFoundationModel(summary)) usable.set(summary.modelId, summary);

  const definitions: ModelDefinition[] = [];
  for (const summary of usable.values()) {
    if (!supportsOnDemand(summary)) continue;
    definitions.push(describe(summary.modelId, summary.modelId, summary.modelName, summary, placement));
  }
  for (const profile of profiles) {
    if (profile.status !== undefined && profile.status !== "ACTIVE") continue;
    const baseId = profileBaseModelId(profile);
    const base = usable.get(baseId);
    // A profile over a legacy, non-streaming or non-text model is as unusable as the model.
    if (base === undefined && (findCuratedModel(baseId) === undefined || foundationModels.some((model) => model.modelId === baseId))) continue;
    const application = profile.type === "APPLICATION";
    const wireId = application && profile.inferenceProfileArn !== undefined ? profile.inferenceProfileArn : profile.inferenceProfileId;
    definitions.push(describe(profile.inferenceProfileId, wireId, profile.inferenceProfileName, base, placement, baseId));
  }
  return definitions;
}

function describe(
  id: string,
  wireId: string,
  name: string | undefined,
  summary: FoundationModelSummary | undefined,
  placement: ModelPlacement,
  baseId: string = id,
): ModelDefinition {
  const known = findCuratedModel(baseId);
  if (known !== undefined) {
    return curatedModelDefinition(known, placement, { id, wireId, source: "discovered", ...(name !== undefined && { name }) });
  }
  return unknownModelDefinition(id, wireId, placement, { name: name ?? id, input: inputsOf(summary), source: "discovered" });
}
