/**
 * Flags and the moderation queue (Discourse's flags, in small).
 *
 * Any member who can see a post may flag someone else's post once, with a
 * reason. When a post gathers three open flags it is hidden pending review and
 * its author is told. Moderators (site administrators everywhere, an
 * association's owner and moderators in its forum) work through the open
 * flags: hide the post, restore it, or dismiss the flags.
 */
import { Prisma, type FlagReason } from "~/generated/prisma/client";
import type { Membership } from "~/domain/associations/policy";
import { isAdmin, type MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { writeNotifications } from "~/utils/notify.server";
import { cursorDate, cursorString, decodeCursor, encodeCursor } from "~/utils/cursor";
import { fail, ok, type Result } from "~/utils/result";
import { canFlagPost, canModerateForum, canViewThread } from "./policy";
import { FLAG_NOTE_MAX, FLAGS_TO_HIDE, HIDDEN_BY_FLAGS_REASON } from "./flag-options";

export type ModerationResult = Result<null>;

const NOT_FOUND = fail("not-found", "That post does not exist.");
const NOT_MODERATOR = fail("forbidden", "Only this forum's moderators can do that.");

/** A post with what the rules need, and the actor's membership of its association (one query). */
async function loadPost(actor: MemberActor, postId: string) {
  const post = await prisma.post.findUnique({
    where: { id: postId },
    select: {
      id: true,
      number: true,
      authorId: true,
      deletedAt: true,
      hiddenAt: true,
      threadId: true,
      thread: {
        select: {
          visibility: true,
          associationId: true,
          authorId: true,
          kind: true,
          lockedAt: true,
          deletedAt: true,
          association: { select: { memberships: { where: { userId: actor.userId }, select: { role: true } } } },
        },
      },
    },
  });
  if (!post) return null;
  const membership: Membership = post.thread.association?.memberships[0] ?? null;
  return { post, thread: post.thread, membership };
}

/** Flag a post. Three open flags hide it pending review and tell its author, in one transaction. */
export async function flagPost(
  actor: MemberActor,
  input: { postId: string; reason: FlagReason; note: string },
): Promise<Result<{ hidden: boolean }>> {
  const loaded = await loadPost(actor, input.postId);
  if (!loaded || !canViewThread(actor, loaded.thread, loaded.membership) || loaded.post.deletedAt) return NOT_FOUND;
  const { post, thread, membership } = loaded;
  if (post.authorId === actor.userId) return fail("forbidden", "You can't flag your own post.");
  if (!canFlagPost(actor, thread, post, membership)) return NOT_FOUND;
  const note = input.note.trim();
  if (note.length > FLAG_NOTE_MAX) {
    return fail("invalid", `Keep the note to at most ${FLAG_NOTE_MAX} characters.`);
  }
  if (input.reason === "OTHER" && note === "") {
    return fail("invalid", "Tell the moderators what is wrong with this post.");
  }

  return prisma.$transaction(async (tx) => {
    // A second flag by the same member changes nothing.
    const existing = await tx.postFlag.findUnique({
      where: { postId_userId: { postId: post.id, userId: actor.userId } },
      select: { id: true },
    });
    if (existing) return ok({ hidden: post.hiddenAt !== null });
    if (post.hiddenAt) {
      return fail("conflict", "This post is already hidden and waiting for a moderator.");
    }
    const created = await tx.postFlag.createMany({
      data: [{ postId: post.id, userId: actor.userId, reason: input.reason, note }],
      skipDuplicates: true,
    });
    if (created.count === 0) return ok({ hidden: false });
    const open = await tx.postFlag.count({ where: { postId: post.id, resolvedAt: null } });
    if (open < FLAGS_TO_HIDE) {
      // The flag that puts the post in the queue tells its moderators; later ones wait there with it.
      if (open === 1) await tellModerators(tx, post, thread.associationId, { flaggerId: actor.userId, hidden: false });
      return ok({ hidden: false });
    }
    // Only the request that actually hides it tells the author.
    const hidden = await tx.post.updateMany({
      where: { id: post.id, hiddenAt: null },
      data: { hiddenAt: new Date(), hiddenReason: HIDDEN_BY_FLAGS_REASON },
    });
    if (hidden.count === 1) await adjustReplyCount(tx, post, -1);
    if (hidden.count === 1) {
      await tellModerators(tx, post, thread.associationId, { flaggerId: actor.userId, hidden: true });
    }
    if (hidden.count === 1 && post.authorId) {
      await tx.notification.create({
        data: {
          userId: post.authorId,
          kind: "POST_HIDDEN",
          threadId: post.threadId,
          postId: post.id,
          data: { reason: HIDDEN_BY_FLAGS_REASON, pendingReview: true },
        },
      });
    }
    return ok({ hidden: true });
  });
}

/**
 * POST_FLAGGED to the people who can act on the post: its association's
 * owners and moderators, or the site administrators for a forum outside any
 * association; never the member who flagged it. With the post's immediate
 * emails, in the flag's transaction.
 */
async function tellModerators(
  tx: Prisma.TransactionClient,
  post: { id: string; threadId: string },
  associationId: string | null,
  { flaggerId, hidden }: { flaggerId: string; hidden: boolean },
) {
  const moderatorIds = associationId
    ? // Uses the (associationId, role) index.
      (
        await tx.associationMembership.findMany({
          where: { associationId, role: { in: ["OWNER", "MODERATOR"] }, userId: { not: flaggerId } },
          select: { userId: true },
        })
      ).map((row) => row.userId)
    : (await tx.user.findMany({ where: { role: "ADMIN", id: { not: flaggerId } }, select: { id: true } })).map((row) => row.id);
  await writeNotifications(
    moderatorIds.map((userId) => ({
      userId,
      kind: "POST_FLAGGED" as const,
      // Several members hid it together: nobody in particular.
      actorId: hidden ? null : flaggerId,
      threadId: post.threadId,
      postId: post.id,
      data: { hiddenByFlags: hidden },
    })),
    tx,
  );
}

async function loadForModeration(actor: MemberActor, postId: string) {
  const loaded = await loadPost(actor, postId);
  if (!loaded || !canViewThread(actor, loaded.thread, loaded.membership)) return NOT_FOUND;
  if (!canModerateForum(actor, loaded.thread, loaded.membership)) return NOT_MODERATOR;
  return loaded;
}

/**
 * Thread.replyCount counts visible replies (not deleted, not hidden): hiding a
 * reply takes it out, restoring puts it back. The opening post is not a reply.
 */
async function adjustReplyCount(
  tx: Prisma.TransactionClient,
  post: { threadId: string; number: number; deletedAt: Date | null },
  delta: 1 | -1,
) {
  if (post.number === 1 || post.deletedAt) return;
  await tx.thread.update({ where: { id: post.threadId }, data: { replyCount: { increment: delta } } });
}

function resolveOpenFlags(tx: Prisma.TransactionClient, actor: MemberActor, postId: string, resolution: string) {
  return tx.postFlag.updateMany({
    where: { postId, resolvedAt: null },
    data: { resolvedAt: new Date(), resolvedById: actor.userId, resolution },
  });
}

/** A moderator hides a post: open flags are resolved as "hidden" and the author is told. */
export async function hidePost(actor: MemberActor, postId: string, reason: string): Promise<ModerationResult> {
  const loaded = await loadForModeration(actor, postId);
  if ("ok" in loaded) return loaded;
  const { post } = loaded;
  if (post.deletedAt) return NOT_FOUND;
  const hiddenReason = reason.trim().slice(0, FLAG_NOTE_MAX) || "Hidden by a moderator";
  await prisma.$transaction(async (tx) => {
    await resolveOpenFlags(tx, actor, post.id, "hidden");
    const hidden = await tx.post.updateMany({
      where: { id: post.id, hiddenAt: null },
      data: { hiddenAt: new Date(), hiddenReason },
    });
    if (hidden.count === 0) {
      // Already hidden (by flags): the moderator confirms it, with their reason.
      await tx.post.update({ where: { id: post.id }, data: { hiddenReason } });
    } else {
      await adjustReplyCount(tx, post, -1);
    }
    if (post.authorId && post.authorId !== actor.userId) {
      await tx.notification.create({
        data: {
          userId: post.authorId,
          kind: "POST_HIDDEN",
          actorId: actor.userId,
          threadId: post.threadId,
          postId: post.id,
          data: { reason: hiddenReason, pendingReview: false },
        },
      });
    }
  });
  return ok(null);
}

/** A moderator restores a hidden post: open flags are resolved as "restored". */
export async function restorePost(actor: MemberActor, postId: string): Promise<ModerationResult> {
  const loaded = await loadForModeration(actor, postId);
  if ("ok" in loaded) return loaded;
  const { post } = loaded;
  await prisma.$transaction(async (tx) => {
    await resolveOpenFlags(tx, actor, postId, "restored");
    const restored = await tx.post.updateMany({
      where: { id: postId, hiddenAt: { not: null } },
      data: { hiddenAt: null, hiddenReason: null },
    });
    if (restored.count === 1) await adjustReplyCount(tx, post, 1);
  });
  return ok(null);
}

/** A moderator decides the flags were wrong: they are resolved as "dismissed"; the post stays as it is. */
export async function dismissFlags(actor: MemberActor, postId: string): Promise<ModerationResult> {
  const loaded = await loadForModeration(actor, postId);
  if ("ok" in loaded) return loaded;
  await prisma.$transaction(async (tx) => {
    await resolveOpenFlags(tx, actor, postId, "dismissed");
  });
  return ok(null);
}

// ─── The moderation queue ───────────────────────────────────────────────────

/** Whether the member moderates anything: a site administrator, or an association's owner or moderator. */
export async function canUseModerationQueue(actor: MemberActor): Promise<boolean> {
  if (isAdmin(actor)) return true;
  const row = await prisma.associationMembership.findFirst({
    where: { userId: actor.userId, role: { in: ["OWNER", "MODERATOR"] } },
    select: { associationId: true },
  });
  return row !== null;
}

/**
 * The header's moderation badge, as one SQL expression over the session
 * query's user row (`user` is the alias of "User" there): the number of posts
 * with open flags the member may act on, counted like `listModerationQueue`'s
 * scope, or NULL for a member who moderates nothing (no badge at all). It rides
 * in the session lookup, so a page pays no extra round trip for it.
 */
export function moderationWaitingSql(user: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`CASE
    WHEN ${user}."role"::text = 'ADMIN' THEN ${waitingPostsSql(Prisma.sql`TRUE`)}
    WHEN EXISTS (SELECT 1 FROM "AssociationMembership" m
                  WHERE m."userId" = ${user}."id" AND m."role" IN ('OWNER', 'MODERATOR')) THEN ${waitingPostsSql(
                    Prisma.sql`EXISTS (SELECT 1 FROM "AssociationMembership" m
                      WHERE m."associationId" = t."associationId" AND m."userId" = ${user}."id"
                        AND m."role" IN ('OWNER', 'MODERATOR'))`,
                  )}
    ELSE NULL END`;
}

/**
 * The association page's count: posts with open flags in the association's
 * forum, waiting for its owners and moderators (`associationId` is SQL for
 * the association's id in the caller's query).
 */
export function associationModerationWaitingSql(associationId: Prisma.Sql): Prisma.Sql {
  return waitingPostsSql(Prisma.sql`t."associationId" = ${associationId}`);
}

/** The number of posts (not deleted) with open flags whose thread `t` passes `scope`. */
function waitingPostsSql(scope: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`(
      SELECT count(DISTINCT f."postId")::int FROM "PostFlag" f
        JOIN "Post" p ON p."id" = f."postId"
        JOIN "Thread" t ON t."id" = p."threadId"
       WHERE f."resolvedAt" IS NULL AND p."deletedAt" IS NULL AND ${scope})`;
}

export type QueueItem = {
  postId: string;
  number: number;
  bodyHtml: string;
  hidden: boolean;
  hiddenReason: string | null;
  createdAt: string;
  author: { displayName: string; handle: string } | null;
  thread: { id: string; slug: string; title: string; forumName: string };
  flags: { id: string; reason: FlagReason; note: string; createdAt: string; by: { displayName: string; handle: string } | null }[];
};

export const QUEUE_PAGE_SIZE = 20;

type QueueCursor = { firstFlagAt: Date; postId: string };

function encodeQueueCursor(cursor: QueueCursor): string {
  return encodeCursor([cursor.firstFlagAt, cursor.postId]);
}

function decodeQueueCursor(text: string | null | undefined): QueueCursor | null {
  return decodeCursor(text, { length: 2, maxLength: 200 }, ([at, id]) => {
    const firstFlagAt = cursorDate(at);
    const postId = cursorString(id);
    return firstFlagAt && postId !== null ? { firstFlagAt, postId } : null;
  });
}

/**
 * Open flags grouped by post, the longest-waiting first, for the posts the
 * actor moderates: everything for site administrators, their associations'
 * forums for owners and moderators. Two queries: the page of posts (keyset on
 * the first open flag's time and the post id, over the open-flags index),
 * then their details and flags.
 */
export async function listModerationQueue(
  actor: MemberActor,
  cursor: string | null | undefined,
): Promise<{ items: QueueItem[]; nextCursor: string | null }> {
  const after = decodeQueueCursor(cursor);
  const scope = isAdmin(actor)
    ? Prisma.sql`TRUE`
    : Prisma.sql`EXISTS (SELECT 1 FROM "AssociationMembership" m
                   WHERE m."associationId" = t."associationId" AND m."userId" = ${actor.userId}
                     AND m."role" IN ('OWNER', 'MODERATOR'))`;
  const afterSql = after
    ? Prisma.sql`HAVING (min(f."createdAt"), p."id") > ((${after.firstFlagAt.toISOString()}::timestamptz AT TIME ZONE 'UTC'), ${after.postId})`
    : Prisma.empty;
  const page = await prisma.$queryRaw<{ postId: string; firstFlagAt: Date }[]>`
    SELECT p."id" AS "postId", min(f."createdAt") AS "firstFlagAt"
    FROM "PostFlag" f
    JOIN "Post" p ON p."id" = f."postId"
    JOIN "Thread" t ON t."id" = p."threadId"
    WHERE f."resolvedAt" IS NULL AND p."deletedAt" IS NULL AND ${scope}
    GROUP BY p."id"
    ${afterSql}
    ORDER BY "firstFlagAt", p."id"
    LIMIT ${QUEUE_PAGE_SIZE + 1}`;
  const ids = page.slice(0, QUEUE_PAGE_SIZE).map((row) => row.postId);
  if (ids.length === 0) return { items: [], nextCursor: null };

  const posts = await prisma.post.findMany({
    where: { id: { in: ids } },
    select: {
      id: true,
      number: true,
      bodyHtml: true,
      hiddenAt: true,
      hiddenReason: true,
      createdAt: true,
      author: { select: { profile: { select: { displayName: true, handle: true } } } },
      thread: { select: { id: true, slug: true, title: true, forum: { select: { name: true } } } },
      flags: {
        where: { resolvedAt: null },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        select: {
          id: true,
          reason: true,
          note: true,
          createdAt: true,
          user: { select: { profile: { select: { displayName: true, handle: true } } } },
        },
      },
    },
  });
  const byId = new Map(posts.map((post) => [post.id, post]));
  const items = ids.flatMap((id): QueueItem[] => {
    const post = byId.get(id);
    if (!post) return [];
    return [
      {
        postId: post.id,
        number: post.number,
        bodyHtml: post.bodyHtml,
        hidden: post.hiddenAt !== null,
        hiddenReason: post.hiddenReason,
        createdAt: post.createdAt.toISOString(),
        author: post.author?.profile ?? null,
        thread: { id: post.thread.id, slug: post.thread.slug, title: post.thread.title, forumName: post.thread.forum.name },
        flags: post.flags.map((flag) => ({
          id: flag.id,
          reason: flag.reason,
          note: flag.note,
          createdAt: flag.createdAt.toISOString(),
          by: flag.user?.profile ?? null,
        })),
      },
    ];
  });
  const last = page[QUEUE_PAGE_SIZE - 1];
  return {
    items,
    nextCursor: page.length > QUEUE_PAGE_SIZE && last ? encodeQueueCursor({ firstFlagAt: last.firstFlagAt, postId: last.postId }) : null,
  };
}
