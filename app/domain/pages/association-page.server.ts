/**
 * The association page: the association, the viewer's membership and
 * request, its pathways, and its forum's categories, latest threads and
 * statements as the viewer may see them, in one round trip. It shows several
 * contexts at once, so it sits above them all (docs/architecture.md).
 */
import {
  canImportMembers,
  canInviteMembers,
  canLeaveAssociation,
  canManageAssociation,
  canModerateAssociation,
  canReviewJoinRequests,
  canViewMembers,
  joinOption,
  type AssociationRoleName,
  type Membership,
} from "~/domain/associations/policy";
import type { CategoryVisibilityName, JoinPolicyName } from "~/domain/associations/constants";
import { Prisma } from "~/generated/prisma/client";
import { associationModerationWaitingSql } from "~/domain/discussions/flags.server";
import { visibleCategoriesSql, visibleThreadsSql } from "~/domain/discussions/visibility.server";
import { isAdmin, type Actor } from "~/domain/members/actor";
import { visibleStatementsSql } from "~/domain/statements/visibility.server";
import { jsonColumn, prisma } from "~/utils/db.server";

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
  /** For its moderators (and administrators): posts in its forum with open flags; null for everyone else. */
  moderationWaiting: number | null;
  /** Its mentoring program is open (null: it has none). */
  mentoringOpen: boolean | null;
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
                     ORDER BY s."updatedAt" DESC, s."id" LIMIT ${STATEMENTS_SHOWN + 1}) s) AS "statements",
           -- Counted only for those who can act on the flags (the same rule as canModerateAssociation).
           CASE WHEN m."role" IN ('OWNER', 'MODERATOR') OR ${isAdmin(actor)}
                THEN ${associationModerationWaitingSql(Prisma.sql`a."id"`)} END AS "moderationWaiting",
           -- MentoringProgram's key.
           (SELECT mp."closedAt" IS NULL FROM "MentoringProgram" mp WHERE mp."associationId" = a."id") AS "mentoringOpen"
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
    /** Posts waiting in the moderation queue, for those who can act on them (null for everyone else). */
    moderationWaiting: canModerate && head.moderationWaiting !== null ? Number(head.moderationWaiting) : null,
    /** Its members may opt in to its mentoring program. */
    mentoringOpen: head.mentoringOpen === true,
    can: {
      leave: canLeaveAssociation(actor, membership),
      manage: canManageAssociation(actor, membership),
      moderate: canModerate,
      reviewRequests: canReviewJoinRequests(actor, membership),
      invite: canInviteMembers(actor, membership),
      importMembers: canImportMembers(actor, membership),
      viewMembers: canViewMembers(actor, membership),
      createPathway: canModerate,
    },
  };
}

export type AssociationPage = NonNullable<Awaited<ReturnType<typeof getAssociationPage>>>;
