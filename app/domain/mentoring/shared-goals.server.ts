/**
 * Goals shared with a mentorship. A member may share any of their own open
 * goals, or one that ended in the last SHAREABLE_ENDED_DAYS days, with a
 * mentorship they are in, and take it back at any time; both members then
 * read it in the space: what, the measure, the date, the status and its
 * progress notes. A goal shows only when its owner shared it ("if both
 * choose": each member decides for their own goals).
 *
 * Nothing else reads this table: goals keep their one where-builder
 * (`visibleGoalsWhere`), so a shared goal reaches no reviewer page, share
 * link, profile or export of the other member.
 *
 * Once the mentorship has ended no goal can be shared with it, and the space
 * shows what was shared as it stood at the end: progress notes written after
 * the end are left out, and a goal that ended after the mentorship shows as
 * still open then (docs/decisions/0025-mentoring.md).
 */
import { frameworkTextVisibleSql } from "~/domain/competencies/rights.server";
import { GOAL_STATUS_LABELS, type GoalStatusName } from "~/domain/goals/options";
import type { MemberActor } from "~/domain/members/actor";
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { writeNotifications } from "~/utils/notify.server";
import { fail, failFields, ok, type Result } from "~/utils/result";
import { formatLongDateIn, formatLongDay } from "~/utils/zoned-dates";
import { GOAL_SHARE_RENOTIFY_HOURS, SHAREABLE_ENDED_DAYS, SHARED_GOALS_MAX, SHARED_GOAL_NOTES_SHOWN } from "./constants";
import { canTakePart, canViewMentorship, sideOf, visibleMentorshipsWhere, type MentorshipFacts } from "./policy";

/** What the space already knows about its mentorship (from `getSpace`). */
export type SpaceFacts = Pick<MentorshipFacts, "mentorId" | "menteeId" | "status"> & { id: string; endedAt: Date | string | null };

/** The end of an ended mentorship: what is shared shows as it stood then. */
const endOf = (space: SpaceFacts) => (space.status === "ENDED" && space.endedAt ? new Date(space.endedAt) : null);

/**
 * The shares both members of `space` see, as a SQL condition on `mg`
 * (MentorshipGoal) and `g` (Goal): only goals owned by one of the pair, and,
 * once it ended, only those shared before the end. The one filter every
 * read of a space's shared goals goes through.
 */
function sharedGoalsSql(space: SpaceFacts): Prisma.Sql {
  const ended = endOf(space);
  return Prisma.sql`mg."mentorshipId" = ${space.id}
    AND g."userId" IN (${space.mentorId}, ${space.menteeId})
    ${ended ? Prisma.sql`AND mg."sharedAt" <= ${ended}` : Prisma.empty}`;
}

/** An open goal, or one ended since this instant. */
const shareableGoalWhere = (userId: string, now: Date): Prisma.GoalWhereInput => ({
  userId,
  OR: [{ status: "OPEN" }, { endedAt: { gte: new Date(now.getTime() - SHAREABLE_ENDED_DAYS * 86_400_000) } }],
});

export interface SharedGoal {
  id: string;
  mine: boolean;
  title: string;
  outcome: string;
  dueLabel: string | null;
  statusLabel: string;
  areaNames: string[];
  sharedOn: string;
  /** The newest notes (at most SHARED_GOAL_NOTES_SHOWN), oldest first. */
  notes: { id: string; on: string; body: string }[];
  /** Notes left out (older than those shown). */
  olderNotes: number;
}

type SharedRow = {
  id: string;
  userId: string;
  title: string;
  outcome: string;
  dueOn: string | null;
  status: GoalStatusName;
  endedAtMs: number | null;
  sharedAtMs: number;
  areaNames: string[] | null;
  notes: { id: string; body: string; atMs: number }[] | null;
  noteCount: number;
};

/**
 * The goals shared with the space, as `actor` (one of the pair) reads them:
 * area names by the actor's rights to the framework (a licensed version the
 * actor may not read names its areas by number, and no slug leaves the
 * database), dates in their time zone. One round trip: the space page's
 * budget has room for one (Prisma would take five: shares, goals, notes,
 * rights, areas).
 */
