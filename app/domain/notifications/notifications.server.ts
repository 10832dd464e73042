/**
 * In-app notifications: the list on /notifications, the unread badge and
 * marking read. Each context writes the notifications it causes (replies and
 * new threads: discussions/alerts.server.ts; memberships, join requests,
 * statements); this context shows them, each only while the member may
 * still see what it is about.
 */
import type { Prisma } from "~/generated/prisma/client";
import { canViewThread } from "~/domain/discussions/policy";
import { canViewStatement } from "~/domain/statements/policy";
import { recipientActor, type Actor, type MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { cursorDate, cursorString, decodeCursor, encodeCursor } from "~/utils/cursor";
import { notificationTarget, type NotificationView } from "./targets";
import { fail, ok, type Result } from "~/utils/result";

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
    mentorshipId: true,
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
        currentVersion: true,
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
    hiddenByFlags: data.hiddenByFlags === true,
    statement: statementView(actor, row.statement, text("statementTitle")),
    statementVersion: typeof data.version === "number" ? data.version : null,
    // A request to sign reads as one only while that version is the open, current one.
    statementSignable:
      row.statement !== null &&
      row.statement.status === "OPEN" &&
      typeof data.version === "number" &&
      row.statement.currentVersion === data.version,
    decision: data.decision === "ACCEPTED" || data.decision === "DECLINED" ? data.decision : null,
    proposal: data.proposed === true,
    mentorshipId: row.mentorshipId,
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
): Promise<Result<{ href: string | null }>> {
  const row = await prisma.notification.findFirst({
    where: { id, userId: actor.userId },
    select: listSelect(actor.userId),
  });
  if (!row) return fail("not-found", "That notification does not exist.");
  if (row.readAt === null) {
    await prisma.notification.updateMany({ where: { id, userId: actor.userId, readAt: null }, data: { readAt: new Date() } });
  }
  return ok({ href: notificationTarget(toView(actor, row)) });
}

/**
 * One unread notification as its recipient sees it (the same visibility
 * rules as their list), with their address and email choice: what its
 * immediate email says. Null once it is read or gone.
 */
export async function unreadNotificationForEmail(id: string) {
  const recipient = await prisma.notification.findUnique({
    where: { id },
    select: { readAt: true, user: { select: { id: true, email: true, role: true, emailFrequency: true } } },
  });
  if (!recipient || recipient.readAt !== null) return null;
  const { user } = recipient;
  const row = await prisma.notification.findUnique({ where: { id }, select: listSelect(user.id) });
  if (!row) return null;
  const view = toView(recipientActor(user), row);
  return { user, view, href: notificationTarget(view) };
}

/** Marks all the member's notifications read. Returns how many changed. */
export async function markAllRead(actor: MemberActor): Promise<number> {
  const { count } = await prisma.notification.updateMany({
    where: { userId: actor.userId, readAt: null },
    data: { readAt: new Date() },
  });
  return count;
}
