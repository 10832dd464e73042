/**
 * Posts in a thread: replying (numbered safely under concurrency), editing
 * with a kept history, soft-deleting, the "helpful" reaction and accepted
 * answers. Each function: authorise with ./policy → validate → one
 * transaction → side effects after commit.
 */
import { Prisma } from "~/generated/prisma/client";
import type { Membership } from "~/domain/associations/policy";
import type { Actor, MemberActor } from "~/domain/members/actor";
import { afterCommit, isWriteConflict, prisma } from "~/utils/db.server";
import {
  canAcceptAnswer,
  canDeletePost,
  canEditPost,
  canFlagPost,
  canModerateForum,
  canReactToPost,
  canReply,
  canViewEarlierVersions,
  canViewHiddenPost,
  canViewThread,
  type ThreadFacts,
} from "./policy";
import { notifyAboutPost } from "./alerts.server";
import { findMentions } from "./mentions";
import { threadSlug, type ReplyInput } from "./schemas";
import { renderPostBody, renderPostBodyWith } from "./post-body.server";
import { newAccountRetryAt, postingLimitFailure } from "./posting-limit.server";
import { fail, type Result } from "~/utils/result";
import { mailingListJobSql } from "~/utils/notify.server";
import { loadThreadForActor, type LoadedThread } from "./thread-access.server";

const postFactsSelect = {
  id: true,
  number: true,
  threadId: true,
  authorId: true,
  body: true,
  bodyHtml: true,
  editCount: true,
  deletedAt: true,
  hiddenAt: true,
} as const;

type LoadedPost = {
  id: string;
  number: number;
  threadId: string;
  authorId: string | null;
  body: string;
  bodyHtml: string;
  editCount: number;
  deletedAt: Date | null;
  hiddenAt: Date | null;
};

/** A post with its thread and the actor's membership; null when the actor may not see the thread. */
async function loadPost(
  actor: Actor,
  where: { id: string } | { threadId: string; number: number },
): Promise<{ post: LoadedPost; thread: LoadedThread; membership: Membership } | null> {
  const post = await prisma.post.findUnique({
    where: "id" in where ? { id: where.id } : { threadId_number: where },
    select: postFactsSelect,
  });
  if (!post) return null;
  const context = await loadThreadForActor(actor, post.threadId);
  return context && { post, ...context };
}

/** The post `number` of a thread, for the edit and history pages (null → 404). */
export async function findPostForViewer(actor: Actor, threadId: string, number: number) {
  const loaded = await loadPost(actor, { threadId, number });
  if (!loaded) return null;
  const { post, thread, membership } = loaded;
  const isModerator = canViewEarlierVersions(actor, thread, membership);
  return {
    post,
    thread,
    canEdit: canEditPost(actor, thread, post, membership),
    canViewEarlierVersions: isModerator,
    canViewText: post.deletedAt === null && (post.hiddenAt === null || canViewHiddenPost(actor, thread, post, membership)),
  };
}

/**
 * A post and what the viewer may do to it, for the pages of its tools (flag,
 * hide, delete): one page per tool keeps those forms off the thread page,
 * where fifty copies of each made it several times heavier (issue 9). Null
 * when the post is not there or the viewer may not see the thread.
 */
export async function findPostTools(actor: MemberActor, threadId: string, number: number) {
  const loaded = await loadPost(actor, { threadId, number });
  if (!loaded) return null;
  const { post, thread, membership } = loaded;
  const moderator = canModerateForum(actor, thread, membership);
  const [header] = await prisma.$queryRaw<{ title: string; authorName: string | null }[]>`
    SELECT t."title", pr."displayName" AS "authorName"
      FROM "Thread" t LEFT JOIN "Profile" pr ON pr."userId" = ${post.authorId}
     WHERE t."id" = ${thread.id}`;
  const state = post.deletedAt ? "deleted" : post.hiddenAt ? "hidden" : "visible";
  return {
    post: {
      id: post.id,
      number: post.number,
      state,
      authorName: header?.authorName ?? "A former member",
      // The text as the thread shows it to this viewer.
      bodyHtml: state === "deleted" || (state === "hidden" && !canViewHiddenPost(actor, thread, post, membership)) ? null : post.bodyHtml,
    },
    thread: { id: thread.id, slug: thread.slug, title: header?.title ?? "" },
    can: {
      flag: state === "visible" && canFlagPost(actor, thread, post, membership),
      delete: canDeletePost(actor, thread, post, membership),
      hide: moderator && state === "visible",
      restore: moderator && state === "hidden",
    },
  } as const;
}

