/**
 * Full-text search over posts (the opening post carries its thread's title,
 * weighted above body text), with PostgreSQL text search:
 * `websearch_to_tsquery('english', q)` (quotes, OR, -not), ranked with
 * `ts_rank_cd`, snippets from `ts_headline`.
 *
 * Bounded cost, whatever the number of matches. A common word matches a large
 * share of all posts (a fifth of them, in the benchmark's data set), and
 * ranking every match meant reading every matching post. Instead a search
 * ranks a set of at most SEARCH_SET_SIZE matches: the newest ones the viewer
 * may see. Only the page's rows get a snippet. Once a set is used up, "More
 * results" moves on to the next set of older matches, ranked the same way. The
 * trade-off: a strong match older than the newest hundred comes after them,
 * not first; the page says so.
 *
 * How the newest matches are found:
 * - No filter: day by day, newest first. One GIN index over the search vector
 *   and the post's day (migration search_by_day) answers "posts with these
 *   words on these days" inside the index, so a step costs about what its
 *   days' matches cost, never a walk through non-matching posts. The steps
 *   cover 1, 2, 4 … 64 days, each ending at the newest day with any post
 *   before the previous step (quiet days cost nothing). If those 127 days hold
 *   too few matches, a second query adds the older ones: the words are rare,
 *   so they are few.
 * - With an author, category or association filter: one query ordered by
 *   date, which PostgreSQL answers through the filter's own index (a member's
 *   posts, a small category's or association's threads) or by walking back
 *   through the newest posts (a large one), as its statistics say. A tag
 *   filter goes day by day like no filter: a popular tag has too many threads
 *   to read all their posts, yet too few of the newest posts to walk back to.
 *
 * Results obey exactly the thread visibility of every list (visibleThreadsSql,
 * the SQL twin of visibleThreadsWhere) and leave out deleted and hidden posts.
 *
 * Pagination is keyset on (rank, post id) within a set, and the cursor pins the
 * set (the newest post it holds), so posts written meanwhile do not shift the
 * pages; a page never repeats a result, and a cursor we did not make is ignored.
 */
import { randomBytes } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { escapeHtml } from "~/utils/html";
import { decodeCursor, encodeCursor } from "~/utils/cursor";
import { visibleCategoriesSql, visibleThreadsSql } from "./visibility.server";

export const SEARCH_PAGE_SIZE = 20;
/** Results are ranked among the newest matches, this many at a time. */
export const SEARCH_SET_SIZE = 100;
export const SEARCH_QUERY_MAX = 200;
/** Day-by-day steps (1, 2, 4 … 64 days) before the search falls back to everything older. */
const DAY_STEPS = 7;

export type SearchFilters = {
  q: string;
  /** Association slug. */
  association?: string;
  /** Category id. */
  category?: string;
  /** A free tag or a competency-area slug. */
  tag?: string;
  /** Author's handle. */
  author?: string;
};

export type SearchResult = {
  postId: string;
  number: number;
  threadId: string;
  threadSlug: string;
  threadTitle: string;
  categoryName: string;
  forumName: string;
  authorName: string | null;
  authorHandle: string | null;
  createdAt: string;
  /** HTML-escaped text with only our own <mark> elements around matches. */
  snippetHtml: string;
};

export type SearchPage = {
  results: SearchResult[];
  nextCursor: string | null;
  /** How many matches the ranked set holds (at most SEARCH_SET_SIZE). */
  setSize: number;
  /** The set is full: older matches may follow it. */
  setIsFull: boolean;
  /** This page ranks a set of older matches (the first set was used up). */
  olderSet: boolean;
  /** The next page starts the next set of older matches. */
  nextIsOlderSet: boolean;
};

/**
 * Where a page starts: the set it ranks holds the newest matches up to `until`
 * (that post included, or only older ones), and past the set's first page,
 * the results after `after` in rank order.
 */
