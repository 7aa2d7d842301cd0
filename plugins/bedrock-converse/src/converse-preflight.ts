import { defaultTransport } from "@bedrock-kit/aws-auth";
import {
  BedrockKitError,
  type CatalogContext,
  type PreflightCheck,
  type PreflightReport,
  type ProviderCatalog,
  type RuntimeAuth,
} from "@bedrock-kit/plugin-host";
import { CONVERSE_PROVIDER_ID, classifyConverseError } from "./classify-converse-error.js";
import type { ConverseConfig } from "./converse-config-schema.js";
import { resolveConverseEndpoints, type ConverseEndpoints } from "./converse-endpoints.js";

const PROBE_TIMEOUTS = { connectMs: 5_000, firstByteMs: 10_000, idleMs: 10_000 } as const;

/**
 * Reachability: with SigV4, one signed `ListInferenceProfiles` with `maxResults=1` on the control
 * plane (also proves the credentials); with a bearer key (which the control plane does not take),
 * an unauthenticated GET on the runtime host, where any HTTP answer proves the endpoint is there.
 */
async function probeEndpoint(context: CatalogContext<ConverseConfig>, endpoints: ConverseEndpoints, auth: RuntimeAuth): Promise<PreflightCheck> {
  const transport = context.transport ?? defaultTransport();
  if (auth.sign !== undefined) {
    try {
      // Loaded here, not at import: its response parsing uses zod (docs/adr/0900-lazy-config-schemas.md).
      const { controlPlaneGet } = await import("./control-plane-discovery.js");
      const response = await controlPlaneGet(
        { controlPlaneUrl: endpoints.controlPlaneUrl, region: endpoints.region, auth, transport, ...(context.signal !== undefined && { signal: context.signal }) },
        "/inference-profiles?maxResults=1",
      );
      response.cancel();
      return { name: "endpoint", status: "ok", detail: `${endpoints.controlPlaneUrl} answered a signed request` };
    } catch (error) {
      const classified = classifyConverseError(error);
      if (classified.status === 403 && classified.code === "access-denied") {
        return { name: "endpoint", status: "warn", detail: `${endpoints.controlPlaneUrl} reachable; listing denied (${classified.message})`, hint: classified.hint };
      }
      return { name: "endpoint", status: "fail", detail: `${endpoints.controlPlaneUrl}: ${classified.message}`, hint: classified.hint };
    }
  }
  try {
    const response = await transport({
      method: "GET",
      url: `${endpoints.runtimeUrl}/`,
      headers: { accept: "application/json" },
      timeouts: PROBE_TIMEOUTS,
      ...(context.signal !== undefined && { signal: context.signal }),
    });
    response.cancel();
    return { name: "endpoint", status: "ok", detail: `${endpoints.runtimeUrl} reachable (HTTP ${response.status})` };
  } catch (error) {
    const classified = classifyConverseError(error);
    return { name: "endpoint", status: "fail", detail: `${endpoints.runtimeUrl}: ${classified.message}`, hint: classified.hint };
  }
}

/** `preflight()` for `doctor`: the credential source that won (never the secret), region, reachability, model count. */
export async function converseProviderPreflight(
  context: CatalogContext<ConverseConfig>,
  catalog: (context: CatalogContext<ConverseConfig>) => Promise<ProviderCatalog | null>,
): Promise<PreflightReport> {
  const endpoints = resolveConverseEndpoints(context.config, context.env);
  const report: PreflightReport = {
    provider: CONVERSE_PROVIDER_ID,
    regions: [endpoints.region],
    endpoints: [endpoints.runtimeUrl],
    checks: [{ name: "region", status: "ok", detail: endpoints.region }],
  };
  let auth: RuntimeAuth;
  try {
    auth = await context.getAuth({ region: endpoints.region });
  } catch (error) {
    const classified = BedrockKitError.isInstance(error) ? error : classifyConverseError(error);
    report.checks.push({ name: "credentials", status: "fail", detail: classified.message, hint: classified.hint });
    report.checks.push({ name: "endpoint", status: "skip", detail: "no credential" });
    return report;
  }
  // An assumed role is named (its ARN is not a secret): operators must see which role a gateway runs as.
  const roleArn = context.config.auth.roleArn;
  report.credentialSource = roleArn === undefined ? auth.source : `${auth.source} (assumed role ${roleArn})`;
  report.checks.push({
    name: "credentials",
    status: "ok",
    detail: auth.sign === undefined ? `${report.credentialSource} (bearer)` : `${report.credentialSource} (SigV4, service bedrock)`,
  });
  if (auth.sign !== undefined) report.endpoints.push(endpoints.controlPlaneUrl);
  report.checks.push(await probeEndpoint(context, endpoints, auth));
  const models = (await catalog(context))?.models ?? [];
  report.modelCount = models.length;
  report.prices = Object.fromEntries(models.map((model) => [model.id, model.cost]));
  report.checks.push({
    name: "models",
    status: models.length > 0 ? "ok" : "warn",
    detail: `${models.length} models${context.config.discovery.enabled ? "" : " (curated catalog; discovery disabled)"}`,
  });
  return report;
}
