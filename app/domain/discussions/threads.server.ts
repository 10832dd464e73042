/**
 * Threads (Discourse's topics): starting one, its page of posts, and the
 * lists by latest activity with each member's unread counts.
 *
 * Every mutation: authorise with ./policy → validate → one transaction →
 * side effects (notifications) after commit. Results are typed: `ok: false`
 * carries the HTTP status the route answers with and a message for people.
 */
import { Prisma } from "~/generated/prisma/client";
import type { Membership } from "~/domain/associations/policy";
import { getMembership } from "~/domain/associations/memberships.server";
import { currentAreas } from "~/domain/competencies/frameworks.server";
import { siteDefaultVersionIdSql } from "~/domain/competencies/rights.server";
import type { Actor, MemberActor } from "~/domain/members/actor";
import { photoPath } from "~/domain/members/policy";
import type { Visibility } from "~/generated/prisma/enums";
import { cursorDate, cursorString, decodeCursor, encodeCursor } from "~/utils/cursor";
import { afterCommit, jsonColumn, prisma } from "~/utils/db.server";
import {
  canAcceptAnswer,
  canCreateThread,
  canModerateForum,
  canReply,
  canViewPlacement,
  canViewThread,
  visibleCategoriesWhere,
  visibleThreadsWhere,
  type ThreadFacts,
  type VisibilityName,
} from "./policy";
import { POSTS_PER_PAGE, threadPath, threadSlug, THREADS_PER_PAGE, type ThreadInput } from "./schemas";
import { notifyAboutNewThread } from "./alerts.server";
import { renderPostBody } from "./post-body.server";
import { newAccountRetryAt, postingLimitFailure } from "./posting-limit.server";
import { recordForumVisit } from "./reading.server";
import { fail, type Result } from "~/utils/result";
import { mailingListJobSql } from "~/utils/notify.server";
import { visibleThreadsSql } from "./visibility.server";

// ─── Starting a thread ──────────────────────────────────────────────────────

export async function createThread(
  actor: MemberActor,
  input: ThreadInput,
  /** A thread started by email: its message is marked as posted in the same transaction, and posts once (as createReply). */
  options: { inboundEmailId?: string } = {},
): Promise<Result<{ id: string; slug: string }>> {
  const category = await prisma.category.findUnique({
    where: { id: input.categoryId },
    select: { id: true, forumId: true, visibility: true, forum: { select: { associationId: true } } },
  });
  const place = category && { visibility: category.visibility, associationId: category.forum.associationId };
  const membership = place ? await getMembership(actor, place.associationId) : null;
  if (!category || !place || !canCreateThread(actor, place, membership)) {
    return fail("invalid", "Choose a category you can post in", {
      fieldErrors: { categoryId: ["Choose a category you can post in"] },
    });
  }
  if (input.areaSlugs.length > 0) {
    const known = new Set((await currentAreas()).map((area) => area.slug));
    if (input.areaSlugs.some((slug) => !known.has(slug))) {
      return fail("invalid", "Choose competency areas from the list", {
        fieldErrors: { areaSlugs: ["Choose competency areas from the list"] },
      });
    }
  }
  const retryAt = await newAccountRetryAt(actor);
  if (retryAt) return postingLimitFailure(retryAt);

  const bodyHtml = await renderPostBody(input.body);
  const slug = threadSlug(input.title);
  const now = new Date();
  const postId = `c${crypto.randomUUID().replace(/-/g, "")}`;
  const inbound = options.inboundEmailId;
  const thread = await prisma.$transaction(async (tx) => {
    if (inbound) {
      const claimed = await tx.inboundEmail.updateMany({
        where: { id: inbound, postId: null },
        data: { postId, outcome: "posted", processedAt: now },
      });
      if (claimed.count === 0) return null;
    }
    // The thread carries a copy of its category's visibility. Read it under a
    // share lock so a concurrent visibility change (which updates the category
    // row first, then its threads) either sees this thread or waits for it.
    const [locked] = await tx.$queryRaw<{ visibility: typeof place.visibility }[]>`
      SELECT "visibility"::text AS "visibility" FROM "Category" WHERE "id" = ${category.id} FOR SHARE`;
    const created = await tx.thread.create({
      data: {
        forumId: category.forumId,
        categoryId: category.id,
        associationId: place.associationId,
        visibility: locked?.visibility ?? place.visibility,
        authorId: actor.userId,
        title: input.title,
        slug,
        kind: input.kind,
        tags: input.tags,
        areaSlugs: [...new Set(input.areaSlugs)],
        lastPostNumber: 1,
        lastPostAt: now,
        lastPosterId: actor.userId,
        createdAt: now,
        posts: { create: { id: postId, number: 1, authorId: actor.userId, body: input.body, bodyHtml, createdAt: now } },
        // Starting a thread watches it, and the opening post is read.
        readers: { create: { userId: actor.userId, lastReadNumber: 1, watching: true } },
      },
      select: { id: true, slug: true },
    });
    // Mailing-list mode: the opening post's email job, in the same transaction (app/domain/email/mailing-list.server.ts).
    await tx.$executeRaw`WITH p AS (SELECT ${postId}::text AS "id") ${mailingListJobSql(Prisma.sql`p`)}`;
    return created;
  });
  if (!thread) return fail("conflict", "That email was posted already", { why: "duplicate" });
  await afterCommit("notifyAboutNewThread", () => notifyAboutNewThread(thread.id));
  return { ok: true, value: thread };
}