type Cursor = {
  until: { at: Date; id: string; inclusive: boolean };
  after: { rank: number; id: string } | null;
};

function toCursor(cursor: Cursor): string {
  const { until, after } = cursor;
  return encodeCursor([until.at.getTime(), until.id, until.inclusive ? 1 : 0, after?.rank ?? null, after?.id ?? null]);
}

function fromCursor(text: string | null | undefined): Cursor | null {
  return decodeCursor(text, { length: 5, maxLength: 300 }, ([at, id, inclusive, rank, afterId]) => {
    if (typeof at !== "number" || !Number.isSafeInteger(at) || at < 0) return null;
    if (typeof id !== "string" || id.length === 0 || id.length > 100) return null;
    if (inclusive !== 0 && inclusive !== 1) return null;
    let after: Cursor["after"] = null;
    if (rank !== null || afterId !== null) {
      if (typeof rank !== "number" || !Number.isFinite(rank)) return null;
      if (typeof afterId !== "string" || afterId.length === 0 || afterId.length > 100) return null;
      after = { rank, id: afterId };
    }
    return { until: { at: new Date(at), id, inclusive: inclusive === 1 }, after };
  });
}

/**
 * ts_headline's output is raw Markdown with our markers around matches:
 * escape all of it, then turn only our markers into <mark> elements. The
 * markers are random per request, so no post can forge one.
 */
export function snippetToHtml(headline: string, start: string, stop: string): string {
  return escapeHtml(headline).split(start).join("<mark>").split(stop).join("</mark>");
}

