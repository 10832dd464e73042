/**
 * The thread visibility filter as SQL, for raw queries (full-text search,
 * feeds built with SQL). It must match `visibleThreadsWhere` in policy.ts
 * exactly; a test compares the two over every visibility and actor kind.
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