// ─── Replying ───────────────────────────────────────────────────────────────

type ReplyContext = ThreadFacts & {
  id: string;
  slug: string;
  role: "OWNER" | "MODERATOR" | "MEMBER" | null;
  accountCreatedAt: Date | null;
  replyToNumber: number | null;
  existingHandles: string[] | null;
};

/**
 * What a reply needs to know, in one round trip: the thread, the replier's
 * membership of its association and account age (the new-account limit),
 * whether the post they reply to is there, and which @handles in the text
 * belong to members (unique lookups all).
 */
async function loadReplyContext(actor: MemberActor, threadId: string, replyToNumber: number | null, handles: string[]) {
  const [row] = await prisma.$queryRaw<ReplyContext[]>`
    SELECT t."id", t."slug", t."associationId", t."visibility"::text AS "visibility", t."authorId",
           t."kind"::text AS "kind", t."lockedAt", t."deletedAt", m."role"::text AS "role",
           (SELECT u."createdAt" FROM "User" u WHERE u."id" = ${actor.userId}) AS "accountCreatedAt",
           (SELECT q."number" FROM "Post" q WHERE q."threadId" = t."id" AND q."number" = ${replyToNumber}::int) AS "replyToNumber",
           (SELECT array_agg(pr."handle") FROM "Profile" pr WHERE pr."handle" = ANY (${handles}::text[])) AS "existingHandles"
      FROM "Thread" t
      LEFT JOIN "AssociationMembership" m ON m."associationId" = t."associationId" AND m."userId" = ${actor.userId}
     WHERE t."id" = ${threadId}`;
  return row ?? null;
}

/** A collision-free id for a post inserted with raw SQL (Prisma's cuid default applies only to its own inserts). */
const newPostId = () => `c${crypto.randomUUID().replace(/-/g, "")}`;

/**
 * Adds a reply at the end of a thread. The number comes from incrementing
 * Thread.lastPostNumber in the same statement that inserts the post (the row
 * lock serialises concurrent replies, so two never share a number); the
 * thread's counters and the author's reading state (watching, read up to
 * their own post) change in that statement too: one statement is one
 * transaction, and one round trip. Watchers, mentioned and quoted members
 * are notified after commit.
 */
