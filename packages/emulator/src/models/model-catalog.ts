import type { EmulatedModel, MantlePlacement, ProfileGeo, RuntimePlacement } from "../emulator-types.js";

/** A model as served on Mantle. */
export interface MantleEntry {
  readonly model: EmulatedModel;
  readonly placement: MantlePlacement;
}

/** A model as served on bedrock-runtime. */
export interface RuntimeEntry {
  readonly model: EmulatedModel;
  readonly placement: RuntimePlacement;
}

/** A system-defined inference profile served in the emulator's region. */
export interface InferenceProfile {
  readonly id: string;
  readonly arn: string;
  readonly geo: ProfileGeo;
  readonly entry: RuntimeEntry;
  /** Regions the profile routes to (its `models[].modelArn`). */
  readonly sourceRegions: readonly string[];
}

/** How a Converse `modelId` resolved. */
export type ConverseModelResolution =
  | { readonly kind: "ok"; readonly entry: RuntimeEntry; readonly resourceArn: string }
  | { readonly kind: "on-demand-unsupported"; readonly baseId: string }
  | { readonly kind: "not-a-chat-model" }
  | { readonly kind: "invalid" };

const SOURCE_REGIONS: Record<Exclude<ProfileGeo, "global">, string[]> = {
  us: ["us-east-1", "us-east-2", "us-west-2"],
  eu: ["eu-central-1", "eu-north-1", "eu-west-1", "eu-west-3"],
  apac: ["ap-northeast-1", "ap-south-1", "ap-southeast-1", "ap-southeast-2"],
  jp: ["ap-northeast-1", "ap-northeast-3"],
  au: ["ap-southeast-2", "ap-southeast-4"],
  ca: ["ca-central-1"],
  "us-gov": ["us-gov-east-1", "us-gov-west-1"],
};

/** The profile geographies callable from `region` (an `eu.` profile does not exist in us-east-1). */
export function profileGeosServing(region: string): ProfileGeo[] {
  if (region.startsWith("us-gov-")) return ["us-gov"];
  const geos: ProfileGeo[] = ["global"];
  if (region.startsWith("us-")) geos.push("us");
  else if (region.startsWith("eu-")) geos.push("eu");
  else if (region.startsWith("ca-")) geos.push("ca");
  else if (region.startsWith("ap-")) {
    geos.push("apac");
    if (region === "ap-northeast-1" || region === "ap-northeast-3") geos.push("jp");
    if (region === "ap-southeast-2" || region === "ap-southeast-4") geos.push("au");
  }
  return geos;
}

/** Indices over the model table for one region and account. */
export class ModelCatalog {
  private readonly mantleById = new Map<string, MantleEntry>();
  private readonly runtimeById = new Map<string, RuntimeEntry>();
  private readonly profilesById = new Map<string, InferenceProfile>();

  constructor(
    readonly models: readonly EmulatedModel[],
    readonly region: string,
    readonly accountId: string,
  ) {
    const servedGeos = new Set(profileGeosServing(region));
    for (const model of models) {
      if (model.mantle) this.mantleById.set(model.mantle.id, { model, placement: model.mantle });
      if (!model.runtime) continue;
      const entry: RuntimeEntry = { model, placement: model.runtime };
      this.runtimeById.set(model.runtime.id, entry);
      for (const geo of model.runtime.profileGeos ?? []) {
        if (!servedGeos.has(geo)) continue;
        const id = `${geo}.${model.runtime.id}`;
        this.profilesById.set(id, {
          id,
          arn: `arn:aws:bedrock:${region}:${accountId}:inference-profile/${id}`,
          geo,
          entry,
          sourceRegions: geo === "global" ? [region] : (SOURCE_REGIONS[geo] ?? [region]),
        });
      }
    }
  }

  /** The Mantle model with this exact id. */
  mantleModel(id: string): MantleEntry | undefined {
    return this.mantleById.get(id);
  }

  /** Every Mantle model, in table order. */
  mantleModels(): MantleEntry[] {
    return [...this.mantleById.values()];
  }

  /** Every runtime model, in table order. */
  runtimeModels(): RuntimeEntry[] {
    return [...this.runtimeById.values()];
  }

  /** Every inference profile served in the region, in table order. */
  inferenceProfiles(): InferenceProfile[] {
    return [...this.profilesById.values()];
  }

  /** The foundation-model ARN of a runtime model in this region. */
  foundationModelArn(id: string, region = this.region): string {
    return `arn:aws:bedrock:${region}::foundation-model/${id}`;
  }

  /**
   * Resolves a Converse `modelId`: a base id, a profile id, or either one's ARN. A base id of a
   * model that only supports inference profiles is the "on-demand throughput" failure (facts §5 #6).
   */
  resolveConverseModel(modelId: string): ConverseModelResolution {
    const foundationArn = /^arn:aws:bedrock:([^:]+)::foundation-model\/(.+)$/.exec(modelId);
    const profileArn = /^arn:aws:bedrock:([^:]+):(\d{12}):inference-profile\/(.+)$/.exec(modelId);
    if (foundationArn) {
      if (foundationArn[1] !== this.region) return { kind: "invalid" };
      return this.resolveBaseId(foundationArn[2] as string);
    }
    if (profileArn) {
      if (profileArn[1] !== this.region || profileArn[2] !== this.accountId) return { kind: "invalid" };
      return this.resolveProfile(profileArn[3] as string);
    }
    const profile = this.resolveProfile(modelId);
    return profile.kind === "ok" ? profile : this.resolveBaseId(modelId);
  }

  private resolveProfile(id: string): ConverseModelResolution {
    const profile = this.profilesById.get(id);
    if (!profile) return { kind: "invalid" };
    if (!profile.entry.model.outputModalities.includes("TEXT")) return { kind: "not-a-chat-model" };
    return { kind: "ok", entry: profile.entry, resourceArn: profile.arn };
  }

  private resolveBaseId(id: string): ConverseModelResolution {
    const entry = this.runtimeById.get(id);
    if (!entry) return { kind: "invalid" };
    if (!entry.model.outputModalities.includes("TEXT")) return { kind: "not-a-chat-model" };
    if (!entry.placement.inferenceTypes.includes("ON_DEMAND")) return { kind: "on-demand-unsupported", baseId: id };
    return { kind: "ok", entry, resourceArn: this.foundationModelArn(id) };
  }
}
