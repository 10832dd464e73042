/**
 * What each member has read, and what they watch (Discourse's topic_users).
 *
 * Read tracking is the one kind of state a GET changes, as in Discourse:
 * viewing a thread page records how far the member has read
 * (threads.server.ts getThreadPage, as markRead does), and opening a forum's home
 * records the visit that "new since your last visit" is measured from.
 * Both only ever describe the member's own reading; nothing anyone else
 * sees changes.
 */
import type { MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { fail, type Result } from "~/utils/result";
import { loadThreadForActor } from "./thread-access.server";

/** A new visit starts when the last page view in the forum is older than this. */
export const VISIT_GAP_MINUTES = 30;

/**
 * Records a visit to a forum's home and returns when the previous visit was
 * (null on the first). Page views less than 30 minutes apart are one visit,
 * so "new since your last visit" stays put while the member reads.
 */
export async function recordForumVisit(actor: MemberActor, forumId: string, now = new Date()): Promise<Date | null> {
  const gapStart = new Date(now.getTime() - VISIT_GAP_MINUTES * 60_000);
  const [row] = await prisma.$queryRaw<{ previousVisitAt: Date | null }[]>`
    INSERT INTO "ForumVisit" ("userId", "forumId", "previousVisitAt", "lastVisitAt")
    VALUES (${actor.userId}, ${forumId}, NULL, ${now})
    ON CONFLICT ("userId", "forumId") DO UPDATE SET
      "previousVisitAt" = CASE WHEN "ForumVisit"."lastVisitAt" < ${gapStart}
                               THEN "ForumVisit"."lastVisitAt" ELSE "ForumVisit"."previousVisitAt" END,
      "lastVisitAt" = ${now}
    RETURNING "previousVisitAt"`;
  return row?.previousVisitAt ?? null;
}

/** Records that a member has read a thread up to post `number` (never moves backwards). */
export async function markRead(actor: MemberActor, threadId: string, number: number) {
  await prisma.$executeRaw`
    INSERT INTO "ThreadReader" ("userId", "threadId", "lastReadNumber", "watching", "createdAt", "updatedAt")
    VALUES (${actor.userId}, ${threadId}, ${number}, false, now(), now())
    ON CONFLICT ("userId", "threadId") DO UPDATE
      SET "lastReadNumber" = GREATEST("ThreadReader"."lastReadNumber", EXCLUDED."lastReadNumber"), "updatedAt" = now()`;
}


/** Watch (notified of every reply) or stop watching a thread. */
export async function setWatching(
  actor: MemberActor,
  threadId: string,
  watching: boolean,
): Promise<Result<{ threadId: string; slug: string }>> {
  const context = await loadThreadForActor(actor, threadId);
  if (!context) return fail("not-found", "That thread does not exist or you cannot see it");
  await prisma.threadReader.upsert({
    where: { userId_threadId: { userId: actor.userId, threadId } },
    create: { userId: actor.userId, threadId, watching },
    update: { watching },
    select: { userId: true },
  });
  return { ok: true, value: { threadId, slug: context.thread.slug } };
}