export async function createReply(
  actor: MemberActor,
  threadId: string,
  input: ReplyInput,
  /**
   * A reply that came by email (app/domain/email/inbound.server.ts): the
   * message is marked as posted in the same statement, and a message already
   * posted is refused ("conflict", why "duplicate"), so it posts once.
   */
  options: { inboundEmailId?: string } = {},
): Promise<Result<{ id: string; number: number; threadId: string; slug: string }>> {
  const mentioned = findMentions(input.body);
  const context = await loadReplyContext(actor, threadId, input.replyToNumber ?? null, mentioned);
  if (!context) return fail("not-found", "That thread does not exist or you cannot see it");
  const thread: ThreadFacts = context;
  const membership: Membership = context.role ? { role: context.role } : null;
  if (!canViewThread(actor, thread, membership)) return fail("not-found", "That thread does not exist or you cannot see it");
  if (!canReply(actor, thread, membership)) {
    return fail("forbidden", thread.lockedAt ? "This thread is locked: it takes no new replies" : "You cannot reply here");
  }
  // Quoting a post that is not there: keep the reply, drop the link.
  const replyToNumber = context.replyToNumber;
  const retryAt = await newAccountRetryAt(actor, new Date(), context.accountCreatedAt);
  if (retryAt) return postingLimitFailure(retryAt);

  const bodyHtml = renderPostBodyWith(input.body, new Set(context.existingHandles ?? []));
  const now = new Date();
  const postId = newPostId();
  const inbound = options.inboundEmailId;
  // The message's row is claimed first (its lock makes a second run wait, then find it taken).
  const claim = inbound
    ? Prisma.sql`claim AS (
      UPDATE "InboundEmail" SET "postId" = ${postId}, "outcome" = 'posted', "processedAt" = ${now}
       WHERE "id" = ${inbound} AND "postId" IS NULL
      RETURNING "id"
    ),`
    : Prisma.empty;
  const claimed = inbound ? Prisma.sql`AND EXISTS (SELECT 1 FROM claim)` : Prisma.empty;
  const [post] = await prisma.$queryRaw<{ id: string; number: number }[]>`
    WITH ${claim} numbered AS (
      UPDATE "Thread"
         SET "lastPostNumber" = "lastPostNumber" + 1, "replyCount" = "replyCount" + 1,
             "lastPostAt" = ${now}, "lastPosterId" = ${actor.userId}, "updatedAt" = ${now}
       WHERE "id" = ${threadId} AND "deletedAt" IS NULL ${claimed}
      RETURNING "lastPostNumber"
    ),
    created AS (
      INSERT INTO "Post" ("id", "threadId", "number", "authorId", "body", "bodyHtml", "replyToNumber", "createdAt", "updatedAt")
      SELECT ${postId}, ${threadId}, numbered."lastPostNumber", ${actor.userId}, ${input.body}, ${bodyHtml},
             ${replyToNumber}::int, ${now}, ${now}
        FROM numbered
      RETURNING "id", "number"
    ),
    reader AS (
      INSERT INTO "ThreadReader" ("userId", "threadId", "lastReadNumber", "watching", "createdAt", "updatedAt")
      SELECT ${actor.userId}, ${threadId}, created."number", true, ${now}, ${now} FROM created
      ON CONFLICT ("userId", "threadId") DO UPDATE
        SET "watching" = true, "lastReadNumber" = GREATEST("ThreadReader"."lastReadNumber", EXCLUDED."lastReadNumber"),
            "updatedAt" = EXCLUDED."updatedAt"
    )
    ,
    -- Mailing-list mode: the post's email job, written with it (app/domain/email/mailing-list.server.ts).
    list_job AS (${mailingListJobSql(Prisma.sql`created p`)})
    SELECT "id", "number" FROM created`;
  if (!post) {
    if (inbound) {
      const taken = await prisma.inboundEmail.count({ where: { id: inbound, postId: { not: null } } });
      if (taken > 0) return fail("conflict", "That email was posted already", { why: "duplicate" });
    }
    return fail("not-found", "That thread does not exist any more");
  }
  await afterCommit("notifyAboutPost", () =>
    notifyAboutPost(post.id, { threadId, number: post.number, body: input.body, authorId: actor.userId, replyToNumber, mentioned }),
  );
  return { ok: true, value: { ...post, threadId, slug: context.slug } };
}

// ─── Editing and history ────────────────────────────────────────────────────

/**
 * Replaces a post's text, keeping the previous text as a PostRevision
 * (number 1 = the original), and with the opening post (#1) the thread's
 * title (its address follows the title; the old one redirects; no revision).
 * Saving the same text and title again changes nothing.
 */
export async function editPost(
  actor: MemberActor,
  postId: string,
  body: string,
  title?: string,
): Promise<Result<{ number: number; threadId: string; slug: string }>> {
  const loaded = await loadPost(actor, { id: postId });
  if (!loaded) return fail("not-found", "That post does not exist or you cannot see it");
  const { post, thread, membership } = loaded;
  if (!canEditPost(actor, thread, post, membership)) return fail("forbidden", "You cannot edit this post");
  const bodyChanged = body !== post.body;
  const newTitle = post.number === 1 && title !== undefined && title !== thread.title ? title : null;
  const value = { number: post.number, threadId: thread.id, slug: newTitle === null ? thread.slug : threadSlug(newTitle) };
  if (!bodyChanged && newTitle === null) return { ok: true, value };

  const bodyHtml = bodyChanged ? await renderPostBody(body) : post.bodyHtml;
  // Only if nobody changed the text or the title since we read them: a concurrent edit is a conflict
  // (the whole transaction rolls back), never a silent overwrite. The thread is renamed before the post
  // is written: renaming re-indexes the opening post (a trigger), so the other order could deadlock with
  // a concurrent rename; PostgreSQL ending a transaction for a conflict is a conflict too.
  const saved = await prisma.$transaction(async (tx) => {
    const now = new Date();
    if (newTitle !== null) {
      const renamed = await tx.thread.updateMany({ where: { id: thread.id, title: thread.title }, data: { title: newTitle, slug: value.slug } });
      if (renamed.count === 0) throw new EditConflict();
    }
    if (bodyChanged) {
      const updated = await tx.post.updateMany({
        where: { id: post.id, editCount: post.editCount, deletedAt: null },
        data: { body, bodyHtml, editCount: { increment: 1 }, editedAt: now },
      });
      if (updated.count === 0) throw new EditConflict();
      await tx.postRevision.create({
        data: {
          postId: post.id,
          number: post.editCount + 1,
          body: post.body,
          bodyHtml: post.bodyHtml,
          editorId: actor.userId,
          createdAt: now,
        },
      });
    }
  }).then(
    () => true,
    (error: unknown) => {
      if (error instanceof EditConflict || isWriteConflict(error)) return false;
      throw error;
    },
  );
  if (!saved) return fail("conflict", "Someone changed this post while you were editing it. Reload it and try again.");
  // Someone newly @mentioned in the edit is told; those told before are not told again.
  if (bodyChanged) await afterCommit("notifyAboutPost", () => notifyAboutPost(post.id));
  return { ok: true, value };
}

