import type { Logger } from "@bedrock-kit/plugin-host";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  PROMPT,
  PROVIDERS,
  closedPort,
  expectClassified,
  hostFor,
  request,
  run,
  startEmulator,
  startFaultServer,
  type Outcome,
  type RunningEmulator,
} from "./reliability-harness.js";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

/** Every fault tried, for RELIABILITY.md's figures (printed once at the end). */
const tried: string[] = [];
const yields: string[] = [];
afterAll(() => {
  console.log(`[reliability] faults tried: ${tried.length}\n${yields.join("\n")}`);
});

function record(label: string, outcome: Outcome): void {
  const how = outcome.rejected ? "rejects" : `error event after ${outcome.events.length - 1} events, text ${JSON.stringify(outcome.text.trim())}`;
  yields.push(`  ${label}: ${outcome.error?.code ?? "none"} (${how}; status ${outcome.error?.status ?? "-"}; ${Math.round(outcome.elapsedMs)} ms)`);
}

/** Point a provider at a loopback fault server (discovery off, the model configured). */
function pointedAt(url: string) {
  return {
    mantle: {
      baseUrl: url,
      discovery: { enabled: false },
      models: [
        { id: "mistral.mistral-large-3-675b-instruct", api: "openai-completions" },
        { id: "anthropic.claude-haiku-4-5", api: "anthropic-messages" },
      ],
    },
    converse: { baseUrl: url, discovery: { enabled: false } },
  };
}

/** A stream that ends after a byte: text kept, one terminal error event last, classified, no finish. */
function expectMidStreamFailure(outcome: Outcome): void {
  expect(outcome.rejected).toBe(false);
  expect(outcome.finish).toBeUndefined();
  expectClassified(outcome.error);
  expect(outcome.errorIndex).toBe(outcome.events.length - 1);
  expect(outcome.events.filter((event) => event.type === "error")).toHaveLength(1);
  expect(PROMPT.startsWith(outcome.text.trim())).toBe(true);
  expect(outcome.elapsedMs).toBeLessThan(15_000);
}

