import { expect, it } from "vitest";
import { createAccount } from "~/domain/members/accounts.server";
import { UNCONFIRMED_ACCOUNT_DAYS } from "~/domain/members/constants";
import { signUpConfirmed } from "../../tests/fixtures/members";
import { prisma } from "./db.server";
import { purgeExpiredRecords } from "./maintenance.server";
import { hitRateLimits } from "./rate-limit.server";
import { createSession, hashToken } from "./session.server";

it("deletes expired sessions and old rate-limit windows, and keeps live ones", async () => {
  const result = await signUpConfirmed({ email: `${crypto.randomUUID()}@example.org`, password: "quiet orchard morning", displayName: "Purge" });
  if (!result.ok) throw new Error("sign-up failed");
  const live = hashToken(result.value.token);
  const old = await createSession(result.value.userId, new Date(Date.now() - 31 * 24 * 3600 * 1000));
  await hitRateLimits([{ key: `purge-test-${crypto.randomUUID()}`, max: 1, windowSeconds: 60 }], new Date(Date.now() - 2 * 24 * 3600 * 1000));

  await purgeExpiredRecords();

  expect(await prisma.session.count({ where: { id: live } })).toBe(1);
  expect(await prisma.session.count({ where: { id: hashToken(old.token) } })).toBe(0);
  expect(await prisma.rateLimitCounter.count({ where: { windowStart: { lt: new Date(Date.now() - 24 * 3600 * 1000) } } })).toBe(0);
});

it(`deletes accounts whose address was not confirmed within ${UNCONFIRMED_ACCOUNT_DAYS} days, and nothing else`, async () => {
  const now = new Date();
  const day = 24 * 3600 * 1000;
  const make = async (label: string, ageDays: number, confirmed: boolean) => {
    const email = `${label}-${crypto.randomUUID()}@example.org`;
    const createdAt = new Date(now.getTime() - ageDays * day);
    const id = await createAccount({ email, passwordHash: "x", displayName: label, emailConfirmedAt: confirmed ? createdAt : null });
    await prisma.user.update({ where: { id: id! }, data: { createdAt }, select: { id: true } });
    return id!;
  };
  const stale = await make("stale", UNCONFIRMED_ACCOUNT_DAYS + 0.5, false);
  const recent = await make("recent", UNCONFIRMED_ACCOUNT_DAYS - 0.5, false);
  const oldButConfirmed = await make("confirmed", UNCONFIRMED_ACCOUNT_DAYS * 10, true);
  await prisma.emailConfirmationToken.create({
    data: { id: `expired-${crypto.randomUUID()}`, userId: recent, expiresAt: new Date(now.getTime() - 1000) },
    select: { id: true },
  });

  const purged = await purgeExpiredRecords(now);

  expect(purged.unconfirmedAccounts).toBeGreaterThanOrEqual(1);
  expect(await prisma.user.count({ where: { id: stale } })).toBe(0);
  expect(await prisma.profile.count({ where: { userId: stale } })).toBe(0);
  expect(await prisma.user.count({ where: { id: { in: [recent, oldButConfirmed] } } })).toBe(2);
  expect(await prisma.emailConfirmationToken.count({ where: { userId: recent } })).toBe(0);
});

it("deletes inbound mail 30 days after processing, and outbox emails 30 days after writing, keeping newer and unprocessed mail", async () => {
  const now = new Date();
  const day = 24 * 3600 * 1000;
  const inbound = (processedDaysAgo: number | null) =>
    prisma.inboundEmail.create({
      data: {
        messageId: `<${crypto.randomUUID()}@example.net>`,
        recipient: "reply+x@example.net",
        source: "smtp",
        raw: Buffer.from("Subject: hi\r\n\r\nhi") as Uint8Array<ArrayBuffer>,
        createdAt: new Date(now.getTime() - 40 * day),
        processedAt: processedDaysAgo === null ? null : new Date(now.getTime() - processedDaysAgo * day),
      },
      select: { id: true },
    });
  const [old, recent, waiting] = await Promise.all([inbound(31), inbound(29), inbound(null)]);
  const outbox = (daysAgo: number) =>
    prisma.outboxEmail.create({
      data: { to: "a@example.org", subject: "s", text: "t", createdAt: new Date(now.getTime() - daysAgo * day) },
      select: { id: true },
    });
  const [oldEmail, newEmail] = await Promise.all([outbox(31), outbox(29)]);

  await purgeExpiredRecords(now);

  expect(await prisma.inboundEmail.count({ where: { id: old.id } })).toBe(0);
  expect(await prisma.inboundEmail.count({ where: { id: { in: [recent.id, waiting.id] } } })).toBe(2);
  expect(await prisma.outboxEmail.count({ where: { id: oldEmail.id } })).toBe(0);
  expect(await prisma.outboxEmail.count({ where: { id: newEmail.id } })).toBe(1);
});
