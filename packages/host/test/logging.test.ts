import { afterEach, describe, expect, it, vi } from "vitest";
import { createHost, createJsonLineLogger, parseLogLevel } from "../src/index.js";
import { createRecordingLogger, createTestProvider, pluginOf } from "./helpers/test-providers.js";

const OPAQUE_SECRET = "opaque-secret-value-7f3a"; // pragma: allowlist secret
const SHAPED_SECRET = "AKIAFAKEFAKEFAKE0002"; // pragma: allowlist secret

describe("parseLogLevel", () => {
  it("reads BEDROCK_KIT_LOG values, defaulting to warn", () => {
    expect(parseLogLevel(undefined)).toBe("warn");
    expect(parseLogLevel("DEBUG")).toBe("debug");
    expect(parseLogLevel(" info ")).toBe("info");
    expect(parseLogLevel("off")).toBe("silent");
    expect(parseLogLevel("verbose")).toBe("warn");
  });
});

describe("createJsonLineLogger", () => {
  it("writes one JSON object per line at or above its level, time, level and message first", () => {
    const lines: string[] = [];
    const logger = createJsonLineLogger({ level: "info", write: (line) => lines.push(line), clock: { now: () => 0 } });
    logger.debug("hidden");
    logger.info("shown", { provider: "p", level: "not mine" });
    logger.error("also shown");
    expect(lines).toEqual([
      '{"time":"1970-01-01T00:00:00.000Z","level":"info","message":"shown","provider":"p"}\n',
      '{"time":"1970-01-01T00:00:00.000Z","level":"error","message":"also shown"}\n',
    ]);
  });

  it("survives fields that cannot be serialized", () => {
    const lines: string[] = [];
    createJsonLineLogger({ level: "debug", write: (line) => lines.push(line), clock: { now: () => 0 } }).debug("x", { big: 1n });
    expect(JSON.parse(lines[0]!)).toMatchObject({ message: "x", fields: "[unserializable]" });
  });
});

describe("the host's logger", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  const carelessProvider = () =>
    createTestProvider({
      catalog: async (context) => {
        const key = await context.resolveSecret("env:MY_OPAQUE");
        context.logger.debug(`resolved ${key} and ${SHAPED_SECRET}`, { key, nested: { values: [key] }, error: new Error(`bad ${key}`) });
        return null;
      },
    });

  it("masks resolved secrets and secret shapes in messages and fields, and tags the provider", async () => {
    const logger = createRecordingLogger();
    const host = await createHost({ config: {}, plugins: [pluginOf("p", carelessProvider())], env: { MY_OPAQUE: OPAQUE_SECRET }, logger });
    await host.listModels();
    const text = JSON.stringify(logger.records);
    expect(text).not.toContain(OPAQUE_SECRET);
    expect(text).not.toContain("FAKEFAKEFAKE0002");
    const line = logger.records.find((record) => record.message.startsWith("resolved"))!;
    expect(line.message).toBe("resolved [redacted] and AKIA…[redacted]");
    expect(line.fields).toMatchObject({ provider: "test-provider", nested: { values: ["[redacted]"] } });
  });

  it("writes JSON lines to stderr at $BEDROCK_KIT_LOG by default: skip lines only at debug", async () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    const plugins = [pluginOf("p", carelessProvider())];
    await (await createHost({ config: {}, plugins, env: { MY_OPAQUE: OPAQUE_SECRET } })).listModels();
    expect(written).toEqual([]);
    await (await createHost({ config: {}, plugins, env: { MY_OPAQUE: OPAQUE_SECRET, BEDROCK_KIT_LOG: "debug" } })).listModels();
    const records = written.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(records).toContainEqual(expect.objectContaining({ level: "debug", message: "catalog skipped", provider: "test-provider", reason: "returned null" }));
    expect(written.join("")).not.toContain(OPAQUE_SECRET);
  });
});