describe.each(PROVIDERS)("emulator stream faults ($name)", ({ name, ref, route }) => {
  const cases: Array<[string, Record<string, number>, RegExp]> = [
    ["reset mid-stream", { resetAfterEvents: 5 }, /unavailable|stream-corrupt|timeout/],
    ["truncated stream (clean end without the terminal event)", { truncateAfterEvents: 5 }, /stream-corrupt/],
    ["corrupt frame / invalid JSON in one event", { corruptFrameAt: 4 }, /stream-corrupt/],
    ["in-stream error event", { errorAfterEvents: 4 }, /./],
  ];
  it.each(cases)("%s: text kept, then one classified error event", async (label, faults, code) => {
    tried.push(`${name}: ${label}`);
    const host = await hostFor(emulator);
    emulator.setFaults({ [route]: faults });
    const outcome = await run(host.stream(ref, request()));
    record(tried.at(-1)!, outcome);
    emulator.setFaults({});
    expectMidStreamFailure(outcome);
    expect(outcome.error!.code).toMatch(code);
    await host.close();
  });

  it("a reset mid-stream delivers the text streamed so far before the error", async () => {
    tried.push(`${name}: reset mid-stream, text first`);
    const host = await hostFor(emulator);
    emulator.setFaults({ [route]: { resetAfterEvents: 6 } });
    const outcome = await run(host.stream(ref, request()));
    record(tried.at(-1)!, outcome);
    emulator.setFaults({});
    expect(outcome.text.length).toBeGreaterThan(0);
    const lastText = outcome.events.map((event) => event.type).lastIndexOf("text-delta");
    expect(lastText).toBeLessThan(outcome.errorIndex);
    await host.close();
  });

  it("connection refused rejects as unavailable with a hint", async () => {
    tried.push(`${name}: connection refused`);
    const port = await closedPort();
    const host = await hostFor(emulator, pointedAt(`http://127.0.0.1:${port}`));
    const outcome = await run(host.stream(ref, request()));
    record(tried.at(-1)!, outcome);
    expect(outcome.rejected).toBe(true);
    expect(expectClassified(outcome.error).code).toBe("unavailable");
    await host.close();
  });

  it("a reset before the headers rejects classified, after the retries", async () => {
    tried.push(`${name}: reset before headers`);
    const server = await startFaultServer((incoming) => incoming.socket.destroy());
    const host = await hostFor(emulator, pointedAt(server.url));
    const outcome = await run(host.stream(ref, request()));
    record(tried.at(-1)!, outcome);
    expect(outcome.rejected).toBe(true);
    expect(expectClassified(outcome.error).code).toBe("unavailable");
    expect(server.requests.length).toBe(3);
    await host.close();
    await server.close();
  });

  it("an HTML 502 from a proxy rejects as unavailable, retried, without dumping the page", async () => {
    tried.push(`${name}: HTML 502 from a proxy`);
    const page = `<html><head><title>502 Bad Gateway</title></head><body>${"<p>nginx</p>".repeat(2000)}</body></html>`;
    const server = await startFaultServer((_incoming, outgoing) => {
      outgoing.writeHead(502, { "content-type": "text/html" });
      outgoing.end(page);
    });
    const host = await hostFor(emulator, pointedAt(server.url));
    const outcome = await run(host.stream(ref, request()));
    record(tried.at(-1)!, outcome);
    const error = expectClassified(outcome.error);
    expect(outcome.rejected).toBe(true);
    expect(error.code).toBe("unavailable");
    expect(error.status).toBe(502);
    expect(error.message.length).toBeLessThan(2_000);
    expect(server.requests.length).toBe(3);
    await host.close();
    await server.close();
  });

  it("a 200 with a wrong content type (an HTML login page) fails classified, not as garbage text", async () => {
    tried.push(`${name}: 200 with a wrong content type`);
    const server = await startFaultServer((_incoming, outgoing) => {
      outgoing.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      outgoing.end("<html><body>Sign in to continue</body></html>");
    });
    const host = await hostFor(emulator, pointedAt(server.url));
    const outcome = await run(host.stream(ref, request()));
    record(tried.at(-1)!, outcome);
    expectClassified(outcome.error);
    expect(outcome.finish).toBeUndefined();
    expect(outcome.text).not.toContain("Sign in");
    await host.close();
    await server.close();
  });

  it("a slow-loris server trickling its headers is cut by the first-byte timeout", async () => {
    tried.push(`${name}: slow-loris headers`);
    const { createServer } = await import("node:net");
    const sockets = new Set<import("node:net").Socket>();
    const server = createServer((socket) => {
      sockets.add(socket);
      socket.on("error", () => undefined);
      const header = "HTTP/1.1 200 OK\r\nX-Padding: " + "a".repeat(10_000);
      let index = 0;
      const timer = setInterval(() => {
        if (socket.destroyed) return clearInterval(timer);
        socket.write(header[index++ % header.length]!);
      }, 20);
      socket.on("close", () => clearInterval(timer));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as import("node:net").AddressInfo).port;
    const timeouts = { firstByteMs: 300, idleMs: 300 };
    const retry = { maxAttempts: 1 };
    const overrides = pointedAt(`http://127.0.0.1:${port}`);
    const host = await hostFor(emulator, { mantle: { ...overrides.mantle, timeouts, retry }, converse: { ...overrides.converse, timeouts, retry } });
    const outcome = await run(host.stream(ref, request()));
    record(tried.at(-1)!, outcome);
    expect(outcome.rejected).toBe(true);
    expect(expectClassified(outcome.error).code).toBe("timeout");
    expect(outcome.elapsedMs).toBeLessThan(10_000);
    await host.close();
    for (const socket of sockets) socket.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("a slow-loris body (keep-alive bytes forever, never idle) is ended by the caller's deadline signal", async () => {
    tried.push(`${name}: slow-loris body`);
    const contentType = name === "converse" ? "application/vnd.amazon.eventstream" : "text/event-stream";
    const server = await startFaultServer((_incoming, outgoing) => {
      outgoing.writeHead(200, { "content-type": contentType });
      // SSE comments are legal keep-alives; for event-stream, bytes of a frame that never completes.
      const unit = name === "converse" ? Buffer.from([0, 0, 0x10, 0]) : Buffer.from(":\n");
      outgoing.write(unit);
      const timer = setInterval(() => {
        if (outgoing.destroyed) return clearInterval(timer);
        outgoing.write(name === "converse" ? Buffer.from([0]) : unit);
      }, 20);
      outgoing.on("close", () => clearInterval(timer));
    });
    const overrides = pointedAt(server.url);
    const timeouts = { idleMs: 200 };
    const host = await hostFor(emulator, { mantle: { ...overrides.mantle, timeouts }, converse: { ...overrides.converse, timeouts } });
    const outcome = await run(host.stream(ref, request(), { signal: AbortSignal.timeout(500) }));
    record(tried.at(-1)!, outcome);
    expect(expectClassified(outcome.error).code).toMatch(/aborted|timeout|stream-corrupt/);
    expect(outcome.finish).toBeUndefined();
    expect(outcome.elapsedMs).toBeLessThan(10_000);
    await host.close();
    await server.close();
  });
});

describe("body caps", () => {
  it("a Mantle discovery body over 4 MiB is refused without buffering it, and the catalog still answers", async () => {
    tried.push("mantle: discovery body > 4 MiB");
    const server = await startFaultServer((_incoming, outgoing) => {
      outgoing.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      outgoing.write('{"object":"list","data":[');
      let sent = 0;
      const pump = () => {
        while (sent < 6 * 1024 * 1024) {
          sent += chunk.length;
          if (!outgoing.write(chunk)) return outgoing.once("drain", pump);
        }
        outgoing.end("]}");
      };
      pump();
      outgoing.on("error", () => undefined);
    });
    const warnings: string[] = [];
    const logger: Logger = { debug() {}, info() {}, warn: (message) => warnings.push(message), error: (message) => warnings.push(message) };
    const host = await hostFor(emulator, { mantle: { baseUrl: server.url } }, {}, logger);
    const started = performance.now();
    const models = await host.listModels({ provider: "amazon-bedrock-mantle" });
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(server.requests.some((entry) => entry.url.includes("/models"))).toBe(true);
    expect(Array.isArray(models)).toBe(true);
    await host.close();
    await server.close();
  });
});
