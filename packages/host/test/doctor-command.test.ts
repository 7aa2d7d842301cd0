import type { PreflightReport } from "@bedrock-kit/plugin-host";
import { describe, expect, it } from "vitest";
import { runDoctorCommand } from "../src/cli/doctor-command.js";
import type { CliSession } from "../src/cli/cli-session.js";
import type { Host } from "../src/host/host-types.js";

function sessionWith(reports: PreflightReport[]): { session: CliSession; output: () => string } {
  let text = "";
  const host = { doctor: async () => reports } as unknown as Host;
  const session: CliSession = {
    io: { stdout() {}, stderr() {}, env: {}, cwd: "/" },
    redact: (value) => value,
    out: (value) => void (text += value),
    err: () => {},
    openHost: async () => ({ host, loaded: { config: {}, path: "/etc/bedrock-kit.json5", dir: "/etc" } as never }),
    close: async () => {},
  };
  return { session, output: () => text };
}

const cost = { input: 1, output: 2, cacheRead: 0, cacheWrite: 0 };

const twoRegions: PreflightReport = {
  provider: "amazon-bedrock-mantle",
  credentialSource: "aws-sdk (assumed role arn:aws:iam::123456789012:role/gateway)",
  regions: ["us-east-1", "us-west-2"],
  endpoints: ["https://bedrock-mantle.us-east-1.api.aws", "https://bedrock-mantle.us-west-2.api.aws"],
  modelCount: 3,
  prices: { a: cost, b: undefined, "a@us-west-2": cost },
  regionReports: [
    { region: "us-east-1", endpoint: "https://bedrock-mantle.us-east-1.api.aws", credentialSource: "aws-sdk", modelCount: 2, prices: { a: cost, b: undefined } },
    { region: "us-west-2", endpoint: "https://bedrock-mantle.us-west-2.api.aws", credentialSource: "aws-sdk", modelCount: 1, prices: { "a@us-west-2": cost } },
  ],
  checks: [
    { name: "endpoint", status: "ok", detail: "HTTP 200", region: "us-east-1" },
    { name: "endpoint", status: "fail", detail: "connection refused", hint: "Check the network.", region: "us-west-2" },
  ],
};

describe("bedrock-kit doctor output", () => {
  it("gives each region its own line of facts and a REGION column when a provider serves several", async () => {
    const { session, output } = sessionWith([twoRegions]);
    expect(await runDoctorCommand([], session)).toBe(1);
    const lines = output().split("\n");
    expect(lines).toContain("  us-east-1: credentials aws-sdk; 2 models; prices known for 1 of 2; https://bedrock-mantle.us-east-1.api.aws");
    expect(lines).toContain("  us-west-2: credentials aws-sdk; 1 models; prices known for 1 of 1; https://bedrock-mantle.us-west-2.api.aws");
    expect(output()).toMatch(/STATUS\s+CHECK\s+REGION\s+DETAIL/);
    expect(lines.find((line) => line.includes("connection refused"))).toMatch(/fail\s+endpoint\s+us-west-2\s+connection refused — hint: Check the network\./);
  });

  it("keeps the single-region layout (no REGION column) for one region", async () => {
    const oneRegion: PreflightReport = {
      ...twoRegions,
      regions: ["us-east-1"],
      regionReports: [twoRegions.regionReports![0]!],
      checks: [{ name: "endpoint", status: "ok", detail: "HTTP 200", region: "us-east-1" }],
    };
    const { session, output } = sessionWith([oneRegion]);
    expect(await runDoctorCommand([], session)).toBe(0);
    expect(output()).toMatch(/STATUS\s+CHECK\s+DETAIL/);
    expect(output()).not.toContain("REGION");
    expect(output()).not.toContain("us-east-1: credentials");
  });

  it("puts the per-region reports in --json", async () => {
    const { session, output } = sessionWith([twoRegions]);
    await runDoctorCommand(["--json"], session);
    const parsed = JSON.parse(output()) as { ok: boolean; providers: PreflightReport[] };
    expect(parsed.ok).toBe(false);
    expect(parsed.providers[0]?.regionReports?.map((regionReport) => [regionReport.region, regionReport.modelCount])).toEqual([
      ["us-east-1", 2],
      ["us-west-2", 1],
    ]);
  });
});