/** A normalised search: trimmed, bounded, empty filters dropped. */
export function parseSearchParams(params: URLSearchParams): SearchFilters & { after: string | null } {
  const text = (name: string, max = 100) => {
    const value = params.get(name)?.trim().slice(0, max);
    return value ? value : undefined;
  };
  return {
    q: text("q", SEARCH_QUERY_MAX) ?? "",
    association: text("association")?.toLowerCase(),
    category: text("category"),
    tag: text("tag")?.toLowerCase().replace(/^#/, ""),
    author: text("author")?.toLowerCase().replace(/^@/, ""),
    after: text("after", 300) ?? null,
  };
}

/** The post's day as the search index stores it; must match the index expression in migration search_by_day. */
const POST_DAY = Prisma.sql`ARRAY[(p."createdAt"::date - DATE '2000-01-01')]`;

type Strategy =
  /** One query ordered by date: PostgreSQL picks the filter's own index or walks back through the date index. */
  | { kind: "byDate" }
  /** Day by day, newest first; `older` adds everything before the steps' days, for when they held too few matches. */
  | { kind: "byDay"; older: boolean };

/** The newest matches (at most SEARCH_SET_SIZE), as CTEs ending in "candidate" (id, threadId, createdAt). */
function candidatesSql(
  tsquery: Prisma.Sql,
  conditions: { post: Prisma.Sql[]; thread: Prisma.Sql[] },
  strategy: Strategy,
  until: Cursor["until"] | null,
) {
  const where = Prisma.join([...conditions.post, ...conditions.thread], " AND ");
  const matching = Prisma.sql`SELECT p."id", p."threadId", p."createdAt" FROM "Post" p JOIN "Thread" t ON t."id" = p."threadId"`;
  if (strategy.kind === "byDate") {
    return Prisma.sql`
      "candidate" AS MATERIALIZED (
        ${matching}
        WHERE p."searchVector" @@ ${tsquery} AND ${where}
        ORDER BY p."createdAt" DESC, p."id" DESC
        LIMIT ${SEARCH_SET_SIZE}
      )`;
  }
  // Each step covers the days [oldest, newest]: the newest day with a post (at or before the cursor's
  // set), then 2, 4 … days ending at the newest day with a post before the previous step.
  const firstDay = until
    ? Prisma.sql`SELECT max(p."createdAt")::date AS "day" FROM "Post" p WHERE p."createdAt" <= ${until.at.toISOString()}::timestamp(3)`
    : Prisma.sql`SELECT max(p."createdAt")::date AS "day" FROM "Post" p`;
  // Only when the steps found too few: the words (or the tag) are rare, so this is cheap. OFFSET 0
  // makes PostgreSQL fetch them through the search index alone, rather than walk back through every
  // post by date or read the date index for the cut-off, which is applied outside. Planned only
  // then: for common words its estimate is large enough to make PostgreSQL compile the whole
  // statement (JIT), which costs more than the search itself.
  const older = strategy.older
    ? Prisma.sql`
      SELECT o.* FROM (
        ${matching}
        WHERE (SELECT count(*) FROM "recent") < ${SEARCH_SET_SIZE}
          AND p."searchVector" @@ ${tsquery}
          AND ${where}
        OFFSET 0
      ) o
      WHERE o."createdAt" < (SELECT min(s."oldest") FROM "step" s)
      ORDER BY o."createdAt" DESC, o."id" DESC
      LIMIT ${SEARCH_SET_SIZE}`
    : Prisma.sql`${matching} WHERE FALSE`;
  return Prisma.sql`
    "step" ("number", "newest", "oldest") AS (
      SELECT 0, first."day", first."day" FROM (${firstDay}) first
      WHERE first."day" IS NOT NULL AND numnode(${tsquery}) > 0
      UNION ALL
      SELECT s."number" + 1, previous."day", previous."day" - ((2 << s."number") - 1)
      FROM "step" s
      CROSS JOIN LATERAL (SELECT max(p."createdAt")::date AS "day" FROM "Post" p WHERE p."createdAt" < s."oldest") previous
      WHERE s."number" < ${DAY_STEPS - 1} AND previous."day" IS NOT NULL
    ),
    -- Steps run in order and stop once the set is full. Each sorts its days' matches newest first
    -- and looks up their threads (visibility, tag) only until the set is full.
    "recent" AS MATERIALIZED (
      SELECT hit.* FROM "step" s
      CROSS JOIN LATERAL (
        SELECT p."id", p."threadId", p."createdAt"
        FROM (
          SELECT p."id", p."threadId", p."createdAt" FROM "Post" p
          WHERE p."searchVector" @@ ${tsquery}
            AND ${POST_DAY} && ARRAY(SELECT generate_series(s."oldest" - DATE '2000-01-01', s."newest" - DATE '2000-01-01'))
            AND ${Prisma.join(conditions.post, " AND ")}
          ORDER BY p."createdAt" DESC, p."id" DESC
        ) p
        JOIN "Thread" t ON t."id" = p."threadId"
        WHERE ${Prisma.join(conditions.thread, " AND ")}
        ORDER BY p."createdAt" DESC, p."id" DESC
        LIMIT ${SEARCH_SET_SIZE}
      ) hit
      LIMIT ${SEARCH_SET_SIZE}
    ),
    "older" AS MATERIALIZED (${older}),
    "candidate" AS MATERIALIZED (
      SELECT * FROM "recent"
      UNION ALL
      (SELECT * FROM "older" LIMIT ${SEARCH_SET_SIZE} - (SELECT count(*) FROM "recent"))
    )`;
}

type Row = Pick<
  SearchResult,
  "number" | "threadId" | "threadSlug" | "threadTitle" | "categoryName" | "forumName" | "authorName" | "authorHandle"
> & {
  id: string;
  rank: number;
  headline: string | null;
  createdAt: Date;
  setSize: number;
  newestAt: Date;
  newestId: string;
  oldestAt: Date;
  oldestId: string;
};

/**
 * One page of results, best first. An empty query searches nothing. One query, or two when an
 * unfiltered search finds few matches in its day-by-day steps. `known.associationId` is the id of
 * `filters.association` when the caller has it (see searchPage).
 */
export async function searchPosts(
  actor: Actor,
  filters: SearchFilters,
  after: string | null = null,
  known: { associationId?: string | null } = {},
): Promise<SearchPage> {
  const q = filters.q.trim().slice(0, SEARCH_QUERY_MAX);
  const cursor = fromCursor(after);
  const olderSet = cursor ? !cursor.until.inclusive : false;
  if (!q) return { results: [], nextCursor: null, setSize: 0, setIsFull: false, olderSet, nextIsOlderSet: false };
  const token = randomBytes(6).toString("hex");
  const start = `qs${token}qs`;
  const stop = `qe${token}qe`;
  const headlineOptions = `StartSel=${start}, StopSel=${stop}, MaxWords=25, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

  const tsquery = Prisma.sql`websearch_to_tsquery('english', ${q})`;
  const conditions = {
    post: [Prisma.sql`p."deletedAt" IS NULL`, Prisma.sql`p."hiddenAt" IS NULL`],
    thread: [visibleThreadsSql(actor, "t")],
  };
  if (filters.association) {
    // A known id lets PostgreSQL size the association from its statistics (a large one: walk back by
    // date; a small one: its threads' posts); a subquery would look the same size for every association.
    conditions.thread.push(
      known.associationId
        ? Prisma.sql`t."associationId" = ${known.associationId}`
        : Prisma.sql`t."associationId" = (SELECT a."id" FROM "Association" a WHERE a."slug" = ${filters.association})`,
    );
  }
  if (filters.category) conditions.thread.push(Prisma.sql`t."categoryId" = ${filters.category}`);
  if (filters.tag) {
    // Both use the threads' GIN indexes (tags, areaSlugs).
    conditions.thread.push(
      Prisma.sql`(t."tags" @> ARRAY[${filters.tag}]::text[] OR t."areaSlugs" @> ARRAY[${filters.tag}]::text[])`,
    );
  }
  if (filters.author) {
    conditions.post.push(Prisma.sql`p."authorId" = (SELECT h."userId" FROM "Profile" h WHERE h."handle" = ${filters.author})`);
  }
  if (cursor) {
    const { at, id, inclusive } = cursor.until;
    const bound = Prisma.sql`(${at.toISOString()}::timestamp(3), ${id})`;
    conditions.post.push(inclusive ? Prisma.sql`(p."createdAt", p."id") <= ${bound}` : Prisma.sql`(p."createdAt", p."id") < ${bound}`);
  }
  const afterRank = cursor?.after
    ? Prisma.sql`(r."rank" < ${cursor.after.rank}::float8 OR (r."rank" = ${cursor.after.rank}::float8 AND r."id" < ${cursor.after.id}))`
    : Prisma.sql`TRUE`;

  // Ranking reads the set's vectors (at most SEARCH_SET_SIZE); only the page's rows get a headline.
  // (No parallel workers: every PostgreSQL session is opened with max_parallel_workers_per_gather=0.)
  const run = (strategy: Strategy) => prisma.$queryRaw<Row[]>`
    WITH RECURSIVE ${candidatesSql(tsquery, conditions, strategy, cursor?.until ?? null)},
    "hit" AS (
      SELECT r.*, row_number() OVER (ORDER BY r."rank" DESC, r."id" DESC) AS "position"
      FROM (
        SELECT c."id", c."threadId", c."createdAt", ts_rank_cd(p."searchVector", ${tsquery})::float8 AS "rank"
        FROM "candidate" c JOIN "Post" p ON p."id" = c."id"
      ) r
      WHERE ${afterRank}
      ORDER BY r."rank" DESC, r."id" DESC
      LIMIT ${SEARCH_PAGE_SIZE + 1}
    ),
    "edge" AS (
      SELECT (SELECT count(*) FROM "candidate")::int AS "setSize",
        newest."createdAt" AS "newestAt", newest."id" AS "newestId",
        oldest."createdAt" AS "oldestAt", oldest."id" AS "oldestId"
      FROM (SELECT "createdAt", "id" FROM "candidate" ORDER BY "createdAt" DESC, "id" DESC LIMIT 1) newest,
        (SELECT "createdAt", "id" FROM "candidate" ORDER BY "createdAt", "id" LIMIT 1) oldest
    )
    SELECT hit."id", p."number", hit."rank",
      CASE WHEN hit."position" <= ${SEARCH_PAGE_SIZE}
        THEN ts_headline('english', p."body", ${tsquery}, ${headlineOptions}) END AS "headline",
      t."id" AS "threadId", t."slug" AS "threadSlug", t."title" AS "threadTitle",
      (SELECT c."name" FROM "Category" c WHERE c."id" = t."categoryId") AS "categoryName",
      (SELECT f."name" FROM "Forum" f WHERE f."id" = t."forumId") AS "forumName",
      pr."displayName" AS "authorName", pr."handle" AS "authorHandle", hit."createdAt",
      (SELECT e."setSize" FROM "edge" e) AS "setSize",
      (SELECT e."newestAt" FROM "edge" e) AS "newestAt", (SELECT e."newestId" FROM "edge" e) AS "newestId",
      (SELECT e."oldestAt" FROM "edge" e) AS "oldestAt", (SELECT e."oldestId" FROM "edge" e) AS "oldestId"
    FROM "hit"
    JOIN "Post" p ON p."id" = hit."id"
    JOIN "Thread" t ON t."id" = hit."threadId"
    LEFT JOIN "Profile" pr ON pr."userId" = p."authorId"
    ORDER BY hit."rank" DESC, hit."id" DESC`;

  // A member's posts, a category's or an association's threads: through the filter's own index or by
  // date, as PostgreSQL's statistics say. Otherwise (a tag is on too many threads to read them all),
  // day by day, and when the days' steps hold too few matches, a second query adds the older ones.
  let rows: Row[];
  if (filters.author || filters.category || filters.association) {
    rows = await run({ kind: "byDate" });
  } else {
    rows = await run({ kind: "byDay", older: false });
    if (rows.length === 0 || Number(rows[0]!.setSize) < SEARCH_SET_SIZE) rows = await run({ kind: "byDay", older: true });
  }

  const page = rows.slice(0, SEARCH_PAGE_SIZE);
  const first = rows[0];
  const last = page.at(-1);
  const setSize = first ? Number(first.setSize) : 0;
  let nextCursor: string | null = null;
  let nextIsOlderSet = false;
  if (first && last && rows.length > SEARCH_PAGE_SIZE) {
    // More of this set: pin it to its newest post, so newer posts do not shift it.
    const until = cursor?.until ?? { at: new Date(first.newestAt), id: first.newestId, inclusive: true };
    nextCursor = toCursor({ until, after: { rank: Number(last.rank), id: last.id } });
  } else if (first && setSize >= SEARCH_SET_SIZE) {
    // This set is used up and was full: the next set holds the matches older than its oldest.
    nextCursor = toCursor({ until: { at: new Date(first.oldestAt), id: first.oldestId, inclusive: false }, after: null });
    nextIsOlderSet = true;
  }
  return {
    results: page.map((row) => ({
      postId: row.id,
      number: row.number,
      threadId: row.threadId,
      threadSlug: row.threadSlug,
      threadTitle: row.threadTitle,
      categoryName: row.categoryName,
      forumName: row.forumName,
      authorName: row.authorName,
      authorHandle: row.authorHandle,
      createdAt: new Date(row.createdAt).toISOString(),
      snippetHtml: snippetToHtml(row.headline ?? "", start, stop),
    })),
    nextCursor,
    setSize,
    setIsFull: setSize >= SEARCH_SET_SIZE,
    olderSet,
    nextIsOlderSet,
  };
}

export type SearchFilterOptions = {
  associations: { slug: string; name: string }[];
  /**
   * Categories grouped by forum, in the forums' order: the chosen association's, or without one
   * the community forums' (a list of every association's categories would run to hundreds).
   */
  forums: { name: string; categories: { id: string; name: string }[] }[];
};

/** Which categories to offer: those of `association` (a slug), or the community forums'; and always `category`. */
export type FilterScope = { association?: string; category?: string };

/** The association and category choices, among what the actor can see (one query). */
export async function searchFilterOptions(actor: Actor, scope: FilterScope = {}): Promise<SearchFilterOptions> {
  const { associationIds: _ids, ...options } = await filterChoices(actor, scope);
  return options;
}

/**
 * One query: the associations with a category the actor can see (rows without a forum), then the
 * offered categories (rows with one), each in display order.
 */
async function filterChoices(
  actor: Actor,
  scope: FilterScope,
): Promise<SearchFilterOptions & { associationIds: Map<string, string> }> {
  const offered = Prisma.join(
    [
      scope.association
        ? Prisma.sql`a."slug" = ${scope.association}`
        : Prisma.sql`f."associationId" IS NULL`,
      ...(scope.category ? [Prisma.sql`c."id" = ${scope.category}`] : []),
    ],
    " OR ",
  );
  const rows = await prisma.$queryRaw<
    { id: string; slug: string | null; name: string; forumId: string | null; forumName: string | null }[]
  >`
    WITH "visible" AS MATERIALIZED (
      SELECT c."id", c."name", c."position", f."id" AS "forumId", f."name" AS "forumName",
        a."id" AS "associationId", (${offered}) AS "offered"
      FROM "Category" c
      JOIN "Forum" f ON f."id" = c."forumId"
      LEFT JOIN "Association" a ON a."id" = f."associationId"
      WHERE ${visibleCategoriesSql(actor)}
      LIMIT 1000
    )
    SELECT o.* FROM (
      SELECT a."id", a."slug", a."name", NULL AS "forumId", NULL AS "forumName", 0 AS "position"
      FROM "Association" a WHERE a."id" IN (SELECT v."associationId" FROM "visible" v)
      UNION ALL
      SELECT v."id", NULL, v."name", v."forumId", v."forumName", v."position" FROM "visible" v WHERE v."offered"
    ) o
    ORDER BY o."forumId" IS NOT NULL, o."forumName", o."forumId", o."position", o."id"`;
  const associations: SearchFilterOptions["associations"] = [];
  const associationIds = new Map<string, string>();
  const forums: SearchFilterOptions["forums"] = [];
  let lastForumId: string | null = null;
  for (const row of rows) {
    if (row.forumId === null) {
      if (row.slug === null) continue;
      associations.push({ slug: row.slug, name: row.name });
      associationIds.set(row.slug, row.id);
      continue;
    }
    // Categories come ordered by forum: a new forum starts a new group.
    const forum = forums.at(-1);
    if (forum && lastForumId === row.forumId) forum.categories.push({ id: row.id, name: row.name });
    else forums.push({ name: row.forumName ?? "", categories: [{ id: row.id, name: row.name }] });
    lastForumId = row.forumId;
  }
  // Sorted here, as every other list of names is, rather than by the database's collation.
  associations.sort((a, b) => a.name.localeCompare(b.name));
  return { associations, forums, associationIds };
}

/**
 * The search page's data: the filter choices and a page of results, in two queries (three when an
 * unfiltered search finds few matches). With an association filter the choices come first, since
 * they carry the association's id (see searchPosts); otherwise both run at once.
 */
export async function searchPage(
  actor: Actor,
  filters: SearchFilters,
  after: string | null,
): Promise<{ options: SearchFilterOptions; page: SearchPage }> {
  const scope = { association: filters.association, category: filters.category };
  if (!filters.association) {
    const [page, options] = await Promise.all([searchPosts(actor, filters, after), searchFilterOptions(actor, scope)]);
    return { options, page };
  }
  const { associationIds, ...options } = await filterChoices(actor, scope);
  const page = await searchPosts(actor, filters, after, { associationId: associationIds.get(filters.association) ?? null });
  return { options, page };
}