// ─── The thread page ────────────────────────────────────────────────────────

type HeaderRow = {
  id: string;
  forumId: string;
  categoryId: string;
  associationId: string | null;
  visibility: VisibilityName;
  authorId: string | null;
  title: string;
  slug: string;
  kind: "DISCUSSION" | "QUESTION";
  tags: string[];
  areaSlugs: string[];
  pinnedAt: Date | null;
  lockedAt: Date | null;
  deletedAt: Date | null;
  acceptedPostId: string | null;
  lastPostNumber: number;
  createdAt: Date;
  categorySlug: string;
  categoryName: string;
  forumSlug: string;
  forumName: string;
  lastReadNumber: number | null;
  watching: boolean | null;
  role: "OWNER" | "MODERATOR" | "MEMBER" | null;
  /** Names of the thread's areas in the current framework version (null when it has none). */
  areas: { slug: string; name: string }[] | string | null;
};

type PostRow = {
  id: string;
  number: number;
  authorId: string | null;
  authorHandle: string | null;
  authorName: string | null;
  authorPhotoHash: string | null;
  authorPhotoVisibility: Visibility | null;
  /** The Markdown source: only for the quoted post (null otherwise). */
  body: string | null;
  bodyHtml: string;
  replyToNumber: number | null;
  editCount: number;
  deletedAt: Date | null;
  hiddenAt: Date | null;
  hiddenReason: string | null;
  helpfulCount: number;
  createdAt: Date;
  reacted: boolean;
};

export type PostView = {
  id: string;
  number: number;
  /** `photo`: the author's photo (small) if the viewer may see it, else null (initials). */
  author: { handle: string; displayName: string; photo: string | null } | null;
  isAuthor: boolean;
  /** null when deleted, or hidden and the viewer may not see it. */
  bodyHtml: string | null;
  state: "visible" | "deleted" | "hidden";
  hiddenReason: string | null;
  replyToNumber: number | null;
  edited: boolean;
  createdAt: string;
  helpfulCount: number;
  reactedHelpful: boolean;
  unread: boolean;
  /** The accepted answer of its question. */
  accepted: boolean;
  can: { edit: boolean; delete: boolean; react: boolean; flag: boolean; accept: boolean; moderate: boolean };
};

const userId = (actor: Actor) => (actor.kind === "member" ? actor.userId : "");

/**
 * The thread header, the viewer's reading state, their membership of the
 * thread's association and the names of the thread's areas, in one round trip.
 */
