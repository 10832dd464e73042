/**
 * The member's own panels on their competency profile, in one round trip: their
 * time zone (goals and check-ins are dated in it), their CHCP® progress
 * (credentials/) and their commitments to change with their check-ins
 * (goals/). Keyed on the signed-in member only; each context writes its own
 * part of the SELECT and reads it back.
 */
import { chcpOverviewFrom, chcpOverviewJsonSql, type ChcpOverview } from "~/domain/credentials/chcp.server";
import { commitmentsFromJson, commitmentsJsonSql, type CommitmentView } from "~/domain/goals/commitments.server";
import type { MemberActor } from "~/domain/members/actor";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { isTimeZone } from "~/utils/zoned-dates";

export interface OwnPanels {
  timeZone: string;
  chcp: ChcpOverview | null;
  commitments: CommitmentView[];
}

export async function getOwnPanels(actor: Pick<MemberActor, "userId">, now: Date, commitmentsShown = 50): Promise<OwnPanels> {
  const [row] = await prisma.$queryRaw<{ timeZone: string; chcp: unknown; commitments: unknown }[]>`
    SELECT u."timeZone",
           ${chcpOverviewJsonSql(Prisma.raw("u"))} AS "chcp",
           ${commitmentsJsonSql(Prisma.sql`u."id"`, commitmentsShown)} AS "commitments"
      FROM "User" u
     WHERE u."id" = ${actor.userId}`;
  const timeZone = row && isTimeZone(row.timeZone) ? row.timeZone : "UTC";
  return {
    timeZone,
    chcp: row ? chcpOverviewFrom(row.chcp, timeZone, now) : null,
    commitments: row ? commitmentsFromJson(row.commitments, timeZone, now) : [],
  };
}
