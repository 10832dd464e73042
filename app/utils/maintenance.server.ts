/**
 * Housekeeping the server runs every hour: deletes expired sessions, used or
 * expired password-reset links and finished rate-limit windows. Idempotent,
 * so several app instances may run it at once.
 */
import { prisma } from "./db.server";
import { purgeOldRateLimitCounters } from "./rate-limit.server";

export async function purgeExpiredRecords(now = new Date()) {
  const [sessions, resetTokens] = await prisma.$transaction([
    prisma.session.deleteMany({ where: { expiresAt: { lte: now } } }),
    prisma.passwordResetToken.deleteMany({ where: { OR: [{ expiresAt: { lte: now } }, { usedAt: { not: null } }] } }),
  ]);
  await purgeOldRateLimitCounters(now);
  return { sessions: sessions.count, resetTokens: resetTokens.count };
}