async function threadHeader(actor: Actor, threadId: string) {
  const rows = await prisma.$queryRaw<HeaderRow[]>`
    SELECT t."id", t."forumId", t."categoryId", t."associationId", t."visibility"::text AS "visibility",
           t."authorId", t."title", t."slug", t."kind"::text AS "kind", t."tags", t."areaSlugs", t."pinnedAt",
           t."lockedAt", t."deletedAt", t."acceptedPostId", t."lastPostNumber", t."createdAt",
           c."slug" AS "categorySlug", c."name" AS "categoryName", f."slug" AS "forumSlug", f."name" AS "forumName",
           r."lastReadNumber", r."watching", m."role"::text AS "role",
           -- The site's default (always open) framework version's areas, on CompetencyArea (versionId, slug).
           CASE WHEN cardinality(t."areaSlugs") > 0 THEN (
             SELECT json_agg(json_build_object('slug', ca."slug", 'name', ca."name"))
               FROM "CompetencyArea" ca
              WHERE ca."versionId" = ${siteDefaultVersionIdSql} AND ca."slug" = ANY (t."areaSlugs")) END AS "areas"
    FROM "Thread" t
    JOIN "Category" c ON c."id" = t."categoryId"
    JOIN "Forum" f ON f."id" = t."forumId"
    LEFT JOIN "ThreadReader" r ON r."threadId" = t."id" AND r."userId" = ${userId(actor)}
    LEFT JOIN "AssociationMembership" m ON m."associationId" = t."associationId" AND m."userId" = ${userId(actor)}
    WHERE t."id" = ${threadId}`;
  return rows[0] ?? null;
}

const postColumns = (actor: Actor, withBody: boolean) => Prisma.sql`
  p."id", p."number", p."authorId", pr."handle" AS "authorHandle", pr."displayName" AS "authorName",
  pr."photoHash" AS "authorPhotoHash", pr."photoVisibility"::text AS "authorPhotoVisibility",
  ${withBody ? Prisma.sql`p."body"` : Prisma.sql`NULL::text`} AS "body", p."bodyHtml", p."replyToNumber",
  p."editCount", p."deletedAt", p."hiddenAt", p."hiddenReason", p."helpfulCount", p."createdAt",
  EXISTS (SELECT 1 FROM "PostReaction" pa WHERE pa."postId" = p."id" AND pa."userId" = ${userId(actor)}) AS "reacted"
  FROM "Post" p
  LEFT JOIN "Profile" pr ON pr."userId" = p."authorId"`;

type PagePart = "page" | "accepted" | "quote";

/**
 * A page of posts, the accepted answer and the quoted post, in one round
 * trip (the parts of a UNION ALL, each on the Post (threadId, number) key or
 * the primary key); for a member, it also records how far they have read
 * when the page goes past their last read post (a data-modifying WITH, so
 * the write costs no round trip of its own).
 */