/** Thrown inside an edit's transaction when the text or title changed meanwhile: it rolls back. */
class EditConflict extends Error {}

export type HistoryEntry = {
  version: number;
  label: string;
  who: string | null;
  at: string;
  /** The text of this version: for moderators (earlier versions) and everyone (the current one). */
  bodyHtml: string | null;
  current: boolean;
};

/**
 * A post's versions, oldest first: who wrote each and when, for everyone who
 * can see the thread; the text of earlier versions only for moderators.
 * Revision k holds the text before edit k, and who made edit k and when.
 */
export async function getPostHistory(actor: Actor, threadId: string, number: number) {
  const found = await findPostForViewer(actor, threadId, number);
  if (!found) return null;
  const { post, canViewEarlierVersions: moderator, canViewText } = found;
  const [meta, revisions] = await Promise.all([
    prisma.post.findUnique({
      where: { id: post.id },
      select: {
        createdAt: true,
        editedAt: true,
        author: { select: { profile: { select: { displayName: true } } } },
        thread: { select: { title: true, slug: true } },
      },
    }),
    prisma.postRevision.findMany({
      where: { postId: post.id },
      orderBy: { number: "asc" },
      select: {
        number: true,
        bodyHtml: true,
        createdAt: true,
        editor: { select: { profile: { select: { displayName: true } } } },
      },
    }),
  ]);
  if (!meta) return null;
  const entries: HistoryEntry[] = [];
  const total = revisions.length + 1;
  for (let version = 1; version <= total; version += 1) {
    const edit = revisions[version - 2]; // the edit that produced this version
    const textHolder = revisions[version - 1]; // holds this version's text, if it is not the current one
    const current = version === total;
    entries.push({
      version,
      label: version === 1 ? "Original" : `Edit ${version - 1}`,
      who: version === 1 ? (meta.author?.profile?.displayName ?? null) : (edit?.editor?.profile?.displayName ?? null),
      at: (version === 1 ? meta.createdAt : edit!.createdAt).toISOString(),
      bodyHtml: current ? (canViewText ? post.bodyHtml : null) : moderator ? (textHolder?.bodyHtml ?? null) : null,
      current,
    });
  }
  return {
    thread: { id: threadId, title: meta.thread.title, slug: meta.thread.slug },
    post: { number: post.number, deleted: post.deletedAt !== null },
    entries: entries.reverse(),
    canViewEarlierVersions: moderator,
  };
}

// ─── Deleting ───────────────────────────────────────────────────────────────

/** Soft delete: the text is kept in the database, the page shows a placeholder. */
export async function deletePost(actor: MemberActor, postId: string): Promise<Result<{ number: number; threadId: string; slug: string }>> {
  const loaded = await loadPost(actor, { id: postId });
  if (!loaded) return fail("not-found", "That post does not exist or you cannot see it");
  const { post, thread, membership } = loaded;
  if (!canDeletePost(actor, thread, post, membership)) return fail("forbidden", "You cannot delete this post");
  await prisma.$transaction(async (tx) => {
    const now = new Date();
    const updated = await tx.post.updateMany({ where: { id: post.id, deletedAt: null }, data: { deletedAt: now } });
    // replyCount counts visible replies: a reply that was visible leaves the count.
    if (updated.count === 1 && post.number > 1 && post.hiddenAt === null) {
      await tx.thread.update({ where: { id: thread.id }, data: { replyCount: { decrement: 1 } }, select: { id: true } });
    }
    if (thread.acceptedPostId === post.id) {
      await tx.thread.update({ where: { id: thread.id }, data: { acceptedPostId: null }, select: { id: true } });
    }
  });
  return { ok: true, value: { number: post.number, threadId: thread.id, slug: thread.slug } };
}