export async function listSharedGoals(actor: MemberActor, space: SpaceFacts, timeZone: string): Promise<SharedGoal[]> {
  if (!canViewMentorship(actor, space)) return [];
  const ended = endOf(space);
  const noteCutoff = ended ? Prisma.sql`AND n."createdAt" <= ${ended}` : Prisma.empty;
  const rows = await prisma.$queryRaw<SharedRow[]>`
    SELECT g."id", g."userId", g."title", g."outcome", g."dueOn"::text AS "dueOn", g."status"::text AS "status",
           (extract(epoch FROM g."endedAt") * 1000)::float8 AS "endedAtMs",
           (extract(epoch FROM mg."sharedAt") * 1000)::float8 AS "sharedAtMs",
           (SELECT array_agg(CASE WHEN ${frameworkTextVisibleSql(actor, Prisma.sql`ar."versionId"`)} THEN ar."name" ELSE 'Area ' || ar."position" END
                             ORDER BY ar."position")
              FROM "CompetencyArea" ar
             WHERE ar."versionId" = g."versionId" AND ar."slug" = ANY(g."areaSlugs")) AS "areaNames",
           (SELECT json_agg(json_build_object('id', latest."id", 'body', latest."body", 'atMs', latest."atMs") ORDER BY latest."atMs", latest."id")
              FROM (SELECT n."id", n."body", (extract(epoch FROM n."createdAt") * 1000)::float8 AS "atMs"
                      FROM "GoalNote" n
                     WHERE n."goalId" = g."id" ${noteCutoff}
                     ORDER BY n."createdAt" DESC, n."id" DESC
                     LIMIT ${SHARED_GOAL_NOTES_SHOWN}) latest) AS "notes",
           (SELECT count(*)::int FROM "GoalNote" n WHERE n."goalId" = g."id" ${noteCutoff}) AS "noteCount"
      FROM "MentorshipGoal" mg
      JOIN "Goal" g ON g."id" = mg."goalId"
     WHERE ${sharedGoalsSql(space)}
     ORDER BY mg."sharedAt", mg."goalId"
     LIMIT ${SHARED_GOALS_MAX}`;
  return rows.map((row) => {
    // As it stood when the mentorship ended: a goal that ended later was still open then.
    const status = ended && row.endedAtMs !== null && row.endedAtMs > ended.getTime() ? "OPEN" : row.status;
    const notes = row.notes ?? [];
    return {
      id: row.id,
      mine: row.userId === actor.userId,
      title: row.title,
      outcome: row.outcome,
      dueLabel: row.dueOn ? formatLongDay(row.dueOn) : null,
      statusLabel: GOAL_STATUS_LABELS[status],
      areaNames: row.areaNames ?? [],
      sharedOn: formatLongDateIn(new Date(row.sharedAtMs), timeZone),
      notes: notes.map((note) => ({ id: note.id, on: formatLongDateIn(new Date(note.atMs), timeZone), body: note.body })),
      olderNotes: Math.max(0, row.noteCount - notes.length),
    };
  });
}

/** The actor's own goals they could still share with the space (not yet shared), for its form. */
export async function shareableGoals(actor: MemberActor, space: SpaceFacts, now: Date): Promise<{ id: string; title: string }[]> {
  if (!canTakePart(actor, space)) return [];
  return prisma.goal.findMany({
    where: { AND: [shareableGoalWhere(actor.userId, now), { mentorshipShares: { none: { mentorshipId: space.id } } }] },
    // The (userId, status, dueOn) index.
    orderBy: [{ status: "asc" }, { dueOn: { sort: "asc", nulls: "last" } }, { createdAt: "desc" }],
    take: 100,
    select: { id: true, title: true },
  });
}

const NOT_FOUND = fail("not-found", "That mentorship does not exist.");

