import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BedrockKitError } from "@bedrock-kit/plugin-host";
import conversePlugin from "@bedrock-kit/plugin-bedrock-converse";
import mantlePlugin from "@bedrock-kit/plugin-bedrock-mantle";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createHost } from "../../src/host/create-host.js";
import { loadConfigFile } from "../../src/config/load-config-file.js";
import { parseConfigText } from "../../src/config/parse-config-text.js";
import { PROVIDERS, SILENT_LOGGER, expectClassified, hostFor, request, requestsOn, run, startEmulator, type RunningEmulator } from "./reliability-harness.js";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

const VALID_CONFIG = `// a valid config: both bundled providers, every section
{
  catalogTimeoutMs: 5000,
  secrets: { allowInline: false },
  models: {
    mode: "merge",
    providers: {
      "amazon-bedrock-mantle": {
        baseUrl: "https://bedrock-mantle.us-east-1.api.aws/v1",
        apiKey: "env:AWS_BEARER_TOKEN_BEDROCK",
        region: "us-east-1",
        discovery: { enabled: false, ttlSeconds: 600 },
        timeouts: { connectMs: 1000, firstByteMs: 2000, idleMs: 3000 },
        retry: { maxAttempts: 3, baseDelayMs: 100 },
        models: [{ id: "openai.gpt-oss-120b", api: "openai-completions", maxTokens: 4096 }],
      },
      "amazon-bedrock": {
        region: "us-west-2",
        auth: { credentials: ["env:AWS_BEARER_TOKEN_BEDROCK", "aws-sigv4"] },
        discovery: { enabled: false },
        timeouts: { idleMs: 5000 },
        retry: { maxAttempts: 2 },
        models: [{ id: "anthropic.claude-sonnet-4-6", wireId: "us.anthropic.claude-sonnet-4-6" }],
      },
    },
  },
}
`;

function rng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = ["{", "}", "[", "]", ":", ",", '"', "'", "\n", "//", "/*", "-1", "0", "1e999", "null", "true", "NaN", "Infinity", '"x"', "{}", "[]", "__proto__", "constructor", "env:", "file:/etc/shadow", "\\u0000", "𝔘"];
const VALUES = ["-5", "0", "1.5", '"str"', "true", "null", "[]", "{}", '{ "unknownKey": 1 }', '"env:NOT_SET_ANYWHERE"', '"http://example.com"', "99999999999999999999"];

function mutateConfig(text: string, random: () => number): string {
  const int = (n: number) => Math.floor(random() * n);
  let out = text;
  const edits = 1 + int(4);
  for (let edit = 0; edit < edits; edit += 1) {
    const at = int(out.length);
    switch (int(5)) {
      case 0:
        out = out.slice(0, at) + out.slice(at + 1 + int(8));
        break;
      case 1:
        out = out.slice(0, at) + TOKENS[int(TOKENS.length)]! + out.slice(at);
        break;
      case 2: {
        // Replace one value after a colon with a value of another type.
        const colon = out.indexOf(":", at);
        if (colon === -1) break;
        const end = out.slice(colon + 1).search(/[,\n}]/);
        if (end === -1) break;
        out = out.slice(0, colon + 1) + " " + VALUES[int(VALUES.length)]! + out.slice(colon + 1 + end);
        break;
      }
      case 3: {
        // Rename a key (unknown keys must be refused, not ignored).
        const match = /([A-Za-z]+):/g;
        match.lastIndex = at;
        const found = match.exec(out);
        if (found) out = out.slice(0, found.index) + found[1]! + "x" + out.slice(found.index + found[1]!.length);
        break;
      }
      default: {
        const lines = out.split("\n");
        const line = int(lines.length);
        lines.splice(line, 0, lines[int(lines.length)]!);
        out = lines.join("\n");
      }
    }
  }
  return out;
}

function withDeadline<T>(promise: Promise<T>, ms: number, label: string): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise.finally(() => clearTimeout(timer)),
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`hang: ${label}`)), ms);
    }),
  ]);
}

