import { describe, expect, it } from "vitest";
import { BedrockKitError } from "@bedrock-kit/plugin-host";
import {
  DEFAULT_RETRY_POLICY,
  computeRetryDelay,
  isRetryableFailure,
  parseRetryAfter,
  retryBeforeFirstEvent,
} from "../src/transport/index.js";

const throttled = (status = 429) =>
  new BedrockKitError({ code: "throttled", message: "Too many tokens", hint: "wait", status });

function failingThen<T>(failures: BedrockKitError[], events: T[]) {
  const starts: number[] = [];
  const start = (attempt: number): AsyncIterable<T> => {
    starts.push(attempt);
    const failure = failures[attempt - 1];
    return (async function* () {
      if (failure) throw failure;
      yield* events;
    })();
  };
  return { start, starts };
}

function fakeTime() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    clock: { now: () => now },
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

describe("retryBeforeFirstEvent", () => {
  it("retries throttled and unavailable failures before the first event, then continues the stream", async () => {
    const time = fakeTime();
    const unavailable = new BedrockKitError({ code: "unavailable", message: "503", hint: "retry", status: 503 });
    const { start, starts } = failingThen([throttled(), unavailable], ["a", "b"]);
    const result = await retryBeforeFirstEvent(start, { policy: DEFAULT_RETRY_POLICY, clock: time.clock, sleep: time.sleep, random: () => 0.5 });
    expect(starts).toEqual([1, 2, 3]);
    expect(result.attempts).toBe(3);
    expect(result.first).toEqual({ value: "a", done: false });
    expect(await result.iterator.next()).toEqual({ value: "b", done: false });
    expect(time.sleeps).toEqual([100, 200]);
  });

  it("gives up after maxAttempts and reports the attempts made", async () => {
    const time = fakeTime();
    const { start, starts } = failingThen([throttled(), throttled(), throttled(), throttled()], ["never"]);
    const error = await retryBeforeFirstEvent(start, { policy: { ...DEFAULT_RETRY_POLICY, maxAttempts: 3 }, clock: time.clock, sleep: time.sleep }).catch((caught) => caught);
    expect(starts).toEqual([1, 2, 3]);
    expect(error.code).toBe("throttled");
    expect(error.metadata.attempts).toBe(3);
  });

  it("never retries non-retryable codes or 4xx other than 408/429", async () => {
    const time = fakeTime();
    const denied = new BedrockKitError({ code: "access-denied", message: "no", hint: "grant", status: 403 });
    const oddlyRetryable = new BedrockKitError({ code: "unavailable", message: "400", hint: "x", status: 400 });
    for (const failure of [denied, oddlyRetryable]) {
      const { start, starts } = failingThen([failure], ["x"]);
      await expect(retryBeforeFirstEvent(start, { policy: DEFAULT_RETRY_POLICY, clock: time.clock, sleep: time.sleep })).rejects.toMatchObject({ code: failure.code, metadata: { attempts: 1 } });
      expect(starts).toEqual([1]);
    }
    expect(isRetryableFailure(new BedrockKitError({ code: "timeout", message: "t", hint: "h", status: 408 }))).toBe(true);
  });

  it("stops at the total deadline", async () => {
    const time = fakeTime();
    const { start, starts } = failingThen(Array.from({ length: 10 }, () => throttled()), ["x"]);
    await expect(
      retryBeforeFirstEvent(start, {
        policy: { maxAttempts: 10, baseDelayMs: 1000, maxDelayMs: 1000, totalDeadlineMs: 2500 },
        clock: time.clock,
        sleep: time.sleep,
        random: () => 0.999,
      }),
    ).rejects.toMatchObject({ code: "throttled" });
    expect(starts.length).toBeLessThanOrEqual(4);
    expect(time.sleeps.reduce((sum, ms) => sum + ms, 0)).toBeLessThanOrEqual(2500);
  });

  it("does not retry once the stream has produced its first event", async () => {
    const time = fakeTime();
    let calls = 0;
    const start = () => {
      calls += 1;
      return (async function* () {
        yield "first";
        throw throttled();
      })();
    };
    const result = await retryBeforeFirstEvent(start, { policy: DEFAULT_RETRY_POLICY, clock: time.clock, sleep: time.sleep });
    await expect(result.iterator.next()).rejects.toMatchObject({ code: "throttled" });
    expect(calls).toBe(1);
  });

  it("stops waiting when the signal aborts", async () => {
    const controller = new AbortController();
    const { start } = failingThen([throttled(), throttled()], ["x"]);
    setTimeout(() => controller.abort(), 20);
    await expect(
      retryBeforeFirstEvent(start, {
        policy: { ...DEFAULT_RETRY_POLICY, baseDelayMs: 10_000, maxDelayMs: 10_000 },
        clock: { now: () => 0 },
        signal: controller.signal,
        random: () => 0.9,
      }),
    ).rejects.toMatchObject({ code: "aborted" });
  });
});

describe("retry delays", () => {
  it("uses capped exponential windows with full jitter", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(computeRetryDelay(policy, 2, () => 0.999)).toBe(99);
    expect(computeRetryDelay(policy, 3, () => 0.999)).toBe(199);
    expect(computeRetryDelay(policy, 10, () => 0.999)).toBe(999);
    expect(computeRetryDelay(policy, 2, () => 0)).toBe(0);
  });

  it("honours Retry-After up to the cap", () => {
    const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 5000 };
    expect(computeRetryDelay(policy, 2, () => 0.1, 3000)).toBe(3000);
    expect(computeRetryDelay(policy, 2, () => 0.1, 60_000)).toBe(5000);
  });

  it("parses Retry-After seconds, dates and AWS millisecond hints", () => {
    expect(parseRetryAfter({ "retry-after": "2" }, 0)).toBe(2000);
    expect(parseRetryAfter({ "retry-after-ms": "150" }, 0)).toBe(150);
    expect(parseRetryAfter({ "x-amzn-retry-after": "75" }, 0)).toBe(75);
    expect(parseRetryAfter({ "retry-after": new Date(10_000).toUTCString() }, 4000)).toBe(6000);
    expect(parseRetryAfter({ "retry-after": "soon" }, 0)).toBeUndefined();
    expect(parseRetryAfter({}, 0)).toBeUndefined();
  });
});