async function mentorshipFor(actor: MemberActor, id: string) {
  const row = await prisma.mentorship.findFirst({
    where: { id, ...visibleMentorshipsWhere(actor), status: { in: ["ACTIVE", "ENDED"] } },
    select: { id: true, mentorId: true, menteeId: true, status: true },
  });
  return row && canViewMentorship(actor, row) ? row : null;
}

/**
 * Shares one of the actor's own goals with a mentorship they are in, while it
 * is active; the other member is told (once, when the same goal is taken back
 * and shared again within GOAL_SHARE_RENOTIFY_HOURS). Taking it back tells nobody.
 */
export async function shareGoal(actor: MemberActor, mentorshipId: string, goalId: string, now: Date): Promise<Result<{ title: string }>> {
  const mentorship = await mentorshipFor(actor, mentorshipId);
  if (!mentorship) return NOT_FOUND;
  if (!canTakePart(actor, mentorship)) return fail("conflict", "This mentorship has ended: no more goals can be shared with it.");
  const goal = await prisma.goal.findFirst({ where: { AND: [{ id: goalId }, shareableGoalWhere(actor.userId, now)] }, select: { id: true, title: true } });
  if (!goal) return failFields({ goalId: ["Choose one of your open or recently ended goals"] });
  const other = mentorship.mentorId === actor.userId ? mentorship.menteeId : mentorship.mentorId;
  await prisma.$transaction(async (tx) => {
    const { count } = await tx.mentorshipGoal.createMany({ data: [{ mentorshipId, goalId, sharedAt: now }], skipDuplicates: true });
    // Shared already (a second click): nothing new to tell.
    if (count === 0) return;
    // Taken back and shared again lately: told once already. By the Notification (userId, createdAt) index.
    const toldLately = await tx.notification.count({
      where: {
        userId: other,
        kind: "MENTORING_GOAL_SHARED",
        mentorshipId,
        createdAt: { gte: new Date(now.getTime() - GOAL_SHARE_RENOTIFY_HOURS * 3_600_000) },
        data: { path: ["goalId"], equals: goalId },
      },
    });
    if (toldLately > 0) return;
    // Like a message in the space: a notification, and an immediate email for those who chose one. No title: it may be taken back.
    await writeNotifications([{ userId: other, kind: "MENTORING_GOAL_SHARED", actorId: actor.userId, mentorshipId, data: { goalId } }], tx);
  });
  return ok({ title: goal.title });
}

/** Takes one of the actor's goals back from a mentorship (active or ended). */
export async function unshareGoal(actor: MemberActor, mentorshipId: string, goalId: string): Promise<Result> {
  const mentorship = await mentorshipFor(actor, mentorshipId);
  if (!mentorship) return NOT_FOUND;
  await prisma.mentorshipGoal.deleteMany({ where: { mentorshipId, goalId, goal: { userId: actor.userId } } });
  return ok(null);
}

/** The mentorships one of the actor's goals is shared with (its page says so), with the other member's name. */
export async function goalSharedWith(actor: MemberActor, goalId: string) {
  const rows = await prisma.mentorshipGoal.findMany({
    // The goalId index.
    where: { goalId, goal: { userId: actor.userId }, mentorship: visibleMentorshipsWhere(actor) },
    orderBy: { sharedAt: "asc" },
    take: 20,
    select: {
      mentorship: {
        select: {
          id: true,
          mentorId: true,
          menteeId: true,
          status: true,
          endedAt: true,
          mentor: { select: { profile: { select: { displayName: true } } } },
          mentee: { select: { profile: { select: { displayName: true } } } },
        },
      },
      sharedAt: true,
    },
  });
  return rows.flatMap(({ mentorship, sharedAt }) => {
    // Shared after an ended mentorship's end it would not show there (it cannot happen: sharing needs an active one).
    if (mentorship.status === "ENDED" && mentorship.endedAt && sharedAt > mentorship.endedAt) return [];
    const side = sideOf(actor, mentorship);
    if (!side) return [];
    const other = side === "mentor" ? mentorship.mentee : mentorship.mentor;
    return [{ mentorshipId: mentorship.id, otherName: other.profile?.displayName ?? "Former member", ended: mentorship.status === "ENDED" }];
  });
}
