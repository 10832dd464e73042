/**
 * The home page's view of the member's associations, in one round trip: how
 * many they belong to, and for each association they run (owner or
 * moderator) the join requests and flagged posts waiting for them. Counted in
 * the database, whatever the number of associations or items.
 *
 * Flagged posts are counted as the moderation queue lists them
 * (discussions/flags.server.ts): posts with an open flag, not deleted, in the
 * association's threads.
 */
import type { AssociationRoleName } from "~/domain/associations/policy";
import { getChcpOverview, type ChcpOverview } from "~/domain/credentials/chcp.server";
import type { MemberActor } from "~/domain/members/actor";
import { jsonColumn, prisma } from "~/utils/db.server";

export interface RunAssociation {
  slug: string;
  name: string;
  role: Extract<AssociationRoleName, "OWNER" | "MODERATOR">;
  waitingRequests: number;
  flaggedPosts: number;
}

type Row = { memberships: number; run: RunAssociation[] | string | null };

export async function getHomeAssociations(actor: MemberActor): Promise<{ memberships: number; run: RunAssociation[] }> {
  // AssociationMembership(userId) index; requests by AssociationJoinRequest(associationId, status);
  // flags by the open-flags index, their threads by Thread(associationId).
  const [row] = await prisma.$queryRaw<Row[]>`
    SELECT (SELECT count(*)::int FROM "AssociationMembership" WHERE "userId" = ${actor.userId}) AS "memberships",
           (SELECT json_agg(json_build_object(
                     'slug', a."slug", 'name', a."name", 'role', m."role"::text,
                     'waitingRequests', (SELECT count(*)::int FROM "AssociationJoinRequest" r
                                          WHERE r."associationId" = a."id" AND r."status" = 'PENDING'),
                     'flaggedPosts', (SELECT count(DISTINCT f."postId")::int FROM "PostFlag" f
                                        JOIN "Post" p ON p."id" = f."postId"
                                        JOIN "Thread" t ON t."id" = p."threadId"
                                       WHERE f."resolvedAt" IS NULL AND p."deletedAt" IS NULL
                                         AND t."associationId" = a."id"))
                   ORDER BY a."name")
              FROM "AssociationMembership" m
              JOIN "Association" a ON a."id" = m."associationId"
             WHERE m."userId" = ${actor.userId} AND m."role" IN ('OWNER', 'MODERATOR')) AS "run"`;
  return { memberships: Number(row?.memberships ?? 0), run: jsonColumn(row?.run ?? []) };
}

/** The member's CHCP® recertification progress, when they keep a CHCP log (credentials/chcp.server.ts). */
export function getHomeChcp(actor: MemberActor): Promise<ChcpOverview | null> {
  return getChcpOverview(actor);
}
