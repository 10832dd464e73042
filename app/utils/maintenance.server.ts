/**
 * Housekeeping the server runs every hour: deletes expired sessions, used or
 * expired password-reset and confirmation links, accounts whose address was
 * not confirmed within UNCONFIRMED_ACCOUNT_DAYS of signing up (with their
 * profile and whatever private data they kept: they could not post), and
 * finished rate-limit windows, single sign-on attempts and pending links
 * that expired, inbound mail processed more than 30 days ago
 * and outbox emails written more than 30 days ago (decision 0020: a dedupe
 * key is only needed while the job that wrote the email may run again, which
 * is minutes; the outbox is not an archive). Idempotent, so several app instances may run it
 * at once.
 */
import { UNCONFIRMED_ACCOUNT_DAYS } from "~/domain/members/constants";
import { prisma } from "./db.server";
import { purgeOldRateLimitCounters } from "./rate-limit.server";

/** Processed inbound mail and outbox emails are kept this many days (decision 0020). */
export const MAIL_RETENTION_DAYS = 30;

export async function purgeExpiredRecords(now = new Date()) {
  const mailBefore = new Date(now.getTime() - MAIL_RETENTION_DAYS * 24 * 3600 * 1000);
  const unconfirmedBefore = new Date(now.getTime() - UNCONFIRMED_ACCOUNT_DAYS * 24 * 3600 * 1000);
  const [sessions, resetTokens, confirmationTokens, unconfirmedAccounts, ssoAttempts, ssoPendingLinks, inboundEmails, outboxEmails] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { expiresAt: { lte: now } } }),
    prisma.passwordResetToken.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { usedAt: { not: null } }] } }),
    prisma.emailConfirmationToken.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { usedAt: { not: null } }] } }),
    // User(emailConfirmedAt, createdAt) index.
    prisma.user.deleteMany({ where: { emailConfirmedAt: null, createdAt: { lte: unconfirmedBefore } } }),
    // SsoAttempt(expiresAt) and SsoPendingLink(expiresAt) indexes.
    prisma.ssoAttempt.deleteMany({ where: { expiresAt: { lte: now } } }),
    prisma.ssoPendingLink.deleteMany({ where: { expiresAt: { lte: now } } }),
    // InboundEmail(processedAt) index; unprocessed mail is kept until processed.
    prisma.inboundEmail.deleteMany({ where: { processedAt: { lte: mailBefore } } }),
    // OutboxEmail(createdAt) index.
    prisma.outboxEmail.deleteMany({ where: { createdAt: { lte: mailBefore } } }),
  ]);
  await purgeOldRateLimitCounters(now);
  return {
    sessions: sessions.count,
    resetTokens: resetTokens.count,
    confirmationTokens: confirmationTokens.count,
    unconfirmedAccounts: unconfirmedAccounts.count,
    ssoAttempts: ssoAttempts.count,
    ssoPendingLinks: ssoPendingLinks.count,
    inboundEmails: inboundEmails.count,
    outboxEmails: outboxEmails.count,
  };
}
