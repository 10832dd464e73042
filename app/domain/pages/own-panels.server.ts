/**
 * The member's own panels on their competency profile and review pack, in one
 * round trip: their time zone (goals and check-ins are dated in it), their
 * CHCP® progress (credentials/), their development goals with the areas they
 * address (goals/, area names as the member may read them) and their
 * commitments to change with their check-ins (goals/). Keyed on the signed-in
 * member only; each context writes its own part of the SELECT and reads it back.
 */
import { chcpOverviewFrom, chcpOverviewJsonSql, type ChcpOverview } from "~/domain/credentials/chcp.server";
import { commitmentsFromJson, commitmentsJsonSql, type CommitmentView } from "~/domain/goals/commitments.server";
import { goalsFromJson, goalsJsonSql, type GoalSummary } from "~/domain/goals/goals.server";
import type { MemberActor } from "~/domain/members/actor";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { isTimeZone } from "~/utils/zoned-dates";

export interface OwnPanels {
  timeZone: string;
  chcp: ChcpOverview | null;
  goals: GoalSummary[];
  commitments: CommitmentView[];
}

/** How many goals and commitments to show (the profile shows more than the printed pack). */
export interface OwnPanelsShown {
  goals: number;
  commitments: number;
}

export async function getOwnPanels(actor: MemberActor, now: Date, shown: OwnPanelsShown = { goals: 50, commitments: 50 }): Promise<OwnPanels> {
  const [row] = await prisma.$queryRaw<{ timeZone: string; chcp: unknown; goals: unknown; commitments: unknown }[]>`
    SELECT u."timeZone",
           ${chcpOverviewJsonSql(Prisma.raw("u"))} AS "chcp",
           ${goalsJsonSql({ kind: "owner", userId: actor.userId }, actor, { take: shown.goals })} AS "goals",
           ${commitmentsJsonSql(Prisma.sql`u."id"`, shown.commitments)} AS "commitments"
      FROM "User" u
     WHERE u."id" = ${actor.userId}`;
  const timeZone = row && isTimeZone(row.timeZone) ? row.timeZone : "UTC";
  return {
    timeZone,
    chcp: row ? chcpOverviewFrom(row.chcp, timeZone, now) : null,
    goals: row ? await goalsFromJson(row.goals, timeZone, now) : [],
    commitments: row ? commitmentsFromJson(row.commitments, timeZone, now) : [],
  };
}
