/**
 * Rate limits with fixed-window counters in the database, so that every app
 * instance shares them. Over the limit → a 429 response with Retry-After (and
 * `retryAfter` in its JSON body), which the error page turns into words.
 *
 * Limits on an account are keyed on the account AND the client's address, so
 * that nobody can use up a member's allowance from elsewhere and lock them
 * out; a slower ceiling on the account alone (many addresses) stops guessing
 * spread over a botnet. What is counted:
 * - login: every attempt per address (a flood brake, before the password is
 *   hashed); FAILED attempts per account and address, and per account. A
 *   login counts as a failure up front, so that parallel guesses cannot
 *   overshoot the limit, and the count is given back when the password was
 *   right (`releaseRateLimits`). The account ceiling can lock its owner out
 *   too: a reset link (limited separately) still gets them in, and signs
 *   them in.
 * - reset requests: per address, per account and address, and an account
 *   ceiling that caps the emails one inbox gets; past it, the newest link
 *   already sent still works.
 * - sign-up: per address, and per typed address (each sign-up now emails it).
 * Every account limit counts whether or not the account exists, so a 429
 * tells nothing either.
 */
import { prisma } from "./db.server";

export interface Limit {
  /** For example "login:ip:203.0.113.9" or "login:account:a@b.org". */
  key: string;
  max: number;
  windowSeconds: number;
  /** How much this attempt counts for (default 1): an invitation form counts each address it emails. */
  cost?: number;
}

/** The key part for an account from one client address ("|" cannot appear in an email address we accept). */
const accountAt = (email: string, ip: string) => `${email}|${ip}`;

export const LIMITS = {
  loginPerIp: (ip: string): Limit => ({ key: `login:ip:${ip}`, max: 30, windowSeconds: 15 * 60 }),
  /**
   * Starting a sign-in through an association's provider writes a row (the attempt) and sends the
   * browser away; no password is tried here, so it has a budget of its own, wider than password
   * logins', for a whole office signing in at once from one address.
   */
  ssoStartPerIp: (ip: string): Limit => ({ key: `sso-start:ip:${ip}`, max: 120, windowSeconds: 15 * 60 }),
  loginFailuresPerAccountAndIp: (email: string, ip: string): Limit => ({
    key: `login-failed:account-ip:${accountAt(email, ip)}`,
    max: 8,
    windowSeconds: 15 * 60,
  }),
  loginFailuresPerAccount: (email: string): Limit => ({ key: `login-failed:account:${email}`, max: 50, windowSeconds: 60 * 60 }),
  signupPerIp: (ip: string): Limit => ({ key: `signup:ip:${ip}`, max: 10, windowSeconds: 60 * 60 }),
  signupPerAccount: (email: string): Limit => ({ key: `signup:account:${email}`, max: 5, windowSeconds: 60 * 60 }),
  resetPerIp: (ip: string): Limit => ({ key: `reset:ip:${ip}`, max: 10, windowSeconds: 60 * 60 }),
  resetPerAccountAndIp: (email: string, ip: string): Limit => ({
    key: `reset:account-ip:${accountAt(email, ip)}`,
    max: 3,
    windowSeconds: 60 * 60,
  }),
  resetPerAccount: (email: string): Limit => ({ key: `reset:account:${email}`, max: 10, windowSeconds: 60 * 60 }),
  /** The confirmation email sent again, per member. */
  confirmationPerUser: (userId: string): Limit => ({ key: `confirmation:user:${userId}`, max: 5, windowSeconds: 60 * 60 }),
  /** Checks of a signed-in member's current password (change password, delete account). */
  passwordCheckPerAccount: (userId: string): Limit => ({ key: `password-check:user:${userId}`, max: 10, windowSeconds: 15 * 60 }),
};

/** Counts one attempt (its cost) against each limit; returns the seconds to wait when any is exceeded. */
export async function hitRateLimits(limits: Limit[], now = new Date()): Promise<number | null> {
  let retryAfter: number | null = null;
  for (const limit of limits) {
    const windowMs = limit.windowSeconds * 1000;
    const windowStart = windowOf(limit, now);
    const [row] = await prisma.$queryRaw<{ count: number }[]>`
      INSERT INTO "RateLimitCounter" ("key", "windowStart", "count")
      VALUES (${limit.key}, ${windowStart}, ${limit.cost ?? 1})
      ON CONFLICT ("key", "windowStart") DO UPDATE SET "count" = "RateLimitCounter"."count" + ${limit.cost ?? 1}
      RETURNING "count"`;
    if (row && row.count > limit.max) {
      const wait = Math.ceil((windowStart.getTime() + windowMs - now.getTime()) / 1000);
      retryAfter = Math.max(retryAfter ?? 0, wait);
    }
  }
  return retryAfter;
}

/** The start of the window `now` falls in. */
function windowOf(limit: Limit, now: Date): Date {
  const windowMs = limit.windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/**
 * Gives back one hit counted at `now` (pass the same instant as to
 * `enforceRateLimits`): an attempt counted up front as a failure that
 * turned out not to be one.
 */
export async function releaseRateLimits(limits: Limit[], now: Date): Promise<void> {
  for (const limit of limits) {
    await prisma.rateLimitCounter.updateMany({
      where: { key: limit.key, windowStart: windowOf(limit, now), count: { gt: 0 } },
      data: { count: { decrement: 1 } },
    });
  }
}

/** Throws the 429 response when any limit is exceeded. */
export async function enforceRateLimits(limits: Limit[], now = new Date()): Promise<void> {
  const retryAfter = await hitRateLimits(limits, now);
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
