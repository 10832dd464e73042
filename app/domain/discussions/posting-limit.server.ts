/** The new-account posting limit, shared by starting a thread and replying. */
import type { MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { fail, type Failure } from "~/utils/result";

export const NEW_ACCOUNT_HOURS = 24;
export const NEW_ACCOUNT_POSTS_PER_HOUR = 3;
const HOUR_MS = 3600_000;

/**
 * Accounts younger than 24 hours may post at most 3 times in any rolling
 * hour (threads and replies alike, counted from their Post rows). Returns
 * when the member may post again, or null when they may post now.
 */
export async function newAccountRetryAt(
  actor: MemberActor,
  now = new Date(),
  /** When the account was created, if the caller has already read it. */
  accountCreatedAt?: Date | null,
): Promise<Date | null> {
  const createdAt =
    accountCreatedAt !== undefined
      ? accountCreatedAt
      : (await prisma.user.findUnique({ where: { id: actor.userId }, select: { createdAt: true } }))?.createdAt;
  if (!createdAt || now.getTime() - createdAt.getTime() >= NEW_ACCOUNT_HOURS * HOUR_MS) return null;
  // Post(authorId, createdAt) index.
  const recent = await prisma.post.findMany({
    where: { authorId: actor.userId, createdAt: { gt: new Date(now.getTime() - HOUR_MS) } },
    orderBy: { createdAt: "asc" },
    select: { createdAt: true },
    take: NEW_ACCOUNT_POSTS_PER_HOUR,
  });
  if (recent.length < NEW_ACCOUNT_POSTS_PER_HOUR) return null;
  return new Date(recent[0]!.createdAt.getTime() + HOUR_MS);
}

export function postingLimitFailure(retryAt: Date, now = new Date()): Failure {
  const minutes = Math.max(1, Math.ceil((retryAt.getTime() - now.getTime()) / 60_000));
  return fail(
    "rate-limited",
    `New accounts can post ${NEW_ACCOUNT_POSTS_PER_HOUR} times an hour during their first day. You can post again in ${
      minutes === 1 ? "a minute" : `${minutes} minutes`
    }. Your text is still here.`,
    { retryAt },
  );
}
