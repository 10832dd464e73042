import { expect, it } from "vitest";
import { signUp } from "~/domain/members/accounts.server";
import { prisma } from "./db.server";
import { purgeExpiredRecords } from "./maintenance.server";
import { hitRateLimits } from "./rate-limit.server";
import { createSession, hashToken } from "./session.server";

it("deletes expired sessions and old rate-limit windows, and keeps live ones", async () => {
  const result = await signUp({ email: `${crypto.randomUUID()}@example.org`, password: "quiet orchard morning", displayName: "Purge" });
  if (!result.ok) throw new Error("sign-up failed");
  const live = hashToken(result.value.token);
  const old = await createSession(result.value.userId, new Date(Date.now() - 31 * 24 * 3600 * 1000));
  await hitRateLimits([{ key: `purge-test-${crypto.randomUUID()}`, max: 1, windowSeconds: 60 }], new Date(Date.now() - 2 * 24 * 3600 * 1000));

  await purgeExpiredRecords();

  expect(await prisma.session.count({ where: { id: live } })).toBe(1);
  expect(await prisma.session.count({ where: { id: hashToken(old.token) } })).toBe(0);
  expect(await prisma.rateLimitCounter.count({ where: { windowStart: { lt: new Date(Date.now() - 24 * 3600 * 1000) } } })).toBe(0);
});
