/**
 * SigV4 signing cost: `node dist/sigv4-probe.js <signer-id> <plan-json>`, one signer per process.
 * Signs a ConverseStream request (2 KB and 200 KB JSON bodies) in rounds and reports µs per
 * signature. Signers: ours (`createSigV4Signer` from `@bedrock-kit/aws-auth`), and
 * `@smithy/signature-v4` with the two hashes the AWS SDK ecosystem uses (`@aws-crypto/sha256-js`,
 * and `@smithy/hash-node` on node:crypto). The smithy packages are resolved from the installs that
 * already depend on them (aws-auth and the AWS SDK client), not added to the bench.
 */
import { realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { performance } from "node:perf_hooks";
import { fileURLToPath, pathToFileURL } from "node:url";
import { BENCH_AWS_CREDENTIALS, BENCH_REGION } from "./peers/peer-definition.js";
import { SIGNER_IDS, type SignerId, type SigV4Plan } from "./sigv4-signers.js";

type SignOnce = (body: string) => Promise<unknown> | unknown;

const URL_TEXT = `https://bedrock-runtime.${BENCH_REGION}.amazonaws.com/model/us.anthropic.claude-sonnet-4-6/converse-stream`;

function packageRequire(packageDirectoryFromBench: string): NodeJS.Require {
  const directory = realpathSync(fileURLToPath(new URL(`../node_modules/${packageDirectoryFromBench}/`, import.meta.url)));
  return createRequire(`${directory}/package.json`);
}

async function importFrom(require: NodeJS.Require, specifier: string): Promise<any> {
  return import(pathToFileURL(require.resolve(specifier)).href);
}

class SignerUnavailable extends Error {}

async function createSigner(id: SignerId): Promise<SignOnce> {
  const target = new URL(URL_TEXT);
  const headers = { "content-type": "application/json", accept: "application/vnd.amazon.eventstream" };
  if (id === "ours") {
    let module: Record<string, unknown>;
    try {
      module = (await import("@bedrock-kit/aws-auth")) as Record<string, unknown>;
    } catch (error) {
      throw new SignerUnavailable(`@bedrock-kit/aws-auth does not load: ${String(error)}`);
    }
    const create = module.createSigV4Signer as
      | ((options: object) => (request: { method: string; url: string; headers: Record<string, string>; body?: string }) => Record<string, string>)
      | undefined;
    if (typeof create !== "function") throw new SignerUnavailable("@bedrock-kit/aws-auth exports no createSigV4Signer yet");
    const sign = create({ credentials: BENCH_AWS_CREDENTIALS, region: BENCH_REGION, service: "bedrock", clock: { now: () => Date.now() } });
    return (body) => sign({ method: "POST", url: URL_TEXT, headers, body });
  }
  const authRequire = packageRequire("@bedrock-kit/aws-auth");
  const { SignatureV4 } = await importFrom(authRequire, "@smithy/signature-v4");
  const sha256 =
    id === "smithy-sha256-js"
      ? (await importFrom(authRequire, "@aws-crypto/sha256-js")).Sha256
      : (await importFrom(packageRequire("@aws-sdk/client-bedrock-runtime"), "@smithy/hash-node")).Hash.bind(null, "sha256");
  const signer = new SignatureV4({ credentials: BENCH_AWS_CREDENTIALS, region: BENCH_REGION, service: "bedrock", sha256 });
  return (body) =>
    signer.sign({
      method: "POST",
      protocol: target.protocol,
      hostname: target.hostname,
      path: target.pathname,
      query: {},
      headers: { ...headers, host: target.hostname },
      body,
    });
}

function jsonBody(bytes: number): string {
  const filler = "x".repeat(Math.max(0, bytes - 120));
  return JSON.stringify({ messages: [{ role: "user", content: [{ text: filler }] }], inferenceConfig: { maxTokens: 1024 } });
}

async function main(): Promise<void> {
  const [signerId, planJson] = process.argv.slice(2);
  if (!SIGNER_IDS.includes(signerId as SignerId) || planJson === undefined) throw new Error("usage: sigv4-probe.js <signer-id> <plan-json>");
  const plan = JSON.parse(planJson) as SigV4Plan;
  let sign: SignOnce;
  try {
    sign = await createSigner(signerId as SignerId);
  } catch (error) {
    if (!(error instanceof SignerUnavailable)) throw error;
    process.stdout.write(`${JSON.stringify({ ok: false, gap: error.message })}\n`);
    return;
  }
  const results: Array<{ bytes: number; microsPerSignature: number[] }> = [];
  for (const { bytes, signaturesPerRound } of plan.bodies) {
    const body = jsonBody(bytes);
    const first = await sign(body);
    if (first === undefined || first === null) throw new Error("signer returned nothing");
    for (let index = 0; index < plan.warmup; index += 1) await sign(body);
    const rounds: number[] = [];
    for (let round = 0; round < plan.rounds; round += 1) {
      const startedAt = performance.now();
      for (let index = 0; index < signaturesPerRound; index += 1) {
        // Await only what is asynchronous, so a synchronous signer pays no extra microtask.
        const signed = sign(body);
        if (signed instanceof Promise) await signed;
      }
      rounds.push(((performance.now() - startedAt) * 1000) / signaturesPerRound);
    }
    results.push({ bytes, microsPerSignature: rounds });
  }
  process.stdout.write(`${JSON.stringify({ ok: true, result: results })}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stdout.write(`${JSON.stringify({ ok: false, error: String(error) })}\n`);
    process.exit(1);
  },
);