function pagePosts(
  actor: Actor,
  threadId: string,
  page: { where: Prisma.Sql; order: "ASC" | "DESC"; limit: number },
  extras: { acceptedPostId: string | null; quote: number | null; markReadAfter: number | null },
) {
  const parts = [
    Prisma.sql`(SELECT 'page' AS "part", ${postColumns(actor, false)}
       WHERE p."threadId" = ${threadId} AND ${page.where}
       ORDER BY p."number" ${Prisma.raw(page.order)} LIMIT ${page.limit})`,
  ];
  if (extras.acceptedPostId !== null) {
    parts.push(Prisma.sql`(SELECT 'accepted' AS "part", ${postColumns(actor, false)} WHERE p."id" = ${extras.acceptedPostId})`);
  }
  if (extras.quote !== null) {
    parts.push(Prisma.sql`(SELECT 'quote' AS "part", ${postColumns(actor, true)}
       WHERE p."threadId" = ${threadId} AND p."number" = ${extras.quote})`);
  }
  const posts = Prisma.join(parts, " UNION ALL ");
  const order = Prisma.sql`ORDER BY x."part", x."number" ${Prisma.raw(page.order)}`;
  if (actor.kind !== "member" || extras.markReadAfter === null) {
    return prisma.$queryRaw<(PostRow & { part: PagePart })[]>`SELECT * FROM (${posts}) x ${order}`;
  }
  // As markRead, for the posts shown (not the one fetched to see whether there is a later page): never moves backwards.
  return prisma.$queryRaw<(PostRow & { part: PagePart })[]>`
    WITH x AS (${posts}),
    mark AS (
      INSERT INTO "ThreadReader" ("userId", "threadId", "lastReadNumber", "watching", "createdAt", "updatedAt")
      SELECT ${actor.userId}, ${threadId}, max(shown."number"), false, now(), now()
        FROM (SELECT x."number" FROM x WHERE x."part" = 'page'
               ORDER BY x."number" ${Prisma.raw(page.order)} LIMIT ${POSTS_PER_PAGE}) shown
      HAVING max(shown."number") > ${extras.markReadAfter}
      ON CONFLICT ("userId", "threadId") DO UPDATE
        SET "lastReadNumber" = GREATEST("ThreadReader"."lastReadNumber", EXCLUDED."lastReadNumber"), "updatedAt" = now()
    )
    SELECT * FROM x ${order}`;
}

export type ThreadPageOptions = { after?: number; before?: number; quote?: number };

/**
 * A page of up to 50 posts (keyset on the post number: `after` or `before`),
 * with everything the page shows, in a bounded number of round trips
 * whatever the thread's length: header (with reading state and membership),
 * posts (with authors and the viewer's reactions), the accepted answer and
 * area names when there are some, the quoted post when quoting, the
 * categories to move to for moderators, and recording how far the member
 * has read. Null when the thread does not exist or the viewer may not see it.
 *
 * Viewing records how far a member has read (Discourse's read tracking): the
 * only state a GET changes.
 */
