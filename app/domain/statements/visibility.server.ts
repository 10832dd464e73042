/**
 * The statement visibility filter as SQL, for raw queries (the association
 * page gathers its statements with its other lists in one round trip). It
 * must match `visibleStatementsWhere` in policy.ts exactly; a test compares
 * the two over every status and kind of viewer.
 */
import { Prisma } from "~/generated/prisma/client";
import { isAdmin, type Actor } from "~/domain/members/actor";

/** A boolean SQL condition on a "Statement" row aliased as `alias`. */
export function visibleStatementsSql(actor: Actor, alias = "s"): Prisma.Sql {
  const s = Prisma.raw(`"${alias.replace(/"/g, "")}"`);
  const published = Prisma.sql`${s}."status" IN ('OPEN', 'ADOPTED', 'ARCHIVED')`;
  if (actor.kind !== "member") return Prisma.sql`(${s}."associationId" IS NULL AND ${published})`;
  if (isAdmin(actor)) return Prisma.sql`TRUE`;
  return Prisma.sql`((${published} AND (${s}."associationId" IS NULL OR EXISTS (SELECT 1 FROM "AssociationMembership" m WHERE m."associationId" = ${s}."associationId" AND m."userId" = ${actor.userId})))
    OR (${s}."status" = 'DRAFT' AND (${s}."authorId" = ${actor.userId} OR EXISTS (SELECT 1 FROM "StatementCoauthor" co WHERE co."statementId" = ${s}."id" AND co."userId" = ${actor.userId}))))`;
}
