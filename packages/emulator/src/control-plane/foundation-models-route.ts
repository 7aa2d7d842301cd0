import { awsJsonSurfaceErrors, validationException } from "../errors/aws-json-error-bodies.js";
import type { RuntimeEntry } from "../models/model-catalog.js";
import { sendJson, sendPrepared } from "../server/http-exchange.js";
import { authorize, type RouteDefinition } from "../server/service-definition.js";

const ENUMS: Record<string, readonly string[]> = {
  byOutputModality: ["TEXT", "IMAGE", "EMBEDDING"],
  byInferenceType: ["ON_DEMAND", "PROVISIONED"],
  byCustomizationType: ["FINE_TUNING", "CONTINUED_PRE_TRAINING", "DISTILLATION"],
};

/** The `FoundationModelSummary` of a runtime model (facts §3.7). */
function summaryOf(entry: RuntimeEntry, arn: string): Record<string, unknown> {
  const { model, placement } = entry;
  return {
    modelArn: arn,
    modelId: placement.id,
    modelName: model.name,
    providerName: model.providerName,
    inputModalities: model.inputModalities,
    outputModalities: model.outputModalities,
    responseStreamingSupported: placement.streaming ?? true,
    customizationsSupported: [],
    inferenceTypesSupported: placement.inferenceTypes,
    modelLifecycle: { status: placement.lifecycle ?? "ACTIVE" },
  };
}

/**
 * `GET /foundation-models` with the `byOutputModality`, `byInferenceType`, `byProvider` and
 * `byCustomizationType` filters. A model callable only through a profile reports
 * `["INFERENCE_PROFILE"]` and is left out by `byInferenceType=ON_DEMAND`, as on AWS.
 */
export const foundationModelsRoute: RouteDefinition = {
  name: "control.foundation-models",
  method: "GET",
  pattern: /^\/foundation-models$/,
  errors: awsJsonSurfaceErrors,
  handle(exchange, context) {
    if (!authorize(exchange, context, "bedrock:ListFoundationModels", "*")) return;
    const query = exchange.url.searchParams;
    for (const [name, allowed] of Object.entries(ENUMS)) {
      const value = query.get(name);
      if (value !== null && !allowed.includes(value)) {
        sendPrepared(
          exchange,
          validationException(`1 validation error detected: Value '${value}' at '${name}' failed to satisfy constraint: Member must satisfy enum value set: [${allowed.join(", ")}]`),
        );
        return;
      }
    }
    const modality = query.get("byOutputModality");
    const inferenceType = query.get("byInferenceType");
    const provider = query.get("byProvider")?.toLowerCase();
    const customization = query.get("byCustomizationType");
    const { catalog } = context.state;
    const modelSummaries = catalog
      .runtimeModels()
      .filter(({ model, placement }) => {
        if (modality && !(model.outputModalities as readonly string[]).includes(modality)) return false;
        if (inferenceType && !(placement.inferenceTypes as readonly string[]).includes(inferenceType)) return false;
        if (provider && model.providerName.toLowerCase() !== provider) return false;
        return customization === null;
      })
      .map((entry) => summaryOf(entry, catalog.foundationModelArn(entry.placement.id)));
    sendJson(exchange, 200, { modelSummaries });
  },
};
