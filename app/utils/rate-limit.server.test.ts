import { describe, expect, it } from "vitest";
import { enforceRateLimits, hitRateLimits, LIMITS, releaseRateLimits, type Limit } from "./rate-limit.server";

// Keys are unique per test: test files in a worker share one database.
const limit = (max: number, windowSeconds = 60): Limit => ({ key: `test:${crypto.randomUUID()}`, max, windowSeconds });
// A moment `seconds` after the start of an hour: the start of both a 60-second and an hour-long window.
const at = (seconds: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, 0) + seconds * 1000);

describe("fixed-window rate limits", () => {
  it("allows max hits in a window; the next one gets the seconds left in the window", async () => {
    const three = limit(3);
    for (let hit = 1; hit <= 3; hit++) expect(await hitRateLimits([three], at(10))).toBeNull();
    const retryAfter = await hitRateLimits([three], at(10));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBe(50);
    // Still refused later in the same window, with less to wait.
    expect(await hitRateLimits([three], at(45))).toBe(15);
  });

  it("a new window starts counting again", async () => {
    const one = limit(1);
    expect(await hitRateLimits([one], at(10))).toBeNull();
    expect(await hitRateLimits([one], at(20))).toBeGreaterThan(0);
    expect(await hitRateLimits([one], at(60))).toBeNull();
    expect(await hitRateLimits([one], at(61))).toBeGreaterThan(0);
  });

  it("an attempt with a cost counts that many (an invitation form, per address it emails)", async () => {
    const hundred = limit(100);
    expect(await hitRateLimits([{ ...hundred, cost: 60 }], at(10))).toBeNull();
    expect(await hitRateLimits([{ ...hundred, cost: 40 }], at(10))).toBeNull();
    expect(await hitRateLimits([{ ...hundred, cost: 1 }], at(10))).toBe(50);
  });

  it("two keys are counted independently", async () => {
    const first = limit(2);
    const second = limit(2);
    for (let hit = 0; hit < 3; hit++) await hitRateLimits([first], at(5));
    expect(await hitRateLimits([first], at(5))).toBeGreaterThan(0);
    expect(await hitRateLimits([second], at(5))).toBeNull();
    expect(await hitRateLimits([second], at(5))).toBeNull();
  });

  it("with several limits, any one exceeded refuses, with the longest wait", async () => {
    const short = limit(1, 60);
    const long = limit(1, 3600);
    expect(await hitRateLimits([short, long], at(10))).toBeNull();
    expect(await hitRateLimits([short, long], at(10))).toBe(3590);
  });

  it("enforceRateLimits throws a 429 response with Retry-After", async () => {
    const none = limit(0);
    const thrown = await enforceRateLimits([none]).catch((error: unknown) => error);
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(429);
    expect(Number((thrown as Response).headers.get("Retry-After"))).toBeGreaterThan(0);
    await expect(enforceRateLimits([limit(5)])).resolves.toBeUndefined();
  });

  it("a hit given back (a login that turned out right) no longer counts, in its own window only", async () => {
    const two = limit(2);
    expect(await hitRateLimits([two], at(5))).toBeNull();
    expect(await hitRateLimits([two], at(6))).toBeNull();
    await releaseRateLimits([two], at(7));
    expect(await hitRateLimits([two], at(8))).toBeNull();
    expect(await hitRateLimits([two], at(9))).toBeGreaterThan(0);
    // Nothing to give back in a window with no hits: the count never goes below zero.
    await releaseRateLimits([two], at(65));
    expect(await hitRateLimits([two], at(66))).toBeNull();
    expect(await hitRateLimits([two], at(67))).toBeNull();
    expect(await hitRateLimits([two], at(68))).toBeGreaterThan(0);
  });

  it("account limits are keyed on the account and the client address, with a slower ceiling on the account alone", () => {
    const fromHere = LIMITS.loginFailuresPerAccountAndIp("a@example.org", "198.51.100.1");
    const fromThere = LIMITS.loginFailuresPerAccountAndIp("a@example.org", "198.51.100.2");
    const ceiling = LIMITS.loginFailuresPerAccount("a@example.org");
    expect(fromHere.key).not.toBe(fromThere.key);
    // Many addresses together may fail more often than one, but not without end.
    expect(ceiling.max).toBeGreaterThan(fromHere.max);
    expect(ceiling.windowSeconds).toBeGreaterThanOrEqual(fromHere.windowSeconds);
    expect(LIMITS.resetPerAccountAndIp("a@example.org", "198.51.100.1").key).not.toBe(
      LIMITS.resetPerAccountAndIp("a@example.org", "198.51.100.2").key,
    );
  });
});
