import type { CatalogEntry } from "../host/host-types.js";
import { EXIT_OK } from "./cli-errors.js";
import type { CliSession } from "./cli-session.js";
import { formatTable } from "./format-table.js";
import { parseCommandArgs } from "./parse-command-args.js";

/** One model in `models list --json`. */
export interface ModelListRow {
  ref: string;
  provider: string;
  id: string;
  wireId: string;
  name: string;
  api: string;
  baseUrl: string;
  reasoning: boolean;
  input: string[];
  contextWindow: number;
  maxTokens: number;
  cost: CatalogEntry["cost"] | null;
  source: string;
  /** The region the model is called in, when it names one (several-region providers). */
  region: string | null;
}

/** The `--json` shape of a catalog entry: a fixed set of fields, `cost: null` when the prices are unknown. */
export function toModelListRow(entry: CatalogEntry): ModelListRow {
  return {
    ref: entry.ref,
    provider: entry.provider,
    id: entry.id,
    wireId: entry.wireId,
    name: entry.name,
    api: entry.api,
    baseUrl: entry.baseUrl,
    reasoning: entry.reasoning,
    input: entry.input,
    contextWindow: entry.contextWindow,
    maxTokens: entry.maxTokens,
    cost: entry.cost ?? null,
    source: entry.source,
    region: entry.region ?? null,
  };
}

/** `bedrock-kit models list [--config F] [--provider ID] [--json]` */
export async function runModelsListCommand(args: string[], session: CliSession): Promise<number> {
  const { values } = parseCommandArgs("models list", args, {
    config: { type: "string" },
    provider: { type: "string" },
    json: { type: "boolean" },
  });
  const { host } = await session.openHost(values.config);
  const models = await host.listModels(values.provider === undefined ? {} : { provider: values.provider });
  if (values.json === true) {
    session.out(`${JSON.stringify(models.map(toModelListRow), null, 2)}\n`);
    return EXIT_OK;
  }
  if (models.length === 0) {
    session.err("No models listed: every provider was skipped. Run `bedrock-kit doctor` to see why (BEDROCK_KIT_LOG=debug shows each skip).\n");
    return EXIT_OK;
  }
  const rows = models.map((model) => [
    model.ref,
    model.api,
    formatTokens(model.contextWindow),
    formatTokens(model.maxTokens),
    model.reasoning ? "yes" : "no",
    model.input.join("+"),
    model.cost === undefined ? "-" : `${model.cost.input}/${model.cost.output}`,
    model.source,
  ]);
  session.out(formatTable(["REF", "API", "CONTEXT", "MAX OUT", "REASONING", "INPUT", "$/M IN/OUT", "SOURCE"], rows));
  return EXIT_OK;
}

function formatTokens(count: number): string {
  if (count >= 1_000_000 && count % 1_000_000 === 0) return `${count / 1_000_000}M`;
  if (count >= 1_000 && count % 1_000 === 0) return `${count / 1_000}k`;
  return String(count);
}
