/**
 * Who hears about a new reply or thread (Discourse's PostAlerter, in small),
 * in-app and by immediate email:
 * - a reply: REPLY to the thread's watchers, QUOTE to the author of the post it
 *   quotes, MENTION to every @handle in it;
 * - a new thread: NEW_THREAD to the category's watchers, MENTION as above;
 * - one notification per recipient per post, the strongest kind winning
 *   (MENTION > QUOTE > REPLY / NEW_THREAD); never the author themself; only
 *   people who can see the thread (canViewThread with their membership, all
 *   looked up in one query). Calling again for the same post adds nothing
 *   for people already notified about it (an edit adding a mention notifies
 *   just the newcomer).
 * Members who chose immediate emails also get a "notification-email" job
 * per mention, quote, reply or new thread (sent by app/domain/email), written
 * in the same statement as the notifications through the job runner's
 * enqueueJobsSql.
 * Callers run these after their transaction commits (afterCommit).
 */
import { Prisma, type NotificationKind } from "~/generated/prisma/client";
import { recipientActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { enqueueJobsSql } from "~/utils/jobs.server";
import {
  NOTIFICATION_EMAIL_DELAY_MS,
  NOTIFICATION_EMAIL_JOB,
  NOTIFICATION_EMAIL_KEY_PREFIX,
  notificationEmailKey,
} from "~/utils/notify.server";
import { findMentions } from "./mentions";
import { canViewThread, type ThreadFacts } from "./policy";

// ─── Immediate emails ───────────────────────────────────────────────────────

// The job, its delay and key are shared with every context that notifies (app/utils/notify.server.ts).
export { NOTIFICATION_EMAIL_DELAY_MS, NOTIFICATION_EMAIL_JOB, notificationEmailKey };
/** The discussion notifications this fan-out writes that become immediate emails (with the post quoted). */
export const EMAILED_NOTIFICATION_KINDS: readonly NotificationKind[] = ["MENTION", "QUOTE", "REPLY", "NEW_THREAD"];

// ─── Fan-out ────────────────────────────────────────────────────────────────

/** At most this many people are told about mentions in one post. */
const MAX_MENTIONS = 30;
/** The handles a post mentions (found here unless the caller already has them), at most MAX_MENTIONS. */
const mentionedHandles = (markdown: string, found?: string[]) => (found ?? findMentions(markdown)).slice(0, MAX_MENTIONS);

const STRENGTH: Partial<Record<NotificationKind, number>> = { MENTION: 3, QUOTE: 2, REPLY: 1, NEW_THREAD: 1 };


type Candidate = {
  id: string;
  role: "MEMBER" | "ADMIN";
  emailFrequency: "NONE" | "IMMEDIATE" | "DAILY" | "WEEKLY";
  handle: string;
  membershipRole: "OWNER" | "MODERATOR" | "MEMBER" | null;
  watchingThread: boolean;
  watchingCategory: boolean;
  quoted: boolean;
  /** The thread as it is now (the same on every row). */
  threadVisibility: ThreadFacts["visibility"];
  threadAssociationId: string | null;
  threadAuthorId: string | null;
  threadKind: ThreadFacts["kind"];
  threadLockedAt: Date | null;
};

/**
 * Finds the candidates (thread watchers, category watchers, the quoted
 * author, the mentioned) with their membership of the thread's association
 * and the thread's current facts in one query — none when the post or its
 * thread is deleted or the post hidden by now —, applies the visibility rule,
 * and writes one row per recipient with the strongest kind they qualify for,
 * with the immediate-email jobs, in one statement. Two round trips whatever
 * the number of recipients.
 */
async function fanOut(options: {
  threadId: string;
  postId: string;
  authorId: string | null;
  handles: string[];
  quotedNumber: number | null;
  /** Set for a new thread: its category's watchers are candidates too. */
  categoryId: string | null;
  /** Set for a reply: the thread's watchers are candidates. */
  includeThreadWatchers: boolean;
}): Promise<number> {
  const { threadId, postId, authorId, handles, quotedNumber, categoryId } = options;
  const threadWatchersThread = options.includeThreadWatchers ? threadId : null;
  const candidates = await prisma.$queryRaw<Candidate[]>`
    WITH told AS MATERIALIZED (
      -- One look-up on Notification (postId), not one per candidate through their notification lists
      -- (with stale statistics the planner chose the latter: 1,200 rows read per watcher).
      SELECT n."userId" FROM "Notification" n WHERE n."postId" = ${postId}
    ),
    target AS (
      SELECT t."id", t."visibility"::text AS "visibility", t."associationId", t."authorId", t."kind"::text AS "kind", t."lockedAt"
        FROM "Post" p JOIN "Thread" t ON t."id" = p."threadId"
       WHERE p."id" = ${postId} AND t."id" = ${threadId}
         AND p."deletedAt" IS NULL AND p."hiddenAt" IS NULL AND t."deletedAt" IS NULL
    )
    SELECT u."id", u."role"::text AS "role", u."emailFrequency"::text AS "emailFrequency", pr."handle",
      m."role"::text AS "membershipRole",
      EXISTS (SELECT 1 FROM "ThreadReader" r
              WHERE r."userId" = u."id" AND r."threadId" = ${threadWatchersThread} AND r."watching") AS "watchingThread",
      EXISTS (SELECT 1 FROM "CategoryWatch" w
              WHERE w."userId" = u."id" AND w."categoryId" = ${categoryId}) AS "watchingCategory",
      EXISTS (SELECT 1 FROM "Post" q
              WHERE q."authorId" = u."id" AND q."threadId" = ${threadId} AND q."number" = ${quotedNumber}) AS "quoted",
      target."visibility" AS "threadVisibility", target."associationId" AS "threadAssociationId",
      target."authorId" AS "threadAuthorId", target."kind" AS "threadKind", target."lockedAt" AS "threadLockedAt"
    FROM target
    -- The candidates' ids, each part on an index (ThreadReader (threadId, watching), CategoryWatch (categoryId),
    -- Post (threadId, number), Profile.handle): never a scan of every member.
    CROSS JOIN (
      SELECT r."userId" AS "id" FROM "ThreadReader" r WHERE r."threadId" = ${threadWatchersThread} AND r."watching"
      UNION SELECT w."userId" FROM "CategoryWatch" w WHERE w."categoryId" = ${categoryId}
      UNION SELECT q."authorId" FROM "Post" q WHERE q."threadId" = ${threadId} AND q."number" = ${quotedNumber}
      UNION SELECT h."userId" FROM "Profile" h WHERE h."handle" = ANY (${handles}::text[])
    ) candidate
    JOIN "User" u ON u."id" = candidate."id"
    JOIN "Profile" pr ON pr."userId" = u."id"
    LEFT JOIN "AssociationMembership" m ON m."userId" = u."id" AND m."associationId" = target."associationId"
    WHERE u."id" IS DISTINCT FROM ${authorId}
      -- Already told about this post (a repeated call, or an edit): not again.
      AND NOT EXISTS (SELECT 1 FROM told WHERE told."userId" = u."id")`;

  const userIds: string[] = [];
  const kinds: NotificationKind[] = [];
  const immediate: string[] = [];
  for (const user of candidates) {
    const thread: ThreadFacts = {
      visibility: user.threadVisibility,
      associationId: user.threadAssociationId,
      authorId: user.threadAuthorId,
      kind: user.threadKind,
      lockedAt: user.threadLockedAt,
      deletedAt: null,
    };
    const membership = user.membershipRole ? { role: user.membershipRole } : null;
    if (!canViewThread(recipientActor(user), thread, membership)) continue;
    const qualifies: NotificationKind[] = [];
    if (handles.includes(user.handle)) qualifies.push("MENTION");
    if (user.quoted) qualifies.push("QUOTE");
    if (user.watchingThread) qualifies.push("REPLY");
    if (user.watchingCategory) qualifies.push("NEW_THREAD");
    const kind = qualifies.sort((a, b) => (STRENGTH[b] ?? 0) - (STRENGTH[a] ?? 0))[0];
    if (!kind) continue;
    userIds.push(user.id);
    kinds.push(kind);
    if (user.emailFrequency === "IMMEDIATE") immediate.push(user.id);
  }
  if (userIds.length === 0) return 0;
  // Immediate emails: their jobs are written with the notifications (one statement), or not at all.
  const [written] = await prisma.$queryRaw<{ count: number }[]>`
    WITH written AS (
      INSERT INTO "Notification" ("id", "userId", "kind", "actorId", "threadId", "postId")
      SELECT 'c' || replace(gen_random_uuid()::text, '-', ''), r."userId", r."kind"::"NotificationKind",
             ${authorId}, ${threadId}, ${postId}
        FROM unnest(${userIds}::text[], ${kinds}::text[]) AS r("userId", "kind")
      RETURNING "id", "userId", "kind"
    ),
    emails AS (${enqueueJobsSql({
      kind: NOTIFICATION_EMAIL_JOB,
      from: Prisma.sql`written n`,
      key: Prisma.sql`${NOTIFICATION_EMAIL_KEY_PREFIX} || n."id"`,
      payload: Prisma.sql`jsonb_build_object('notificationId', n."id")`,
      where: Prisma.sql`n."userId" = ANY (${immediate}::text[])
        AND n."kind"::text = ANY (${[...EMAILED_NOTIFICATION_KINDS]}::text[])`,
      runAt: new Date(Date.now() + NOTIFICATION_EMAIL_DELAY_MS),
    })})
    SELECT count(*)::int AS "count" FROM written`;
  return Number(written?.count ?? 0);
}

/** After a reply commits: REPLY to watchers, QUOTE to the quoted post's author, MENTION to @handles. */
export async function notifyAboutPost(
  postId: string,
  /** What the caller already knows of the post it just wrote (saves reading it back). */
  known?: {
    threadId: string;
    number: number;
    body: string;
    authorId: string | null;
    replyToNumber: number | null;
    /** The body's @handles, when the caller has already found them. */
    mentioned?: string[];
  },
): Promise<void> {
  const post =
    known ??
    (await prisma.post.findUnique({
      where: { id: postId, deletedAt: null, hiddenAt: null },
      select: { threadId: true, number: true, body: true, authorId: true, replyToNumber: true },
    }));
  // Deleted or hidden posts (and posts in deleted threads) tell nobody: fanOut checks again as it reads.
  if (!post) return;
  const handles = mentionedHandles(post.body, known?.mentioned);
  const quotedNumber = post.replyToNumber !== null && post.replyToNumber !== post.number ? post.replyToNumber : null;
  await fanOut({
    threadId: post.threadId,
    postId,
    authorId: post.authorId,
    handles,
    quotedNumber,
    categoryId: null,
    includeThreadWatchers: true,
  });
}

/** After a new thread commits: NEW_THREAD to the category's watchers, MENTION to @handles in its opening post. */
export async function notifyAboutNewThread(threadId: string): Promise<void> {
  const opening = await prisma.post.findUnique({
    where: { threadId_number: { threadId, number: 1 }, deletedAt: null, hiddenAt: null },
    select: { id: true, body: true, authorId: true, thread: { select: { authorId: true, categoryId: true } } },
  });
  if (!opening) return;
  const handles = mentionedHandles(opening.body);
  await fanOut({
    threadId,
    postId: opening.id,
    authorId: opening.authorId ?? opening.thread.authorId,
    handles,
    quotedNumber: null,
    categoryId: opening.thread.categoryId,
    includeThreadWatchers: false,
  });
}