export async function getThreadPage(actor: Actor, threadId: string, options: ThreadPageOptions = {}) {
  const header = await threadHeader(actor, threadId);
  if (!header) return null;
  const membership: Membership = header.role ? { role: header.role } : null;
  const facts: ThreadFacts = header;
  if (!canViewThread(actor, facts, membership)) return null;
  const moderator = canModerateForum(actor, facts, membership);
  const accepter = canAcceptAnswer(actor, facts, membership);
  const previousRead = header.lastReadNumber ?? 0;

  const limit = POSTS_PER_PAGE + 1;
  const backwards = options.before !== undefined && options.after === undefined;
  const page = backwards
    ? { where: Prisma.sql`p."number" < ${options.before}`, order: "DESC" as const, limit }
    : { where: Prisma.sql`p."number" > ${options.after ?? 0}`, order: "ASC" as const, limit };
  const [postRows, moveTargets] = await Promise.all([
    pagePosts(actor, threadId, page, {
      acceptedPostId: header.acceptedPostId,
      quote: options.quote !== undefined && canReply(actor, facts, membership) ? options.quote : null,
      // Only when the thread has posts past what the member has read (the query checks the page itself).
      markReadAfter: actor.kind === "member" && header.lastPostNumber > previousRead ? previousRead : null,
    }),
    moderator
      ? prisma.category.findMany({
          where: { forumId: header.forumId },
          orderBy: { position: "asc" },
          select: { id: true, name: true },
        })
      : Promise.resolve([]),
  ]);
  let rows = postRows.filter((row) => row.part === "page");
  let hasLater: boolean;
  if (backwards) {
    rows = rows.slice(0, POSTS_PER_PAGE).reverse();
    hasLater = true;
  } else {
    hasLater = rows.length > POSTS_PER_PAGE;
    rows = rows.slice(0, POSTS_PER_PAGE);
  }
  const first = rows[0]?.number ?? 0;
  const last = rows[rows.length - 1]?.number ?? 0;
  const acceptedRows = postRows.filter((row) => row.part === "accepted");
  const quoted = postRows.filter((row) => row.part === "quote");
  const areaRows = jsonColumn(header.areas) ?? [];

  const toView = (row: PostRow): PostView => {
    const facts = { authorId: row.authorId, deletedAt: row.deletedAt, hiddenAt: row.hiddenAt };
    const isAuthor = actor.kind === "member" && row.authorId === actor.userId;
    const state = row.deletedAt ? "deleted" : row.hiddenAt ? "hidden" : "visible";
    const showHidden = isAuthor || moderator;
    const memberCanAct = actor.kind === "member" && state !== "deleted";
    return {
      id: row.id,
      number: row.number,
      author:
        row.authorId && row.authorHandle && row.authorName
          ? {
              handle: row.authorHandle,
              displayName: row.authorName,
              photo: photoPath(
                actor,
                { userId: row.authorId, handle: row.authorHandle, photoHash: row.authorPhotoHash, photoVisibility: row.authorPhotoVisibility ?? "MEMBERS" },
                "small",
              ),
            }
          : null,
      isAuthor,
      bodyHtml: state === "deleted" || (state === "hidden" && !showHidden) ? null : row.bodyHtml,
      state,
      hiddenReason: state === "hidden" && showHidden ? row.hiddenReason : null,
      replyToNumber: row.replyToNumber,
      edited: row.editCount > 0,
      createdAt: row.createdAt.toISOString(),
      helpfulCount: row.helpfulCount,
      reactedHelpful: Boolean(row.reacted),
      unread: actor.kind === "member" && row.number > previousRead,
      accepted: row.id === header.acceptedPostId,
      can: {
        edit: memberCanAct && (moderator || (isAuthor && state === "visible" && header.lockedAt === null)),
        delete: memberCanAct && (isAuthor || moderator),
        react: memberCanAct && !isAuthor && state === "visible",
        flag: memberCanAct && !isAuthor && state === "visible",
        accept: accepter && row.number > 1 && state === "visible" && row.id !== header.acceptedPostId,
        moderate: moderator,
      },
    };
  };

  const quotedRow = quoted[0];
  return {
    thread: {
      id: header.id,
      title: header.title,
      slug: header.slug,
      kind: header.kind,
      tags: header.tags,
      areas: header.areaSlugs.map((slug) => ({ slug, name: areaRows.find((a) => a.slug === slug)?.name ?? slug })),
      pinned: header.pinnedAt !== null,
      locked: header.lockedAt !== null,
      deleted: header.deletedAt !== null,
      createdAt: header.createdAt.toISOString(),
      lastPostNumber: header.lastPostNumber,
      acceptedPostId: header.acceptedPostId,
      categoryId: header.categoryId,
    },
    category: { slug: header.categorySlug, name: header.categoryName },
    forum: { slug: header.forumSlug, name: header.forumName },
    posts: rows.map(toView),
    accepted: acceptedRows[0] && !acceptedRows[0].deletedAt && !acceptedRows[0].hiddenAt ? toView(acceptedRows[0]) : null,
    page: { first, last, hasEarlier: first > 1, hasLater },
    quote:
      quotedRow && !quotedRow.deletedAt && !quotedRow.hiddenAt
        ? { number: quotedRow.number, authorName: quotedRow.authorName ?? "A former member", body: quotedRow.body ?? "" }
        : null,
    reader: { watching: header.watching ?? false, lastReadNumber: previousRead },
    moveTargets: moveTargets.filter((category) => category.id !== header.categoryId),
    can: {
      reply: canReply(actor, facts, membership),
      moderate: moderator,
      accept: accepter,
      watch: actor.kind === "member",
    },
    signedIn: actor.kind === "member",
    /** A member whose email address is not confirmed yet (they may reply once it is). */
    mustConfirmEmail: actor.kind === "member" && !actor.confirmed,
  };
}

export type ThreadPage = NonNullable<Awaited<ReturnType<typeof getThreadPage>>>;

// ─── Thread lists ───────────────────────────────────────────────────────────

