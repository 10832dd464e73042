/**
 * Associations: create one (its owner membership and its forum with starter
 * categories, in one transaction), edit its details, the directory and the
 * association page.
 */
import { visibleCategoriesSql, visibleThreadsSql } from "~/domain/discussions/visibility.server";
import { isAdmin, type Actor, type MemberActor } from "~/domain/members/actor";
import { visibleStatementsSql } from "~/domain/statements/visibility.server";
import { jsonColumn, prisma } from "~/utils/db.server";
import { renderMarkdown } from "~/utils/markdown.server";
import { cursorDate, cursorString, decodeCursor, encodeCursor } from "~/utils/cursor";
import { authorizeAssociation } from "./memberships.server";
import {
  canInviteMembers,
  canLeaveAssociation,
  canManageAssociation,
  canModerateAssociation,
  canReviewJoinRequests,
  canViewMembers,
  joinOption,
  type AssociationRoleName,
  type Membership,
} from "./policy";
import type { CategoryVisibilityName } from "./constants";
import { fail, FORBIDDEN, isUniqueViolation, NOT_FOUND, ok, type Outcome } from "./result";
import {
  slugify,
  slugSchema,
  type AssociationDetails,
  type CreateAssociationInput,
  type JoinPolicyName,
} from "./schemas";

/** The two categories every new association forum starts with. */
export const STARTER_CATEGORIES = [
  {
    slug: "announcements",
    name: "Announcements",
    description: "News from the association, readable by everyone.",
    visibility: "PUBLIC",
    position: 1,
  },
  {
    slug: "members",
    name: "Members’ discussion",
    description: "Conversations among the association’s members. Only members can read them.",
    visibility: "ASSOCIATION",
    position: 2,
  },
] as const;

export const DIRECTORY_PAGE_SIZE = 20;

// ─── Creating and editing ───────────────────────────────────────────────────

/** Free for a new association: no association and no forum uses it, and it is not reserved. */
async function slugTaken(slug: string): Promise<boolean> {
  const [association, forum] = await Promise.all([
    prisma.association.findUnique({ where: { slug }, select: { id: true } }),
    prisma.forum.findUnique({ where: { slug }, select: { id: true } }),
  ]);
  return association !== null || forum !== null;
}

const SLUG_TAKEN = "That address is already in use: choose another";

/**
 * Creates the association with the actor as its owner (member count 1), and
 * its forum (same address and name) with the starter categories.
 */
export async function createAssociation(
  actor: MemberActor,
  input: CreateAssociationInput,
): Promise<Outcome<{ slug: string }>> {
  const slug = input.slug ?? slugify(input.name);
  const checked = slugSchema.safeParse(slug);
  if (!checked.success) {
    const message = checked.error.issues[0]?.message ?? "Choose another address";
    return fail(400, "Please correct the address.", {
      slug: [input.slug ? message : `We could not make an address from the name (${message.toLowerCase()}): type one`],
    });
  }
  if (await slugTaken(slug)) return fail(400, "Please choose another address.", { slug: [SLUG_TAKEN] });

  const description = input.description;
  try {
    await prisma.$transaction(async (tx) => {
      const association = await tx.association.create({
        data: {
          slug,
          name: input.name,
          description,
          descriptionHtml: renderMarkdown(description),
          website: input.website ?? null,
          joinPolicy: input.joinPolicy,
          memberCount: 1,
          memberships: { create: { userId: actor.userId, role: "OWNER" } },
        },
        select: { id: true },
      });
      await tx.forum.create({
        data: {
          slug,
          name: input.name,
          associationId: association.id,
          categories: { create: STARTER_CATEGORIES.map((category) => ({ ...category })) },
        },
        select: { id: true },
      });
    });
  } catch (error) {
    // Someone took the address between the check and the write.
    if (isUniqueViolation(error)) return fail(400, "Please choose another address.", { slug: [SLUG_TAKEN] });
    throw error;
  }
  return ok({ slug });
}

/** What the settings page starts from: the editable details and the forum whose categories it manages. */
export async function getAssociationSettings(associationId: string) {
  const row = await prisma.association.findUniqueOrThrow({
    where: { id: associationId },
    select: {
      name: true,
      description: true,
      website: true,
      joinPolicy: true,
      forum: { select: { id: true, slug: true } },
    },
  });
  const { forum, ...details } = row;
  return { details, forum };
}

/** Edits the details and join policy (owners and admins). The forum keeps the association's name. */
export async function updateAssociation(actor: Actor, slug: string, input: AssociationDetails): Promise<Outcome> {
  const found = await authorizeAssociation(actor, slug, canManageAssociation);
  if (!found.ok) return found;
  const { id } = found.value.association;
  await prisma.$transaction([
    prisma.association.update({
      where: { id },
      data: {
        name: input.name,
        description: input.description,
        descriptionHtml: renderMarkdown(input.description),
        website: input.website ?? null,
        joinPolicy: input.joinPolicy,
      },
      select: { id: true },
    }),
    prisma.forum.updateMany({ where: { associationId: id }, data: { name: input.name } }),
  ]);
  return ok(null);
}

