import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROMPT, PROVIDERS, hostFor, request, requestsOn, run, startEmulator, type RunningEmulator } from "./reliability-harness.js";

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator();
});
afterAll(async () => {
  await emulator.close();
});

describe.each(PROVIDERS)("retries before the first byte ($name)", ({ ref, route }) => {
  it("a throttled call (429 + retry-after) is retried and succeeds on the second attempt", async () => {
    const host = await hostFor(emulator);
    emulator.setFaults({ [route]: { throttleEveryNth: 2 } });
    const first = await run(host.stream(ref, request()));
    const before = requestsOn(emulator, route);
    const second = await run(host.stream(ref, request()));
    emulator.setFaults({});
    expect(first.finish?.metadata?.attempts).toBe(1);
    expect(second.error).toBeUndefined();
    expect(second.text.trim()).toBe(PROMPT);
    expect(second.finish?.metadata?.attempts).toBe(2);
    expect(requestsOn(emulator, route) - before).toBe(2);
    await host.close();
  });

  it("the wait before the retry honours Retry-After (the emulator sends 1 s) when the cap allows it", async () => {
    const slowCap = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5_000, totalDeadlineMs: 10_000 };
    const host = await hostFor(emulator, { mantle: { retry: slowCap }, converse: { retry: slowCap } });
    emulator.setFaults({ [route]: { throttleEveryNth: 2 } });
    await run(host.stream(ref, request()));
    const second = await run(host.stream(ref, request()));
    emulator.setFaults({});
    expect(second.finish?.metadata?.attempts).toBe(2);
    // Jitter alone (base 1 ms) would retry at once; only the hint explains a wait of about a second.
    expect(second.elapsedMs).toBeGreaterThanOrEqual(950);
    await host.close();
  });

  it("503 and 500 are retried up to maxAttempts, then surface classified", async () => {
    const host = await hostFor(emulator);
    for (const status of [503, 500]) {
      emulator.setFaults({ [route]: { status } });
      const before = requestsOn(emulator, route);
      const outcome = await run(host.stream(ref, request()));
      expect(outcome.rejected).toBe(true);
      expect(outcome.error?.code).toMatch(/unavailable|throttled/);
      expect(outcome.error?.metadata?.attempts ?? outcome.error?.metadata?.["attempts"]).toBe(3);
      expect(requestsOn(emulator, route) - before).toBe(3);
    }
    emulator.setFaults({});
    await host.close();
  });

  it("4xx other than 408/429 are never retried", async () => {
    const host = await hostFor(emulator);
    for (const status of [400, 403, 404, 413, 422]) {
      emulator.setFaults({ [route]: { status } });
      const before = requestsOn(emulator, route);
      const outcome = await run(host.stream(ref, request()));
      expect(outcome.rejected, `status ${status}`).toBe(true);
      expect(outcome.error?.retryable === true && outcome.error.status === status).toBe(false);
      expect(requestsOn(emulator, route) - before, `status ${status}`).toBe(1);
    }
    emulator.setFaults({});
    await host.close();
  });

  it("408 is retried", async () => {
    const host = await hostFor(emulator);
    emulator.setFaults({ [route]: { status: 408 } });
    const before = requestsOn(emulator, route);
    await run(host.stream(ref, request()));
    emulator.setFaults({});
    expect(requestsOn(emulator, route) - before).toBe(3);
    await host.close();
  });

  it("nothing is retried after a byte was streamed (reset mid-stream: one request, text kept)", async () => {
    const host = await hostFor(emulator);
    emulator.setFaults({ [route]: { resetAfterEvents: 4 } });
    const before = requestsOn(emulator, route);
    const outcome = await run(host.stream(ref, request()));
    emulator.setFaults({});
    expect(requestsOn(emulator, route) - before).toBe(1);
    expect(outcome.rejected).toBe(false);
    expect(outcome.finish).toBeUndefined();
    expect(outcome.error).toBeDefined();
    expect(PROMPT.startsWith(outcome.text.trim())).toBe(true);
    await host.close();
  });

  it("retries stop at the total deadline", async () => {
    const host = await hostFor(emulator, {
      mantle: { retry: { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 100, totalDeadlineMs: 150 } },
      converse: { retry: { maxAttempts: 10, baseDelayMs: 100, maxDelayMs: 100, totalDeadlineMs: 150 } },
    });
    emulator.setFaults({ [route]: { status: 503 } });
    const before = requestsOn(emulator, route);
    const outcome = await run(host.stream(ref, request()));
    emulator.setFaults({});
    expect(outcome.rejected).toBe(true);
    const made = requestsOn(emulator, route) - before;
    expect(made).toBeGreaterThanOrEqual(2);
    expect(made).toBeLessThan(10);
    await host.close();
  });

  it("maxAttempts 1 disables retries", async () => {
    const host = await hostFor(emulator, { mantle: { retry: { maxAttempts: 1 } }, converse: { retry: { maxAttempts: 1 } } });
    emulator.setFaults({ [route]: { status: 503 } });
    const before = requestsOn(emulator, route);
    await run(host.stream(ref, request()));
    emulator.setFaults({});
    expect(requestsOn(emulator, route) - before).toBe(1);
    await host.close();
  });
});
