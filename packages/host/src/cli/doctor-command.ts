import type { PreflightRegionReport, PreflightReport } from "@bedrock-kit/plugin-host";
import { EXIT_FAILURE, EXIT_OK } from "./cli-errors.js";
import type { CliSession } from "./cli-session.js";
import { formatTable } from "./format-table.js";
import { parseCommandArgs } from "./parse-command-args.js";

/** `bedrock-kit doctor [--config F] [--json]`: each provider's health; exit 1 when any check fails. */
export async function runDoctorCommand(args: string[], session: CliSession): Promise<number> {
  const { values } = parseCommandArgs("doctor", args, { config: { type: "string" }, json: { type: "boolean" } });
  const { host, loaded } = await session.openHost(values.config);
  const reports = await host.doctor();
  const failed = reports.some((report) => report.checks.some((check) => check.status === "fail"));
  if (values.json === true) {
    session.out(`${JSON.stringify({ config: loaded.path ?? null, ok: !failed, providers: reports }, null, 2)}\n`);
    return failed ? EXIT_FAILURE : EXIT_OK;
  }
  session.out(`config: ${loaded.path ?? "none (defaults: the bundled plugins)"}\n`);
  if (reports.length === 0) session.out("No providers are loaded; add plugins to `plugins` in the config file.\n");
  for (const report of reports) session.out(`\n${formatReport(report)}`);
  return failed ? EXIT_FAILURE : EXIT_OK;
}

/** How many models have known prices (the prices themselves are in `--json` and `models list --json`). */
function describePrices(prices: NonNullable<PreflightReport["prices"]>): string {
  const all = Object.values(prices);
  const known = all.filter((cost) => cost !== undefined).length;
  return `prices known for ${known} of ${all.length}`;
}

function formatReport(report: PreflightReport): string {
  const facts = [
    report.credentialSource !== undefined ? `credentials ${report.credentialSource}` : undefined,
    report.regions.length > 0 ? `region ${report.regions.join(", ")}` : undefined,
    report.modelCount !== undefined ? `${report.modelCount} models` : undefined,
    report.prices !== undefined ? describePrices(report.prices) : undefined,
  ].filter((fact) => fact !== undefined);
  let text = `${report.provider}${facts.length > 0 ? `  (${facts.join("; ")})` : ""}\n`;
  // With several regions, each gets its own line of facts and the checks say which region they are about.
  const severalRegions = (report.regionReports?.length ?? 0) > 1;
  if (severalRegions) for (const regionReport of report.regionReports!) text += `  ${formatRegionFacts(regionReport)}\n`;
  const rows = report.checks.map((check) => {
    const detail = check.hint === undefined ? check.detail : `${check.detail} — hint: ${check.hint}`;
    return severalRegions ? [check.status, check.name, check.region ?? "", detail] : [check.status, check.name, detail];
  });
  const table = formatTable(severalRegions ? ["STATUS", "CHECK", "REGION", "DETAIL"] : ["STATUS", "CHECK", "DETAIL"], rows);
  return text + table.replace(/^(?=.)/gm, "  ");
}

function formatRegionFacts(regionReport: PreflightRegionReport): string {
  const facts = [
    regionReport.credentialSource !== undefined ? `credentials ${regionReport.credentialSource}` : "no credential",
    regionReport.modelCount !== undefined ? `${regionReport.modelCount} models` : undefined,
    regionReport.prices !== undefined && Object.keys(regionReport.prices).length > 0 ? describePrices(regionReport.prices) : undefined,
    regionReport.endpoint,
  ].filter((fact) => fact !== undefined);
  return `${regionReport.region}: ${facts.join("; ")}`;
}