type ListRow = {
  id: string;
  title: string;
  slug: string;
  kind: "DISCUSSION" | "QUESTION";
  tags: string[];
  pinnedAt: Date | null;
  lockedAt: Date | null;
  answered: boolean;
  replyCount: number;
  lastPostNumber: number;
  lastPostAt: Date;
  createdAt: Date;
  categorySlug: string;
  categoryName: string;
  authorName: string | null;
  lastPosterName: string | null;
  lastReadNumber: number | null;
  previousVisitAt: Date | null;
};

export type ThreadListItem = {
  id: string;
  title: string;
  href: string;
  kind: "DISCUSSION" | "QUESTION";
  tags: string[];
  pinned: boolean;
  locked: boolean;
  answered: boolean;
  replyCount: number;
  lastPostAt: string;
  authorName: string | null;
  lastPosterName: string | null;
  category: { slug: string; name: string };
  /** Posts after the member's last read one; null when they never opened it (or are a visitor). */
  unreadCount: number | null;
  /** Started since the member's previous visit to the forum and not opened yet. */
  isNew: boolean;
};

/** Cursor of the last thread on a page: its (lastPostAt, id). */
function toCursor(row: { lastPostAt: Date; id: string }) {
  return encodeCursor([row.lastPostAt, row.id]);
}

function fromCursor(cursor: string | null | undefined): { at: Date; id: string } | null {
  return decodeCursor(cursor, { length: 2, maxLength: 200 }, ([at, id]) => {
    const date = cursorDate(at);
    const lastId = cursorString(id, 40);
    return date && lastId && /^[A-Za-z0-9_-]+$/.test(lastId) ? { at: date, id: lastId } : null;
  });
}

function toItem(row: ListRow): ThreadListItem {
  const opened = row.lastReadNumber !== null;
  return {
    id: row.id,
    title: row.title,
    href: threadPath(row),
    kind: row.kind,
    tags: row.tags,
    pinned: row.pinnedAt !== null,
    locked: row.lockedAt !== null,
    answered: Boolean(row.answered),
    replyCount: row.replyCount,
    lastPostAt: row.lastPostAt.toISOString(),
    authorName: row.authorName,
    lastPosterName: row.lastPosterName,
    category: { slug: row.categorySlug, name: row.categoryName },
    unreadCount: opened ? Math.max(0, row.lastPostNumber - row.lastReadNumber!) : null,
    isNew: !opened && row.previousVisitAt !== null && row.createdAt > row.previousVisitAt,
  };
}

const listColumns = (actor: Actor) => Prisma.sql`
  t."id", t."title", t."slug", t."kind"::text AS "kind", t."tags", t."pinnedAt", t."lockedAt",
  (t."acceptedPostId" IS NOT NULL) AS "answered", t."replyCount", t."lastPostNumber", t."lastPostAt",
  t."createdAt", c."slug" AS "categorySlug", c."name" AS "categoryName",
  ap."displayName" AS "authorName", lp."displayName" AS "lastPosterName",
  r."lastReadNumber", v."previousVisitAt"
  FROM "Thread" t
  JOIN "Category" c ON c."id" = t."categoryId"
  LEFT JOIN "Profile" ap ON ap."userId" = t."authorId"
  LEFT JOIN "Profile" lp ON lp."userId" = t."lastPosterId"
  LEFT JOIN "ThreadReader" r ON r."threadId" = t."id" AND r."userId" = ${userId(actor)}
  LEFT JOIN "ForumVisit" v ON v."forumId" = t."forumId" AND v."userId" = ${userId(actor)}`;

/**
 * Threads of a forum or one category, latest activity first, keyset-paginated
 * on (lastPostAt, id) — never OFFSET. In a category, pinned threads come
 * first on the first page and are left out of the keyset pages. Only threads
 * the actor may see (visibleThreadsSql, the twin of visibleThreadsWhere).
 * One round trip: the pinned threads and the page are the two halves of a
 * UNION ALL.
 */
