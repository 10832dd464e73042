/**
 * Full-text search over posts (the opening post carries its thread's title,
 * weighted above body text), with PostgreSQL text search: the GIN index on
 * Post.searchVector, `websearch_to_tsquery('english', q)` (quotes, OR, -not),
 * ranked with `ts_rank_cd`, snippets from `ts_headline`.
 *
 * Results obey exactly the thread visibility of every list
 * (visibleThreadsSql, the SQL twin of visibleThreadsWhere) and leave out
 * deleted and hidden posts.
 *
 * Pagination is keyset on (rank, post id): a page never rescans what earlier
 * pages showed, and a cursor we did not make is ignored.
 */
import { randomBytes } from "node:crypto";
import { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { visibleCategoriesWhere } from "./policy";
import { visibleThreadsSql } from "./visibility.server";

export const SEARCH_PAGE_SIZE = 20;
export const SEARCH_QUERY_MAX = 200;

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

type Cursor = { rank: number; id: string };

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify([cursor.rank, cursor.id]), "utf8").toString("base64url");
}

function decodeCursor(text: string | null | undefined): Cursor | null {
  if (!text || text.length > 200) return null;
  try {
    const value: unknown = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
    if (!Array.isArray(value) || typeof value[0] !== "number" || typeof value[1] !== "string") return null;
    return Number.isFinite(value[0]) ? { rank: value[0], id: value[1] } : null;
  } catch {
    return null;
  }
}

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]!);
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
    after: text("after", 200) ?? null,
  };
}

/** One page of results, best first. An empty query searches nothing. */
export async function searchPosts(
  actor: Actor,
  filters: SearchFilters,
  after: string | null = null,
): Promise<{ results: SearchResult[]; nextCursor: string | null }> {
  const q = filters.q.trim().slice(0, SEARCH_QUERY_MAX);
  if (!q) return { results: [], nextCursor: null };
  const cursor = decodeCursor(after);
  const token = randomBytes(6).toString("hex");
  const start = `qs${token}qs`;
  const stop = `qe${token}qe`;
  const headlineOptions = `StartSel=${start}, StopSel=${stop}, MaxWords=35, MinWords=15, MaxFragments=2, FragmentDelimiter=" … "`;

  const tsquery = Prisma.sql`websearch_to_tsquery('english', ${q})`;
  const conditions: Prisma.Sql[] = [
    // The GIN index on Post.searchVector.
    Prisma.sql`p."searchVector" @@ ${tsquery}`,
    Prisma.sql`p."deletedAt" IS NULL`,
    Prisma.sql`p."hiddenAt" IS NULL`,
    visibleThreadsSql(actor, "t"),
  ];
  if (filters.association) {
    conditions.push(Prisma.sql`t."associationId" = (SELECT a."id" FROM "Association" a WHERE a."slug" = ${filters.association})`);
  }
  if (filters.category) conditions.push(Prisma.sql`t."categoryId" = ${filters.category}`);
  if (filters.tag) {
    // Both use the threads' GIN indexes (tags, areaSlugs).
    conditions.push(
      Prisma.sql`(t."tags" @> ARRAY[${filters.tag}]::text[] OR t."areaSlugs" @> ARRAY[${filters.tag}]::text[])`,
    );
  }
  if (filters.author) {
    conditions.push(Prisma.sql`p."authorId" = (SELECT pr."userId" FROM "Profile" pr WHERE pr."handle" = ${filters.author})`);
  }
  const rank = Prisma.sql`ts_rank_cd(p."searchVector", ${tsquery})::float8`;
  if (cursor) {
    conditions.push(Prisma.sql`(${rank} < ${cursor.rank}::float8 OR (${rank} = ${cursor.rank}::float8 AND p."id" < ${cursor.id}))`);
  }

  // The inner query finds and ranks the page; only its rows get a headline (ts_headline is costly).
  const rows = await prisma.$queryRaw<
    {
      id: string;
      number: number;
      rank: number;
      headline: string;
      threadId: string;
      threadSlug: string;
      threadTitle: string;
      categoryName: string;
      forumName: string;
      authorName: string | null;
      authorHandle: string | null;
      createdAt: Date;
    }[]
  >`
    SELECT hit."id", hit."number", hit."rank",
      ts_headline('english', hit."body", ${tsquery}, ${headlineOptions}) AS "headline",
      t."id" AS "threadId", t."slug" AS "threadSlug", t."title" AS "threadTitle",
      c."name" AS "categoryName", f."name" AS "forumName",
      pr."displayName" AS "authorName", pr."handle" AS "authorHandle", hit."createdAt"
    FROM (
      SELECT p."id", p."number", p."body", p."threadId", p."authorId", p."createdAt", ${rank} AS "rank"
      FROM "Post" p
      JOIN "Thread" t ON t."id" = p."threadId"
      WHERE ${Prisma.join(conditions, " AND ")}
      ORDER BY "rank" DESC, p."id" DESC
      LIMIT ${SEARCH_PAGE_SIZE + 1}
    ) hit
    JOIN "Thread" t ON t."id" = hit."threadId"
    JOIN "Category" c ON c."id" = t."categoryId"
    JOIN "Forum" f ON f."id" = t."forumId"
    LEFT JOIN "Profile" pr ON pr."userId" = hit."authorId"
    ORDER BY hit."rank" DESC, hit."id" DESC`;

  const page = rows.slice(0, SEARCH_PAGE_SIZE);
  const last = page.at(-1);
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
      snippetHtml: snippetToHtml(row.headline, start, stop),
    })),
    nextCursor: rows.length > SEARCH_PAGE_SIZE && last ? encodeCursor({ rank: Number(last.rank), id: last.id }) : null,
  };
}

export type SearchFilterOptions = {
  associations: { slug: string; name: string }[];
  categories: { id: string; label: string }[];
};

/** The association and category choices: the categories the actor can see (one query). */
export async function searchFilterOptions(actor: Actor): Promise<SearchFilterOptions> {
  const categories = await prisma.category.findMany({
    where: visibleCategoriesWhere(actor),
    orderBy: [{ forum: { name: "asc" } }, { position: "asc" }],
    select: { id: true, name: true, forum: { select: { name: true, association: { select: { slug: true, name: true } } } } },
    take: 500,
  });
  const associations = new Map<string, string>();
  for (const category of categories) {
    const association = category.forum.association;
    if (association) associations.set(association.slug, association.name);
  }
  return {
    associations: [...associations].map(([slug, name]) => ({ slug, name })).sort((a, b) => a.name.localeCompare(b.name)),
    categories: categories.map((category) => ({ id: category.id, label: `${category.forum.name}: ${category.name}` })),
  };
}