// ─── Reactions ──────────────────────────────────────────────────────────────

/**
 * Marks (`helpful: true`) or unmarks a post as helpful. Idempotent: doing it
 * twice is the same as once, and helpfulCount moves only when a reaction row
 * was really added or removed, in the same transaction.
 */
export async function setHelpful(
  actor: MemberActor,
  postId: string,
  helpful: boolean,
): Promise<Result<{ number: number; threadId: string; slug: string; helpfulCount: number }>> {
  const loaded = await loadPost(actor, { id: postId });
  if (!loaded) return fail("not-found", "That post does not exist or you cannot see it");
  const { post, thread, membership } = loaded;
  if (helpful && (!canReactToPost(actor, thread, post, membership) || post.hiddenAt !== null)) {
    return fail("forbidden", "You cannot mark this post as helpful");
  }
  const helpfulCount = await prisma.$transaction(async (tx) => {
    const changed = helpful
      ? await tx.$executeRaw`
          INSERT INTO "PostReaction" ("postId", "userId", "createdAt") VALUES (${post.id}, ${actor.userId}, now())
          ON CONFLICT DO NOTHING`
      : (await tx.postReaction.deleteMany({ where: { postId: post.id, userId: actor.userId } })).count;
    if (changed === 0) {
      return (await tx.post.findUniqueOrThrow({ where: { id: post.id }, select: { helpfulCount: true } })).helpfulCount;
    }
    const updated = await tx.post.update({
      where: { id: post.id },
      data: { helpfulCount: { increment: helpful ? 1 : -1 } },
      select: { helpfulCount: true },
    });
    return updated.helpfulCount;
  });
  return { ok: true, value: { number: post.number, threadId: thread.id, slug: thread.slug, helpfulCount } };
}

/** Toggles the actor's "helpful" on a post. */
export async function toggleHelpful(actor: MemberActor, postId: string) {
  const existing = await prisma.postReaction.findUnique({
    where: { postId_userId: { postId, userId: actor.userId } },
    select: { postId: true },
  });
  return setHelpful(actor, postId, existing === null);
}

// ─── Accepted answers ───────────────────────────────────────────────────────

/** Marks a reply as the accepted answer of its question thread (its author or a moderator). */
export async function acceptAnswer(
  actor: MemberActor,
  postId: string,
): Promise<Result<{ number: number; threadId: string; slug: string }>> {
  const loaded = await loadPost(actor, { id: postId });
  if (!loaded) return fail("not-found", "That post does not exist or you cannot see it");
  const { post, thread, membership } = loaded;
  if (thread.kind !== "QUESTION") return fail("conflict", "Only questions have an accepted answer");
  if (!canAcceptAnswer(actor, thread, membership)) return fail("forbidden", "Only the person who asked, or a moderator, can accept an answer");
  if (post.number === 1 || post.deletedAt || post.hiddenAt) return fail("conflict", "That post cannot be the accepted answer");
  await prisma.thread.update({ where: { id: thread.id }, data: { acceptedPostId: post.id }, select: { id: true } });
  return { ok: true, value: { number: post.number, threadId: thread.id, slug: thread.slug } };
}

/** Clears a question's accepted answer. */
export async function unacceptAnswer(actor: MemberActor, threadId: string): Promise<Result<{ threadId: string; slug: string }>> {
  const context = await loadThreadForActor(actor, threadId);
  if (!context) return fail("not-found", "That thread does not exist or you cannot see it");
  const { thread, membership } = context;
  if (!canAcceptAnswer(actor, thread, membership)) return fail("forbidden", "Only the person who asked, or a moderator, can change the accepted answer");
  await prisma.thread.update({ where: { id: thread.id }, data: { acceptedPostId: null }, select: { id: true } });
  return { ok: true, value: { threadId: thread.id, slug: thread.slug } };
}