export async function listThreads(
  actor: Actor,
  scope: { forumId: string } | { categoryId: string },
  options: { cursor?: string | null; limit?: number } = {},
): Promise<{ pinned: ThreadListItem[]; threads: ThreadListItem[]; nextCursor: string | null }> {
  const limit = options.limit ?? THREADS_PER_PAGE;
  const cursor = fromCursor(options.cursor);
  const inScope =
    "categoryId" in scope ? Prisma.sql`t."categoryId" = ${scope.categoryId}` : Prisma.sql`t."forumId" = ${scope.forumId}`;
  const pinnedFirst = "categoryId" in scope;
  const visible = visibleThreadsSql(actor, "t");
  const conditions = [inScope];
  if (pinnedFirst) conditions.push(Prisma.sql`t."pinnedAt" IS NULL`);
  if (cursor) conditions.push(Prisma.sql`(t."lastPostAt", t."id") < (${cursor.at}, ${cursor.id})`);
  // Uses the (categoryId, lastPostAt, id) or (forumId, lastPostAt, id) index.
  const latest = Prisma.sql`
    (SELECT false AS "pinnedGroup", t."lastPostAt" AS "sortAt", ${listColumns(actor)}
      WHERE ${Prisma.join(conditions, " AND ")} AND ${visible}
      ORDER BY t."lastPostAt" DESC, t."id" DESC
      LIMIT ${limit + 1})`;
  const rows = await prisma.$queryRaw<(ListRow & { pinnedGroup: boolean })[]>(
    pinnedFirst && !cursor
      ? Prisma.sql`
          SELECT * FROM (
            (SELECT true AS "pinnedGroup", t."pinnedAt" AS "sortAt", ${listColumns(actor)}
              WHERE ${inScope} AND t."pinnedAt" IS NOT NULL AND ${visible}
              ORDER BY t."pinnedAt" DESC, t."id" DESC
              LIMIT 20)
            UNION ALL ${latest}
          ) x
          ORDER BY x."pinnedGroup" DESC, x."sortAt" DESC, x."id" DESC`
      : latest,
  );
  const pinnedRows = rows.filter((row) => row.pinnedGroup);
  const page = rows.filter((row) => !row.pinnedGroup).slice(0, limit);
  const lastRow = page[page.length - 1];
  return {
    pinned: pinnedRows.map(toItem),
    threads: page.map(toItem),
    nextCursor: rows.length - pinnedRows.length > limit && lastRow ? toCursor(lastRow) : null,
  };
}

// ─── Forum and category pages ───────────────────────────────────────────────

const forumSelect = {
  id: true,
  slug: true,
  name: true,
  associationId: true,
  association: { select: { slug: true, name: true } },
} as const;

/**
 * A forum's home: its categories the actor may see with their visible thread
 * counts, the latest threads across them, and for members the previous
 * visit (recording this one). Null when there is no such forum.
 */
export async function getForumHome(actor: Actor, forumSlug: string, cursor: string | null) {
  const forum = await prisma.forum.findUnique({ where: { slug: forumSlug }, select: forumSelect });
  if (!forum) return null;
  const previousVisitAt = actor.kind === "member" && !cursor ? await recordForumVisit(actor, forum.id) : null;
  const [categories, counts, latest, membership] = await Promise.all([
    prisma.category.findMany({
      // (forumId, position) index.
      where: { forumId: forum.id, ...visibleCategoriesWhere(actor) },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true, slug: true, name: true, description: true, visibility: true },
    }),
    prisma.thread.groupBy({
      by: ["categoryId"],
      where: { forumId: forum.id, ...visibleThreadsWhere(actor) },
      _count: { _all: true },
    }),
    listThreads(actor, { forumId: forum.id }, { cursor, limit: 20 }),
    getMembership(actor, forum.associationId),
  ]);
  const countOf = new Map(counts.map((row) => [row.categoryId, row._count._all]));
  const place = { visibility: "PUBLIC" as const, associationId: forum.associationId };
  return {
    forum: { slug: forum.slug, name: forum.name, association: forum.association },
    categories: categories.map((category) => ({ ...category, threadCount: countOf.get(category.id) ?? 0 })),
    latest,
    newSinceVisit: latest.threads.filter((thread) => thread.isNew).length,
    previousVisitAt: previousVisitAt?.toISOString() ?? null,
    canStartThread: canCreateThread(actor, place, membership) || (actor.kind !== "member"),
    signedIn: actor.kind === "member",
  };
}

