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
import { areaNamer } from "~/domain/goals/goals.server";
import { GOAL_STATUS_LABELS } from "~/domain/goals/options";
import type { MemberActor } from "~/domain/members/actor";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { formatLongDate } from "~/utils/dates";
import { fail, failFields, ok, type Result } from "~/utils/result";
import { formatLongDateIn } from "~/utils/zoned-dates";
import { SHAREABLE_ENDED_DAYS, SHARED_GOALS_MAX, SHARED_GOAL_NOTES_SHOWN } from "./constants";
import { canTakePart, canViewMentorship, sideOf, visibleMentorshipsWhere, type MentorshipFacts } from "./policy";

/** What the space already knows about its mentorship (from `getSpace`). */
export type SpaceFacts = Pick<MentorshipFacts, "mentorId" | "menteeId" | "status"> & { id: string; endedAt: Date | string | null };

/**
 * The shares both members of `space` see: only goals owned by one of the
 * pair, and, once it ended, only those shared before the end. Every read of
 * the table goes through it.
 */
export function sharedGoalsWhere(space: SpaceFacts): Prisma.MentorshipGoalWhereInput {
  return {
    mentorshipId: space.id,
    goal: { userId: { in: [space.mentorId, space.menteeId] } },
    ...(space.status === "ENDED" && space.endedAt ? { sharedAt: { lte: new Date(space.endedAt) } } : {}),
  };
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

/**
 * The goals shared with the space, as `actor` (one of the pair) reads them:
 * area names by the actor's rights to the framework, dates in their time
 * zone. Two round trips (the shares with their notes, then the area names).
 */
export async function listSharedGoals(actor: MemberActor, space: SpaceFacts, timeZone: string): Promise<SharedGoal[]> {
  if (!canViewMentorship(actor, space)) return [];
  const endedAt = space.status === "ENDED" && space.endedAt ? new Date(space.endedAt) : null;
  const rows = await prisma.mentorshipGoal.findMany({
    where: sharedGoalsWhere(space),
    // The primary key (mentorshipId, goalId).
    orderBy: [{ sharedAt: "asc" }, { goalId: "asc" }],
    take: SHARED_GOALS_MAX,
    select: {
      sharedAt: true,
      goal: {
        select: {
          id: true,
          userId: true,
          title: true,
          outcome: true,
          dueOn: true,
          status: true,
          endedAt: true,
          versionId: true,
          areaSlugs: true,
          _count: { select: { notes: endedAt ? { where: { createdAt: { lte: endedAt } } } : true } },
          notes: {
            where: endedAt ? { createdAt: { lte: endedAt } } : {},
            // The (goalId, createdAt) index.
            orderBy: [{ createdAt: "desc" }, { id: "desc" }],
            take: SHARED_GOAL_NOTES_SHOWN,
            select: { id: true, body: true, createdAt: true },
          },
        },
      },
    },
  });
  if (rows.length === 0) return [];
  const { name } = await areaNamer(
    rows.map((row) => row.goal),
    actor,
  );
  return rows.map(({ sharedAt, goal }) => {
    // As it stood when the mentorship ended: a goal that ended later was still open then.
    const status = endedAt && goal.endedAt && goal.endedAt > endedAt ? "OPEN" : goal.status;
    return {
      id: goal.id,
      mine: goal.userId === actor.userId,
      title: goal.title,
      outcome: goal.outcome,
      dueLabel: goal.dueOn ? formatLongDate(goal.dueOn) : null,
      statusLabel: GOAL_STATUS_LABELS[status],
      areaNames: name(goal).map((area) => area.name),
      sharedOn: formatLongDateIn(sharedAt, timeZone),
      notes: goal.notes
        .slice()
        .reverse()
        .map((note) => ({ id: note.id, on: formatLongDateIn(note.createdAt, timeZone), body: note.body })),
      olderNotes: Math.max(0, goal._count.notes - goal.notes.length),
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

/** Shares one of the actor's own goals with a mentorship they are in, while it is active. */
export async function shareGoal(actor: MemberActor, mentorshipId: string, goalId: string, now: Date): Promise<Result<{ title: string }>> {
  const mentorship = await mentorshipFor(actor, mentorshipId);
  if (!mentorship) return NOT_FOUND;
  if (!canTakePart(actor, mentorship)) return fail("conflict", "This mentorship has ended: no more goals can be shared with it.");
  const goal = await prisma.goal.findFirst({ where: { AND: [{ id: goalId }, shareableGoalWhere(actor.userId, now)] }, select: { id: true, title: true } });
  if (!goal) return failFields({ goalId: ["Choose one of your open or recently ended goals"] });
  await prisma.mentorshipGoal.createMany({ data: [{ mentorshipId, goalId, sharedAt: now }], skipDuplicates: true });
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
