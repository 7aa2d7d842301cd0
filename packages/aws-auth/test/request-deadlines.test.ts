import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RequestDeadlines, watchIdle, type Deadline } from "../src/transport/request-deadlines.js";

describe("RequestDeadlines", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  function deadlineIn(ms: number, expired: string[], name: string): Deadline {
    return { deadline: Date.now() + ms, expire: () => expired.push(name) };
  }

  it("expires each deadline once, when it passes, on one timer", () => {
    const deadlines = new RequestDeadlines();
    const expired: string[] = [];
    deadlines.add(deadlineIn(100, expired, "a"));
    deadlines.add(deadlineIn(300, expired, "b"));
    expect(vi.getTimerCount()).toBe(1);
    vi.advanceTimersByTime(99);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(expired).toEqual(["a"]);
    expect(deadlines.size).toBe(1);
    vi.advanceTimersByTime(200);
    expect(expired).toEqual(["a", "b"]);
    expect(deadlines.size).toBe(0);
    expect(deadlines.armed).toBe(false);
    vi.advanceTimersByTime(10_000);
    expect(expired).toEqual(["a", "b"]);
  });

  it("re-arms for an earlier deadline added later", () => {
    const deadlines = new RequestDeadlines();
    const expired: string[] = [];
    deadlines.add(deadlineIn(60_000, expired, "long"));
    deadlines.add(deadlineIn(50, expired, "short"));
    vi.advanceTimersByTime(50);
    expect(expired).toEqual(["short"]);
    expect(vi.getTimerCount()).toBe(1);
  });

  it("a deadline moved later is not expired at its old time", () => {
    const deadlines = new RequestDeadlines();
    const expired: string[] = [];
    const entry = deadlineIn(100, expired, "idle");
    deadlines.add(entry);
    vi.advanceTimersByTime(80);
    entry.deadline = Date.now() + 100;
    vi.advanceTimersByTime(50);
    expect(expired).toEqual([]);
    vi.advanceTimersByTime(50);
    expect(expired).toEqual(["idle"]);
  });

  it("a deleted deadline never expires, and its timer finds nothing", () => {
    const deadlines = new RequestDeadlines();
    const expired: string[] = [];
    const entry = deadlineIn(100, expired, "answered");
    deadlines.add(entry);
    deadlines.delete(entry);
    deadlines.delete(entry);
    vi.advanceTimersByTime(1_000);
    expect(expired).toEqual([]);
    expect(deadlines.armed).toBe(false);
  });

  it("an expiry may add and delete deadlines", () => {
    const deadlines = new RequestDeadlines();
    const expired: string[] = [];
    const other = deadlineIn(100, expired, "other");
    deadlines.add({ deadline: Date.now() + 100, expire: () => {
      expired.push("first");
      deadlines.delete(other);
      deadlines.add(deadlineIn(20, expired, "added"));
    } });
    deadlines.add(other);
    vi.advanceTimersByTime(100);
    // Both had passed: both expire (removed before any expiry ran), then the added one later.
    expect(expired).toEqual(["first", "other"]);
    vi.advanceTimersByTime(20);
    expect(expired).toEqual(["first", "other", "added"]);
  });

  it("never keeps the process alive on its own", () => {
    const deadlines = new RequestDeadlines();
    deadlines.add({ deadline: Date.now() + 60_000, expire: () => undefined });
    expect(deadlines.armed).toBe(true);
    expect(deadlines.keepsProcessAlive).toBe(false);
  });

  it("uses the injected clock", () => {
    let now = 5_000;
    const deadlines = new RequestDeadlines(() => now);
    const expired: string[] = [];
    deadlines.add({ deadline: 5_100, expire: () => expired.push("x") });
    now = 5_050;
    vi.advanceTimersByTime(100);
    // The timer fired, but by the injected clock the deadline has not passed: re-armed.
    expect(expired).toEqual([]);
    now = 5_100;
    vi.advanceTimersByTime(50);
    expect(expired).toEqual(["x"]);
  });
});

describe("watchIdle", () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("expires after idleMs without a touch; each touch restarts the clock; stop ends it", () => {
    const deadlines = new RequestDeadlines();
    let expiries = 0;
    const idle = watchIdle(deadlines, 100, () => (expiries += 1));
    for (let step = 0; step < 5; step += 1) {
      vi.advanceTimersByTime(90);
      idle.touch();
    }
    expect(expiries).toBe(0);
    vi.advanceTimersByTime(100);
    expect(expiries).toBe(1);

    const stopped = watchIdle(deadlines, 100, () => (expiries += 1));
    stopped.stop();
    stopped.stop();
    vi.advanceTimersByTime(500);
    expect(expiries).toBe(1);
    expect(deadlines.size).toBe(0);
  });
});