describe("config: fuzzed JSON5", () => {
  it("every mutation of a valid config is accepted or refused with a config error, never anything else", async () => {
    const folder = mkdtempSync(join(tmpdir(), "bedrock-kit-fuzz-"));
    const random = rng(0xbadc0f);
    const env = { AWS_BEARER_TOKEN_BEDROCK: "ABSKfuzz" };
    let accepted = 0;
    let refused = 0;
    const cases = 1_000;
    for (let index = 0; index < cases; index += 1) {
      const text = index === 0 ? VALID_CONFIG : mutateConfig(VALID_CONFIG, random);
      const attempt = async () => {
        // Every 20th case goes through the file loader; the rest parse in memory (same code path after read).
        if (index % 20 === 0) {
          const path = join(folder, `case-${index}.json5`);
          writeFileSync(path, text);
          const loaded = await loadConfigFile(path, { env, cwd: folder });
          const host = await createHost({ config: loaded, plugins: [mantlePlugin, conversePlugin], env, logger: SILENT_LOGGER });
          await host.close();
          return;
        }
        const config = parseConfigText(text, "fuzz.json5");
        const host = await createHost({ config: { path: "fuzz.json5", dir: folder, config }, plugins: [mantlePlugin, conversePlugin], env, logger: SILENT_LOGGER });
        await host.close();
      };
      try {
        await withDeadline(attempt(), 5_000, `case ${index}`);
        accepted += 1;
      } catch (error) {
        if (!BedrockKitError.isInstance(error) || error.code !== "config") {
          throw new Error(`case ${index} failed with ${String(error)}\n--- input ---\n${text}`);
        }
        expect(error.hint.length).toBeGreaterThan(5);
        refused += 1;
      }
    }
    expect(accepted).toBeGreaterThan(0);
    expect(refused).toBeGreaterThan(0);
    console.log(`[reliability] config fuzz: ${cases} cases, ${accepted} accepted, ${refused} refused`);
  });

  it.each([
    ["wrong type", { "amazon-bedrock-mantle": { timeouts: { idleMs: "fast" } } }],
    ["negative retry", { "amazon-bedrock": { retry: { maxAttempts: 0 } } }],
    ["unknown key", { "amazon-bedrock-mantle": { baseURL: "https://x.api.aws" } }],
    ["unknown key in converse", { "amazon-bedrock": { retries: 3 } }],
    ["inline secret", { "amazon-bedrock-mantle": { apiKey: "ABSKQmVkcm9ja0FQSUtleS1pbmxpbmU=" } }],
    ["http non-loopback converse baseUrl", { "amazon-bedrock": { baseUrl: "http://bedrock.example.com" } }],
  ])("%s is a config error naming the field", async (_label, providers) => {
    const error = await createHost({ config: { models: { providers } }, plugins: [mantlePlugin, conversePlugin], env: {}, logger: SILENT_LOGGER }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(expectClassified(error).code).toBe("config");
  });
});

describe.each(PROVIDERS)("requests rejected before sending ($name)", ({ ref, route }) => {
  const image = (megabytes: number) => ({ type: "image" as const, mediaType: "image/png", data: "A".repeat(Math.ceil((megabytes * 1024 * 1024 * 4) / 3)) });
  it.each([
    ["empty messages", { messages: [] }, /invalid-request/],
    ["a tool name the API rejects", { ...request(), tools: [{ name: "get weather!", description: "d", parameters: { type: "object" } }] }, /invalid-request/],
    ["a 64+ character tool name", { ...request(), tools: [{ name: "x".repeat(65), description: "d", parameters: { type: "object" } }] }, /invalid-request/],
    ["an image over 3.75 MB (4 MB)", { messages: [{ role: "user", content: [{ type: "text", text: "what is this" }, image(4)] }] }, /invalid-request/],
    ["maxTokens over the model cap", request("hi", { maxTokens: 50_000_000 }), /invalid-request|context-overflow/],
    ["maxTokens not an integer", request("hi", { maxTokens: -3 }), /invalid-request/],
  ] as const)("%s: a clear error, nothing sent", async (label, body, code) => {
    if (label.startsWith("an image") && ref.includes("mistral")) return; // OpenAI surfaces allow 20 MB; covered below.
    const host = await hostFor(emulator);
    const before = requestsOn(emulator, route);
    const outcome = await run(host.stream(ref, body as never));
    expect(outcome.rejected).toBe(true);
    expect(expectClassified(outcome.error).code).toMatch(code);
    expect(requestsOn(emulator, route)).toBe(before);
    await host.close();
  });

  it("an unresolvable secret reference is refused before anything is sent", async () => {
    const host = await hostFor(emulator, {
      mantle: { apiKey: "env:NOT_SET_ANYWHERE", auth: "api-key" },
      converse: { auth: { credentials: ["env:NOT_SET_ANYWHERE"] } },
    });
    const before = requestsOn(emulator, route);
    const outcome = await run(host.stream(ref, request()));
    expect(outcome.rejected).toBe(true);
    const error = expectClassified(outcome.error);
    expect(error.code).toMatch(/config|auth/);
    expect(requestsOn(emulator, route)).toBe(before);
    // The catalog leaves the provider out; doctor names the missing variable.
    const reports = await host.doctor();
    expect(JSON.stringify(reports)).toContain("NOT_SET_ANYWHERE");
    await host.close();
  });
});

describe("image limits on the OpenAI surfaces", () => {
  it("a 21 MB image is refused on chat completions before sending", async () => {
    const host = await hostFor(emulator);
    const before = requestsOn(emulator, "mantle.chat");
    const data = "A".repeat(Math.ceil((21 * 1024 * 1024 * 4) / 3));
    const outcome = await run(host.stream(PROVIDERS[0].ref, { messages: [{ role: "user", content: [{ type: "image", mediaType: "image/png", data }] }] }));
    expect(expectClassified(outcome.error).code).toBe("invalid-request");
    expect(requestsOn(emulator, "mantle.chat")).toBe(before);
    await host.close();
  });
});
