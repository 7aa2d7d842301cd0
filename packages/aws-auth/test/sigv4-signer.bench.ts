// Run: npx vitest bench packages/aws-auth/test/sigv4-signer.bench.ts (pin with taskset -c 0 on the 2-core box).
import { Sha256 } from "@aws-crypto/sha256-js";
import { SignatureV4 } from "@smithy/signature-v4";
import { bench, describe } from "vitest";
import { createSigV4Signer } from "../src/sigv4-signer.js";

const body = JSON.stringify({ messages: [{ role: "user", content: [{ text: "x".repeat(1950) }] }] }); // ~2 KB
const url = "https://bedrock-runtime.us-east-1.amazonaws.com/model/us.anthropic.claude-opus-4-7/converse-stream";
const headers = { "content-type": "application/json", accept: "application/vnd.amazon.eventstream" };
const credentials = { accessKeyId: "AKIAIOSFODNN7EXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY" };
const clock = { now: () => Date.now() };
const ours = createSigV4Signer({ credentials, region: "us-east-1", service: "bedrock", clock });
const smithy = new SignatureV4({ credentials, region: "us-east-1", service: "bedrock", sha256: Sha256 });

describe("SigV4 sign, 2 KB body", () => {
  bench("hand-rolled node:crypto (ours)", () => {
    ours({ method: "POST", url, headers, body });
  });
  bench("@smithy/signature-v4 + @aws-crypto/sha256-js", async () => {
    await smithy.sign({ method: "POST", protocol: "https:", hostname: "bedrock-runtime.us-east-1.amazonaws.com", path: "/model/us.anthropic.claude-opus-4-7/converse-stream", query: {}, headers: { ...headers, host: "bedrock-runtime.us-east-1.amazonaws.com" }, body } as never);
  });
});