// ─── The directory ──────────────────────────────────────────────────────────

export type DirectoryEntry = {
  slug: string;
  name: string;
  summary: string;
  memberCount: number;
  joinPolicy: JoinPolicyName;
};

const directorySelect = {
  id: true,
  slug: true,
  name: true,
  descriptionHtml: true,
  memberCount: true,
  joinPolicy: true,
} as const;

/** A short plain-text summary from the rendered description (for lists). */
export function summarize(html: string, max = 180): string {
  const text = html
    .replace(/<[^>]*>/g, " ")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\s+/g, " ")
    .trim();
  return text.length <= max ? text : `${text.slice(0, max - 1).replace(/\s+\S*$/, "")}…`;
}

function toEntry(row: {
  slug: string;
  name: string;
  descriptionHtml: string;
  memberCount: number;
  joinPolicy: JoinPolicyName;
}) {
  return {
    slug: row.slug,
    name: row.name,
    summary: summarize(row.descriptionHtml),
    memberCount: row.memberCount,
    joinPolicy: row.joinPolicy,
  };
}

type DirectoryCursor = { name: string; id: string };

function toCursor(cursor: DirectoryCursor): string {
  return encodeCursor([cursor.name, cursor.id]);
}

function fromCursor(text: string | null | undefined): DirectoryCursor | null {
  return decodeCursor(text, { length: 2 }, ([name, id]) => {
    const lastName = cursorString(name);
    const lastId = cursorString(id);
    return lastName !== null && lastId !== null ? { name: lastName, id: lastId } : null;
  });
}

/** Every association by name (then id), a page at a time, on the (name, id) index. */
export async function listAssociations(after: string | null | undefined, limit = DIRECTORY_PAGE_SIZE) {
  const cursor = fromCursor(after);
  const rows = await prisma.association.findMany({
    where: cursor ? { OR: [{ name: { gt: cursor.name } }, { name: cursor.name, id: { gt: cursor.id } }] } : {},
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: limit + 1,
    select: directorySelect,
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toEntry),
    nextCursor: rows.length > limit && last ? toCursor({ name: last.name, id: last.id }) : null,
  };
}

/** The actor's own associations (with their role), by name. */
export async function listMyAssociations(actor: Actor, limit = 50) {
  if (actor.kind !== "member") return [];
  // Uses the (userId, associationId) index.
  const rows = await prisma.associationMembership.findMany({
    where: { userId: actor.userId },
    orderBy: { association: { name: "asc" } },
    take: limit,
    select: { role: true, association: { select: directorySelect } },
  });
  return rows.map((row) => ({ ...toEntry(row.association), role: row.role }));
}

// ─── The association page ───────────────────────────────────────────────────

type PageHead = {
  id: string;
  slug: string;
  name: string;
  descriptionHtml: string;
  website: string | null;
  joinPolicy: JoinPolicyName;
  memberCount: number;
  forumId: string | null;
  forumSlug: string | null;
  role: AssociationRoleName | null;
  requestStatus: "PENDING" | "APPROVED" | "DECLINED" | null;
  requestedAt: Date | null;
  // The lists, gathered in the same round trip (json_agg: null when empty).
  /** Its published pathways, by title (at most 20). */
  pathways: JsonRows<{ slug: string; title: string; kind: "ONBOARDING" | "CAREER" | "CREDENTIAL" }>;
  /** The forum's categories the viewer may see, in order. */
  categories: JsonRows<{ id: string; slug: string; name: string; description: string; visibility: CategoryVisibilityName }>;
  /** The forum's latest 5 threads the viewer may see (lastPostAt in epoch milliseconds). */
  threads: JsonRows<{ id: string; slug: string; title: string; categoryId: string; replyCount: number; lastPostAt: number }>;
  /** For members: the open and adopted statements, one more than are shown. */
  statements: JsonRows<{ id: string; title: string; status: "OPEN" | "ADOPTED" }>;
};

/** A json_agg column: null when there were no rows (and text from PGlite; see jsonColumn). */
type JsonRows<T> = T[] | string | null;

/** At most this many statements on the association page (a link leads to the rest). */
const STATEMENTS_SHOWN = 10;

/**
 * Everything the association page shows this viewer, or null when there is
 * no such association, in one round trip: the association with its forum,
 * the viewer's membership and request, its published pathways, the forum's
 * categories and latest threads the viewer may see, and for its members its
 * open and adopted statements. The lists go through the same visibility
 * filters as everywhere else, in their SQL form.
 */
