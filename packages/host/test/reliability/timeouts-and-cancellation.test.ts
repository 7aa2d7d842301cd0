import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROMPT, PROVIDERS, expectClassified, hostFor, request, run, startEmulator, type RunningEmulator } from "./reliability-harness.js";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

const short = (timeouts: Record<string, number>) => ({ mantle: { timeouts }, converse: { timeouts } });

describe.each(PROVIDERS)("timeouts and cancellation ($name)", ({ ref, route }) => {
  it("a stalled stream ends with a timeout error event after idleMs, keeping the text already streamed", async () => {
    const host = await hostFor(emulator, short({ idleMs: 300 }));
    emulator.setFaults({ [route]: { stallAfterEvents: 4 } });
    const outcome = await run(host.stream(ref, request()));
    emulator.setFaults({});
    expect(outcome.rejected).toBe(false);
    expect(expectClassified(outcome.error).code).toBe("timeout");
    expect(outcome.errorIndex).toBe(outcome.events.length - 1);
    expect(outcome.text.length).toBeGreaterThan(0);
    expect(PROMPT.startsWith(outcome.text.trim())).toBe(true);
    // Far below the 120 s default: the configured idle timeout fired (generous for a loaded CI box).
    expect(outcome.elapsedMs).toBeLessThan(15_000);
    await host.close();
  });

  it("a first-byte timeout rejects with timeout (and retries stay within maxAttempts)", async () => {
    const host = await hostFor(emulator, {
      mantle: { timeouts: { firstByteMs: 150 }, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } },
      converse: { timeouts: { firstByteMs: 150 }, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 } },
    });
    emulator.setFaults({ [route]: { latencyMs: 20_000 } });
    const outcome = await run(host.stream(ref, request()));
    emulator.setFaults({});
    expect(outcome.rejected).toBe(true);
    expect(expectClassified(outcome.error).code).toBe("timeout");
    expect(outcome.elapsedMs).toBeLessThan(10_000);
    await host.close();
  });

  it("an AbortSignal mid-stream ends the stream promptly with an aborted error event", async () => {
    const host = await hostFor(emulator);
    emulator.setFaults({ [route]: { stallAfterEvents: 5 } });
    const controller = new AbortController();
    const events: string[] = [];
    let text = "";
    let abortedAt = 0;
    let endedAt = 0;
    let terminal: unknown;
    for await (const event of host.stream(ref, request(), { signal: controller.signal })) {
      events.push(event.type);
      if (event.type === "text-delta" || event.type === "reasoning-delta") {
        if (event.type === "text-delta") text += event.text;
        if (abortedAt === 0) {
          abortedAt = performance.now();
          setTimeout(() => controller.abort(), 50);
        }
      }
      if (event.type === "error") terminal = event.error;
    }
    endedAt = performance.now();
    emulator.setFaults({});
    expect(expectClassified(terminal).code).toBe("aborted");
    expect(events.at(-1)).toBe("error");
    expect(text.length).toBeGreaterThan(0);
    expect(endedAt - abortedAt).toBeLessThan(10_000);
    await host.close();
  });

  it("a signal aborted while waiting before the first byte rejects with aborted", async () => {
    const host = await hostFor(emulator);
    emulator.setFaults({ [route]: { latencyMs: 20_000 } });
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const outcome = await run(host.stream(ref, request(), { signal: controller.signal }));
    emulator.setFaults({});
    expect(outcome.rejected).toBe(true);
    expect(expectClassified(outcome.error).code).toBe("aborted");
    expect(outcome.elapsedMs).toBeLessThan(10_000);
    await host.close();
  });
});