type CategoryHead = {
  id: string;
  slug: string;
  name: string;
  description: string;
  visibility: VisibilityName;
  forumSlug: string;
  forumName: string;
  associationId: string | null;
  associationSlug: string | null;
  associationName: string | null;
  role: "OWNER" | "MODERATOR" | "MEMBER" | null;
  watching: boolean;
};

/**
 * A category page: its pinned and latest threads (keyset), whether the member
 * watches it. Null → 404. Two round trips: the category with its forum, the
 * forum's association, the viewer's membership and watch (unique lookups
 * joined), then the threads.
 */
export async function getCategoryPage(actor: Actor, forumSlug: string, categorySlug: string, cursor: string | null) {
  // Category (forumId, slug) and Forum.slug are unique.
  const [head] = await prisma.$queryRaw<CategoryHead[]>`
    SELECT c."id", c."slug", c."name", c."description", c."visibility"::text AS "visibility",
           f."slug" AS "forumSlug", f."name" AS "forumName", f."associationId",
           a."slug" AS "associationSlug", a."name" AS "associationName",
           m."role"::text AS "role", (w."userId" IS NOT NULL) AS "watching"
      FROM "Category" c
      JOIN "Forum" f ON f."id" = c."forumId"
      LEFT JOIN "Association" a ON a."id" = f."associationId"
      LEFT JOIN "AssociationMembership" m ON m."associationId" = f."associationId" AND m."userId" = ${userId(actor)}
      LEFT JOIN "CategoryWatch" w ON w."categoryId" = c."id" AND w."userId" = ${userId(actor)}
     WHERE c."slug" = ${categorySlug} AND f."slug" = ${forumSlug}`;
  if (!head) return null;
  const membership: Membership = actor.kind === "member" && head.role ? { role: head.role } : null;
  const place = { visibility: head.visibility, associationId: head.associationId };
  if (!canViewPlacement(actor, place, membership)) return null;
  const list = await listThreads(actor, { categoryId: head.id }, { cursor });
  return {
    forum: {
      slug: head.forumSlug,
      name: head.forumName,
      association: head.associationSlug !== null && head.associationName !== null ? { slug: head.associationSlug, name: head.associationName } : null,
    },
    category: { id: head.id, slug: head.slug, name: head.name, description: head.description, visibility: head.visibility },
    ...list,
    watching: actor.kind === "member" && Boolean(head.watching),
    canStartThread: canCreateThread(actor, place, membership) || actor.kind !== "member",
    signedIn: actor.kind === "member",
  };
}

/** The categories of a forum the member may start a thread in, and the current framework's areas. */
export async function getNewThreadOptions(actor: MemberActor, forumSlug: string) {
  const forum = await prisma.forum.findUnique({ where: { slug: forumSlug }, select: forumSelect });
  if (!forum) return null;
  const [categories, membership, areas] = await Promise.all([
    prisma.category.findMany({
      where: { forumId: forum.id, ...visibleCategoriesWhere(actor) },
      orderBy: [{ position: "asc" }, { id: "asc" }],
      select: { id: true, slug: true, name: true, visibility: true },
    }),
    getMembership(actor, forum.associationId),
    currentAreas(),
  ]);
  return {
    forum: { slug: forum.slug, name: forum.name },
    categories: categories
      .filter((category) => canCreateThread(actor, { visibility: category.visibility, associationId: forum.associationId }, membership))
      .map(({ id, slug, name }) => ({ id, slug, name })),
    areas,
  };
}
