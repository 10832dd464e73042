/**
 * In-app notifications: who hears about a new reply or thread, the list on
 * /notifications, the unread badge and marking read.
 *
 * Fan-out rules (Discourse's PostAlerter, in small):
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
 * per mention, quote, reply or new thread (app/domain/email), written in the
 * same transaction as the notifications.
 * Callers run these after their transaction commits.
 */
import type { NotificationKind, Prisma } from "~/generated/prisma/client";
import { findMentions } from "~/domain/discussions/mentions";
import { canViewThread, type ThreadFacts } from "~/domain/discussions/policy";
import { notificationEmailJobs } from "~/domain/email/notification-emails.server";
import { canViewStatement } from "~/domain/statements/policy";
import { recipientActor, type Actor, type MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { cursorDate, cursorString, decodeCursor, encodeCursor } from "~/utils/cursor";
import { notificationTarget, type NotificationView } from "./targets";

/** At most this many people are told about mentions in one post. */
const MAX_MENTIONS = 30;
/** The handles a post mentions (found here unless the caller already has them), at most MAX_MENTIONS. */
const mentionedHandles = (markdown: string, found?: string[]) => (found ?? findMentions(markdown)).slice(0, MAX_MENTIONS);

const STRENGTH: Partial<Record<NotificationKind, number>> = { MENTION: 3, QUOTE: 2, REPLY: 1, NEW_THREAD: 1 };

const threadFactsSelect = {
  id: true,
  visibility: true,
  associationId: true,
  authorId: true,
  kind: true,
  lockedAt: true,
  deletedAt: true,
  categoryId: true,
} satisfies Prisma.ThreadSelect;

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
    emails AS (${notificationEmailJobs("written", immediate)})
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

// ─── The list, the badge, marking read ──────────────────────────────────────

export const NOTIFICATIONS_PAGE_SIZE = 30;

type Cursor = { createdAt: Date; id: string };

function toCursor(cursor: Cursor): string {
  return encodeCursor([cursor.createdAt, cursor.id]);
}

/** The position a cursor points after, or null for anything that is not a cursor we made. */
function fromCursor(text: string | null | undefined): Cursor | null {
  return decodeCursor(text, { length: 2, maxLength: 200 }, ([at, id]) => {
    const createdAt = cursorDate(at);
    const lastId = cursorString(id);
    return createdAt && lastId !== null ? { createdAt, id: lastId } : null;
  });
}

const listSelect = (userId: string) =>
  ({
    id: true,
    kind: true,
    data: true,
    readAt: true,
    createdAt: true,
    actor: { select: { profile: { select: { displayName: true, handle: true } } } },
    post: { select: { number: true } },
    thread: {
      select: {
        ...threadFactsSelect,
        title: true,
        slug: true,
        association: { select: { memberships: { where: { userId }, select: { role: true } } } },
      },
    },
    statement: {
      select: {
        id: true,
        title: true,
        status: true,
        associationId: true,
        authorId: true,
        coauthors: { select: { userId: true } },
        association: { select: { memberships: { where: { userId }, select: { role: true } } } },
      },
    },
  }) satisfies Prisma.NotificationSelect;

type ListRow = Prisma.NotificationGetPayload<{ select: ReturnType<typeof listSelect> }>;

/**
 * What a notification shows. A thread the member can no longer see (they
 * left the association, it was deleted) keeps the notification but loses its
 * title and link.
 */
function toView(actor: Actor, row: ListRow): NotificationView {
  const data = (row.data && typeof row.data === "object" && !Array.isArray(row.data) ? row.data : {}) as Record<
    string,
    unknown
  >;
  const text = (key: string) => (typeof data[key] === "string" ? (data[key] as string) : null);
  const thread = row.thread;
  const visible = thread ? canViewThread(actor, thread, thread.association?.memberships[0] ?? null) : false;
  return {
    id: row.id,
    kind: row.kind,
    read: row.readAt !== null,
    createdAt: row.createdAt.toISOString(),
    actorName: row.actor?.profile?.displayName ?? null,
    thread: thread && visible ? { id: thread.id, slug: thread.slug, title: thread.title } : null,
    threadGone: thread !== null && !visible,
    postNumber: row.post?.number ?? null,
    association: text("associationSlug")
      ? { slug: text("associationSlug")!, name: text("associationName") ?? text("associationSlug")! }
      : null,
    role: text("role"),
    reason: text("reason"),
    pendingReview: data.pendingReview === true,
    statement: statementView(actor, row.statement, text("statementTitle")),
    statementVersion: typeof data.version === "number" ? data.version : null,
    decision: data.decision === "ACCEPTED" || data.decision === "DECLINED" ? data.decision : null,
  };
}

/** The statement a notification is about, only while the member can still see it. */
function statementView(actor: Actor, statement: ListRow["statement"], title: string | null) {
  if (!statement) return null;
  const facts = { ...statement, coauthorIds: statement.coauthors.map((c) => c.userId) };
  const membership = statement.association?.memberships[0] ?? null;
  if (!canViewStatement(actor, facts, membership)) return null;
  return { id: statement.id, title: title ?? statement.title };
}

/** A member's notifications, newest first, keyset-paginated on (createdAt, id). */
export async function listNotifications(
  actor: MemberActor,
  cursor: string | null | undefined,
): Promise<{ items: (NotificationView & { href: string | null })[]; nextCursor: string | null }> {
  const after = fromCursor(cursor);
  const rows = await prisma.notification.findMany({
    where: {
      userId: actor.userId,
      ...(after
        ? { OR: [{ createdAt: { lt: after.createdAt } }, { createdAt: after.createdAt, id: { lt: after.id } }] }
        : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: NOTIFICATIONS_PAGE_SIZE + 1,
    select: listSelect(actor.userId),
  });
  const page = rows.slice(0, NOTIFICATIONS_PAGE_SIZE);
  const last = page.at(-1);
  return {
    items: page.map((row) => {
      const view = toView(actor, row);
      return { ...view, href: notificationTarget(view) };
    }),
    nextCursor: rows.length > NOTIFICATIONS_PAGE_SIZE && last ? toCursor(last) : null,
  };
}

/** The unread badge: one count on the (userId, readAt) index. */
export function unreadNotificationCount(userId: string): Promise<number> {
  return prisma.notification.count({ where: { userId, readAt: null } });
}

/**
 * Marks one of the member's notifications read and says where it leads.
 * Someone else's notification is "not found".
 */
export async function markRead(
  actor: MemberActor,
  id: string,
): Promise<{ ok: true; href: string | null } | { ok: false; status: 404; message: string }> {
  const row = await prisma.notification.findFirst({
    where: { id, userId: actor.userId },
    select: listSelect(actor.userId),
  });
  if (!row) return { ok: false, status: 404, message: "That notification does not exist." };
  if (row.readAt === null) {
    await prisma.notification.updateMany({ where: { id, userId: actor.userId, readAt: null }, data: { readAt: new Date() } });
  }
  return { ok: true, href: notificationTarget(toView(actor, row)) };
}

/** Marks all the member's notifications read. Returns how many changed. */
export async function markAllRead(actor: MemberActor): Promise<number> {
  const { count } = await prisma.notification.updateMany({
    where: { userId: actor.userId, readAt: null },
    data: { readAt: new Date() },
  });
  return count;
}
