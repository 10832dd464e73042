/**
 * The thread and category visibility filters as SQL, for raw queries
 * (full-text search and its filter choices, feeds built with SQL). They must
 * match `visibleThreadsWhere` and `visibleCategoriesWhere` in policy.ts
 * exactly; tests compare each pair over every visibility and actor kind.
 */
import { Prisma } from "~/generated/prisma/client";
import { isAdmin, type Actor } from "~/domain/members/actor";

/** A boolean SQL condition on a "Thread" row aliased as `alias`. */
export function visibleThreadsSql(actor: Actor, alias = "t"): Prisma.Sql {
  const t = Prisma.raw(`"${alias.replace(/"/g, "")}"`);
  if (actor.kind !== "member") return Prisma.sql`(${t}."deletedAt" IS NULL AND ${t}."visibility" = 'PUBLIC')`;
  if (isAdmin(actor)) return Prisma.sql`(${t}."deletedAt" IS NULL)`;
  return Prisma.sql`(${t}."deletedAt" IS NULL AND (${t}."visibility" IN ('PUBLIC', 'MEMBERS') OR (${t}."visibility" = 'ASSOCIATION' AND EXISTS (SELECT 1 FROM "AssociationMembership" m WHERE m."associationId" = ${t}."associationId" AND m."userId" = ${actor.userId}))))`;
}

/**
 * Categories the actor may see, as SQL on a "Category" aliased `c` and its "Forum" aliased `f`:
 * the twin of visibleCategoriesWhere (a test compares the two for every kind of actor).
 */
export function visibleCategoriesSql(actor: Actor): Prisma.Sql {
  if (actor.kind !== "member") return Prisma.sql`c."visibility" = 'PUBLIC'`;
  if (isAdmin(actor)) return Prisma.sql`TRUE`;
  return Prisma.sql`(c."visibility" IN ('PUBLIC', 'MEMBERS') OR (c."visibility" = 'ASSOCIATION' AND EXISTS (SELECT 1 FROM "AssociationMembership" m WHERE m."associationId" = f."associationId" AND m."userId" = ${actor.userId})))`;
}
