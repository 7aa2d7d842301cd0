import { awsJsonSurfaceErrors, validationException } from "../errors/aws-json-error-bodies.js";
import type { InferenceProfile } from "../models/model-catalog.js";
import { sendJson, sendPrepared } from "../server/http-exchange.js";
import { authorize, type RouteDefinition } from "../server/service-definition.js";

const GEO_LABELS: Record<string, string> = {
  us: "US",
  eu: "EU",
  apac: "APAC",
  jp: "JP",
  au: "AU",
  ca: "CA",
  "us-gov": "US-GOV",
  global: "Global",
};
const PROFILES_CREATED_AT = "2025-06-01T00:00:00Z";

function summaryOf(profile: InferenceProfile, foundationArn: (id: string, region: string) => string): Record<string, unknown> {
  const { model, placement } = profile.entry;
  const label = GEO_LABELS[profile.geo] ?? profile.geo.toUpperCase();
  return {
    inferenceProfileName: `${label} ${model.providerName} ${model.name}`,
    description: `Routes requests to ${model.providerName} ${model.name} in ${profile.sourceRegions.join(", ")}.`,
    createdAt: PROFILES_CREATED_AT,
    updatedAt: PROFILES_CREATED_AT,
    inferenceProfileArn: profile.arn,
    models: profile.sourceRegions.map((region) => ({ modelArn: foundationArn(placement.id, region) })),
    inferenceProfileId: profile.id,
    status: "ACTIVE",
    type: "SYSTEM_DEFINED",
  };
}

function encodeToken(offset: number): string {
  return Buffer.from(JSON.stringify({ offset })).toString("base64");
}

function decodeToken(token: string): number | undefined {
  try {
    const value: unknown = JSON.parse(Buffer.from(token, "base64").toString("utf8"));
    const offset = typeof value === "object" && value !== null ? (value as { offset?: unknown }).offset : undefined;
    return typeof offset === "number" && Number.isInteger(offset) && offset >= 0 ? offset : undefined;
  } catch {
    return undefined;
  }
}

/**
 * `GET /inference-profiles`, paginated with `maxResults` and an opaque `nextToken`. Only profiles
 * valid in the emulator's region are listed (`us.` and `global.` in us-east-1). The default page is
 * small so clients must follow `nextToken`.
 */
export const inferenceProfilesRoute: RouteDefinition = {
  name: "control.inference-profiles",
  method: "GET",
  pattern: /^\/inference-profiles$/,
  errors: awsJsonSurfaceErrors,
  handle(exchange, context) {
    const { state } = context;
    if (!authorize(exchange, context, "bedrock:ListInferenceProfiles", `arn:aws:bedrock:${state.region}:${state.accountId}:inference-profile/*`)) return;
    const query = exchange.url.searchParams;
    const maxText = query.get("maxResults");
    const maxResults = maxText === null ? state.inferenceProfilePageSize : Number(maxText);
    if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 1000) {
      const bound = maxResults < 1 ? "greater than or equal to 1" : "less than or equal to 1000";
      sendPrepared(exchange, validationException(`1 validation error detected: Value '${maxText}' at 'maxResults' failed to satisfy constraint: Member must have value ${bound}`));
      return;
    }
    const type = query.get("type");
    if (type !== null && type !== "SYSTEM_DEFINED" && type !== "APPLICATION") {
      sendPrepared(exchange, validationException(`1 validation error detected: Value '${type}' at 'typeEquals' failed to satisfy constraint: Member must satisfy enum value set: [SYSTEM_DEFINED, APPLICATION]`));
      return;
    }
    const token = query.get("nextToken");
    const offset = token === null ? 0 : decodeToken(token);
    if (offset === undefined) {
      sendPrepared(exchange, validationException("Invalid pagination token."));
      return;
    }
    const all = type === "APPLICATION" ? [] : state.catalog.inferenceProfiles();
    const page = all.slice(offset, offset + maxResults);
    const next = offset + maxResults < all.length ? encodeToken(offset + maxResults) : undefined;
    sendJson(exchange, 200, {
      inferenceProfileSummaries: page.map((profile) => summaryOf(profile, (id, region) => state.catalog.foundationModelArn(id, region))),
      ...(next ? { nextToken: next } : {}),
    });
  },
};
