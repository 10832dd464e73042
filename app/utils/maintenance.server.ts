/**
 * Housekeeping the server runs every hour: deletes expired sessions, used or
 * expired password-reset and confirmation links, accounts whose address was
 * not confirmed within UNCONFIRMED_ACCOUNT_DAYS of signing up (with their
 * profile and whatever private data they kept: they could not post), and
 * finished rate-limit windows, and single sign-on attempts and pending links
 * that expired. Idempotent, so several app instances may run it
 * at once.
 */
import { UNCONFIRMED_ACCOUNT_DAYS } from "~/domain/members/constants";
import { prisma } from "./db.server";
import { purgeOldRateLimitCounters } from "./rate-limit.server";

export async function purgeExpiredRecords(now = new Date()) {
  const unconfirmedBefore = new Date(now.getTime() - UNCONFIRMED_ACCOUNT_DAYS * 24 * 3600 * 1000);
  const [sessions, resetTokens, confirmationTokens, unconfirmedAccounts, ssoAttempts, ssoPendingLinks] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { expiresAt: { lte: now } } }),
    prisma.passwordResetToken.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { usedAt: { not: null } }] } }),
    prisma.emailConfirmationToken.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { usedAt: { not: null } }] } }),
    // User(emailConfirmedAt, createdAt) index.
    prisma.user.deleteMany({ where: { emailConfirmedAt: null, createdAt: { lte: unconfirmedBefore } } }),
    // SsoAttempt(expiresAt) and SsoPendingLink(expiresAt) indexes.
    prisma.ssoAttempt.deleteMany({ where: { expiresAt: { lte: now } } }),
    prisma.ssoPendingLink.deleteMany({ where: { expiresAt: { lte: now } } }),
  ]);
  await purgeOldRateLimitCounters(now);
  return {
    sessions: sessions.count,
    resetTokens: resetTokens.count,
    confirmationTokens: confirmationTokens.count,
    unconfirmedAccounts: unconfirmedAccounts.count,
    ssoAttempts: ssoAttempts.count,
    ssoPendingLinks: ssoPendingLinks.count,
  };
}