export async function getAssociationPage(actor: Actor, slug: string) {
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) return null;
  const userId = actor.kind === "member" ? actor.userId : null;
  // Unique lookups only: Association.slug, Forum.associationId and the two (associationId, userId) keys.
  // Unique lookups only: Association.slug, Forum.associationId and the two (associationId, userId) keys.
  const [head] = await prisma.$queryRaw<PageHead[]>`
    SELECT a."id", a."slug", a."name", a."descriptionHtml", a."website", a."joinPolicy"::text AS "joinPolicy",
           a."memberCount", f."id" AS "forumId", f."slug" AS "forumSlug", m."role"::text AS "role",
           r."status"::text AS "requestStatus", r."createdAt" AS "requestedAt",
           -- Uses the Pathway (associationId, status) index.
           (SELECT json_agg(json_build_object('slug', p."slug", 'title', p."title", 'kind', p."kind") ORDER BY p."title", p."id")
              FROM (SELECT "slug", "title", "kind", "id" FROM "Pathway"
                     WHERE "associationId" = a."id" AND "status" = 'PUBLISHED'
                     ORDER BY "title", "id" LIMIT 20) p) AS "pathways",
           -- Uses the Category (forumId, position) index; visibleCategoriesSql is visibleCategoriesWhere as SQL.
           (SELECT json_agg(json_build_object('id', c."id", 'slug', c."slug", 'name', c."name", 'description', c."description",
                                              'visibility', c."visibility") ORDER BY c."position", c."id")
              FROM "Category" c WHERE c."forumId" = f."id" AND ${visibleCategoriesSql(actor)}) AS "categories",
           -- Uses the Thread (forumId, lastPostAt, id) index; visibleThreadsSql is visibleThreadsWhere as SQL.
           (SELECT json_agg(json_build_object('id', t."id", 'slug', t."slug", 'title', t."title", 'categoryId', t."categoryId",
                              'replyCount', t."replyCount", 'lastPostAt', floor(extract(epoch FROM t."lastPostAt") * 1000))
                            ORDER BY t."lastPostAt" DESC, t."id" DESC)
              FROM (SELECT t."id", t."slug", t."title", t."categoryId", t."replyCount", t."lastPostAt" FROM "Thread" t
                     WHERE t."forumId" = f."id" AND ${visibleThreadsSql(actor, "t")}
                     ORDER BY t."lastPostAt" DESC, t."id" DESC LIMIT 5) t) AS "threads",
           -- Open and adopted statements, newest activity first as the statements list shows them, for members only
           -- (non-members, visitors included, are not even asked for them). Uses the Statement (associationId, status)
           -- index; visibleStatementsSql is visibleStatementsWhere as SQL.
           (SELECT json_agg(json_build_object('id', s."id", 'title', s."title", 'status', s."status") ORDER BY s."updatedAt" DESC, s."id")
              FROM (SELECT s."id", s."title", s."status", s."updatedAt" FROM "Statement" s
                     WHERE s."associationId" = a."id" AND s."status" IN ('OPEN', 'ADOPTED')
                       AND (m."role" IS NOT NULL OR ${isAdmin(actor)}) AND ${visibleStatementsSql(actor, "s")}
                     ORDER BY s."updatedAt" DESC, s."id" LIMIT ${STATEMENTS_SHOWN + 1}) s) AS "statements"
    FROM "Association" a
    LEFT JOIN "Forum" f ON f."associationId" = a."id"
    LEFT JOIN "AssociationMembership" m ON m."associationId" = a."id" AND m."userId" = ${userId}
    LEFT JOIN "AssociationJoinRequest" r ON r."associationId" = a."id" AND r."userId" = ${userId}
    WHERE a."slug" = ${slug}`;
  if (!head) return null;
  const association = head;
  const membership: Membership = head.role ? { role: head.role } : null;
  const pathways = jsonColumn(head.pathways) ?? [];
  const threads = jsonColumn(head.threads) ?? [];
  const categories = jsonColumn(head.categories) ?? [];
  const statements = jsonColumn(head.statements) ?? [];
  const request = head.requestStatus ? { status: head.requestStatus, createdAt: new Date(head.requestedAt!) } : null;

  const categoryById = new Map(categories.map((category) => [category.id, category]));
  const canModerate = canModerateAssociation(actor, membership);
  return {
    association: {
      slug: association.slug,
      name: association.name,
      descriptionHtml: association.descriptionHtml,
      website: association.website,
      joinPolicy: association.joinPolicy,
      memberCount: Number(association.memberCount),
    },
    forumSlug: head.forumSlug,
    role: membership?.role ?? null,
    joinOption: joinOption(actor, membership, association.joinPolicy),
    pendingRequestSince:
      !membership && association.joinPolicy === "APPROVAL" && request?.status === "PENDING" ? request.createdAt : null,
    categories: categories.map(({ id: _id, ...category }) => category),
    threads: threads.map((thread) => ({
      id: thread.id,
      slug: thread.slug,
      title: thread.title,
      replyCount: thread.replyCount,
      lastPostAt: new Date(thread.lastPostAt),
      category: categoryById.get(thread.categoryId) ? { name: categoryById.get(thread.categoryId)!.name } : null,
    })),
    pathways,
    statements: statements.slice(0, STATEMENTS_SHOWN),
    moreStatements: statements.length > STATEMENTS_SHOWN,
    can: {
      leave: canLeaveAssociation(actor, membership),
      manage: canManageAssociation(actor, membership),
      moderate: canModerate,
      reviewRequests: canReviewJoinRequests(actor, membership),
      invite: canInviteMembers(actor, membership),
      viewMembers: canViewMembers(actor, membership),
      createPathway: canModerate,
    },
  };
}

export type AssociationPage = NonNullable<Awaited<ReturnType<typeof getAssociationPage>>>;
