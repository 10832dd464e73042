/**
 * Rate limits with fixed-window counters in the database, so that every app
 * instance shares them. Over the limit → a 429 response with Retry-After,
 * shown by the error page.
 */
import { prisma } from "./db.server";

export interface Limit {
  /** For example "login:ip:203.0.113.9" or "login:account:a@b.org". */
  key: string;
  max: number;
  windowSeconds: number;
}

export const LIMITS = {
  loginPerIp: (ip: string): Limit => ({ key: `login:ip:${ip}`, max: 30, windowSeconds: 15 * 60 }),
  loginPerAccount: (email: string): Limit => ({ key: `login:account:${email}`, max: 8, windowSeconds: 15 * 60 }),
  signupPerIp: (ip: string): Limit => ({ key: `signup:ip:${ip}`, max: 10, windowSeconds: 60 * 60 }),
  resetPerIp: (ip: string): Limit => ({ key: `reset:ip:${ip}`, max: 10, windowSeconds: 60 * 60 }),
  resetPerAccount: (email: string): Limit => ({ key: `reset:account:${email}`, max: 3, windowSeconds: 60 * 60 }),
  /** Checks of a signed-in member's current password (change password, delete account). */
  passwordCheckPerAccount: (userId: string): Limit => ({ key: `password-check:user:${userId}`, max: 10, windowSeconds: 15 * 60 }),
};

/** Counts one attempt against each limit; returns the seconds to wait when any is exceeded. */
export async function hitRateLimits(limits: Limit[], now = new Date()): Promise<number | null> {
  let retryAfter: number | null = null;
  for (const limit of limits) {
    const windowMs = limit.windowSeconds * 1000;
    const windowStart = new Date(Math.floor(now.getTime() / windowMs) * windowMs);
    const [row] = await prisma.$queryRaw<{ count: number }[]>`
      INSERT INTO "RateLimitCounter" ("key", "windowStart", "count")
      VALUES (${limit.key}, ${windowStart}, 1)
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + 1
      RETURNING "count"`;
    if (row && row.count > limit.max) {
      const wait = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
      retryAfter = Math.max(retryAfter ?? 0, wait);
    }
  }
  return retryAfter;
}

/** Throws the 429 response when any limit is exceeded. */
export async function enforceRateLimits(limits: Limit[]): Promise<void> {
  const retryAfter = await hitRateLimits(limits);
  if (retryAfter !== null) {
    throw new Response(JSON.stringify({ retryAfter }), {
      status: 429,
      statusText: "Too Many Requests",
      headers: { "Retry-After": String(retryAfter), "Content-Type": "application/json" },
    });
  }
}

/** Removes windows that ended more than a day ago. */
export async function purgeOldRateLimitCounters(now = new Date()) {
  await prisma.rateLimitCounter.deleteMany({ where: { windowStart: { lt: new Date(now.getTime() - 24 * 3600 * 1000) } } });
}
