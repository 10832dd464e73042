/**
 * Commitments to change and their check-ins. A member writes a commitment
 * (what they will do differently in their work) on completing a pathway step
 * or achieving a goal; 30 and 90 days later, counted on their own calendar,
 * they are asked how it went: by email (when they want reminders) and on
 * home. The answers are theirs alone: nothing here is shown to anyone else,
 * and association insight counts only the 90-day outcomes of members who
 * opted in, in groups of at least five (insight.server.ts).
 */
import type { MemberActor } from "~/domain/members/actor";
import { Prisma } from "~/generated/prisma/client";
import type { CheckInAnswer } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { fail, ok, type Result } from "~/utils/result";
import { addDays, dayIn, dayToDate, startOfDayIn, formatLongDateIn, formatLongDay } from "~/utils/zoned-dates";
import { CHECK_IN_DAYS, type CheckInAnswerName } from "./options";
import { scheduleCheckInReminder } from "./reminders.server";

type Tx = Prisma.TransactionClient;

/**
 * Writes a commitment and its check-ins (30 and 90 days after the day it was
 * made in the member's time zone, each due when that day starts there), and
 * their reminder jobs, in the caller's transaction.
 */
export async function writeCommitment(
  tx: Tx,
  input: { userId: string; text: string; goalId?: string; stepId?: string; pathwayId?: string },
  timeZone: string,
  now: Date,
): Promise<{ id: string }> {
  const madeOn = dayIn(timeZone, now);
  const commitment = await tx.commitment.create({
    data: {
      userId: input.userId,
      text: input.text,
      goalId: input.goalId ?? null,
      stepId: input.stepId ?? null,
      pathwayId: input.pathwayId ?? null,
      madeOn: dayToDate(madeOn),
      createdAt: now,
    },
    select: { id: true },
  });
  for (const afterDays of CHECK_IN_DAYS) {
    const dueOn = addDays(madeOn, afterDays);
    const dueAt = startOfDayIn(timeZone, dueOn);
    const checkIn = await tx.checkIn.create({
      data: { commitmentId: commitment.id, userId: input.userId, afterDays, dueOn: dayToDate(dueOn), dueAt, createdAt: now },
      select: { id: true },
    });
    await scheduleCheckInReminder(tx, { id: checkIn.id, userId: input.userId, dueAt });
  }
  return commitment;
}

export interface CheckInView {
  id: string;
  afterDays: number;
  dueOn: string;
  due: boolean;
  answer: CheckInAnswerName | null;
  obstacle: string;
  answeredOn: string | null;
}

export interface CommitmentView {
  id: string;
  text: string;
  madeOn: string;
  /** Where it came from: a goal or a pathway step, with its page. */
  source: { label: string; href: string } | null;
  checkIns: CheckInView[];
}

/** Check-ins shown as dates in the member's time zone. */
function checkInView(
  checkIn: { id: string; afterDays: number; dueOn: Date; dueAt: Date; answer: CheckInAnswer | null; obstacle: string; answeredAt: Date | null },
  timeZone: string,
  now: Date,
): CheckInView {
  return {
    id: checkIn.id,
    afterDays: checkIn.afterDays,
    dueOn: formatLongDay(checkIn.dueOn),
    due: checkIn.dueAt <= now,
    answer: checkIn.answer,
    obstacle: checkIn.obstacle,
    answeredOn: checkIn.answeredAt ? formatLongDateIn(checkIn.answeredAt, timeZone) : null,
  };
}

const COMMITMENT_SELECT = {
  id: true,
  text: true,
  madeOn: true,
  goal: { select: { id: true, title: true } },
  step: { select: { key: true, title: true, pathway: { select: { slug: true, title: true } } } },
  checkIns: {
    orderBy: { afterDays: "asc" },
    select: { id: true, afterDays: true, dueOn: true, dueAt: true, answer: true, obstacle: true, answeredAt: true },
  },
} satisfies Prisma.CommitmentSelect;

type CommitmentRow = Prisma.CommitmentGetPayload<{ select: typeof COMMITMENT_SELECT }>;

function commitmentView(row: CommitmentRow, timeZone: string, now: Date): CommitmentView {
  return {
    id: row.id,
    text: row.text,
    madeOn: formatLongDay(row.madeOn),
    source: row.goal
      ? { label: `Goal: ${row.goal.title}`, href: `/me/goals/${row.goal.id}` }
      : row.step
        ? { label: `${row.step.pathway.title}: ${row.step.title}`, href: `/pathways/${row.step.pathway.slug}/steps/${row.step.key}` }
        : null,
    checkIns: row.checkIns.map((checkIn) => checkInView(checkIn, timeZone, now)),
  };
}

/**
 * The member's commitments, newest first, with where each came from and its
 * check-ins, as one JSON value: an expression for a SELECT list, so a page
 * can read them in the same round trip as its other panels (pages/). The
 * (userId, createdAt) index orders them. Read back with `commitmentsFromJson`.
 */
export function commitmentsJsonSql(userId: Prisma.Sql | string, take: number): Prisma.Sql {
  return Prisma.sql`COALESCE((
    SELECT json_agg(x ORDER BY x."createdAt" DESC, x."id" DESC) FROM (
      SELECT c."id", c."text", to_char(c."madeOn", 'YYYY-MM-DD') AS "madeOn", c."createdAt",
             g."id" AS "goalId", g."title" AS "goalTitle",
             s."key" AS "stepKey", s."title" AS "stepTitle", p."slug" AS "pathwaySlug", p."title" AS "pathwayTitle",
             COALESCE((
               SELECT json_agg(json_build_object(
                        'id', ci."id", 'afterDays', ci."afterDays", 'dueOn', to_char(ci."dueOn", 'YYYY-MM-DD'),
                        'dueAt', ci."dueAt", 'answer', ci."answer", 'obstacle', ci."obstacle", 'answeredAt', ci."answeredAt")
                      ORDER BY ci."afterDays")
                 FROM "CheckIn" ci WHERE ci."commitmentId" = c."id"), '[]'::json) AS "checkIns"
        FROM "Commitment" c
        LEFT JOIN "Goal" g ON g."id" = c."goalId"
        LEFT JOIN "PathwayStep" s ON s."id" = c."stepId"
        LEFT JOIN "Pathway" p ON p."id" = s."pathwayId"
       WHERE c."userId" = ${userId}
       ORDER BY c."createdAt" DESC, c."id" DESC
       LIMIT ${take}) x), '[]'::json)`;
}

type CommitmentJson = {
  id: string;
  text: string;
  madeOn: string;
  goalId: string | null;
  goalTitle: string | null;
  stepKey: string | null;
  stepTitle: string | null;
  pathwaySlug: string | null;
  pathwayTitle: string | null;
  checkIns: { id: string; afterDays: number; dueOn: string; dueAt: string; answer: CheckInAnswer | null; obstacle: string; answeredAt: string | null }[];
};

/** A calendar day ("2026-12-07") or a timestamp column as JSON writes it (UTC, without a zone), as a Date. */
const dayFromJson = (day: string) => new Date(`${day}T00:00:00Z`);
export const instantFromJson = (value: string) => new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value}Z`);

/** The views of what `commitmentsJsonSql` read, dated in the member's time zone. */
export function commitmentsFromJson(value: unknown, timeZone: string, now: Date): CommitmentView[] {
  const rows = (typeof value === "string" ? JSON.parse(value) : value) as CommitmentJson[];
  return rows.map((row) =>
    commitmentView(
      {
        id: row.id,
        text: row.text,
        madeOn: dayFromJson(row.madeOn),
        goal: row.goalId ? { id: row.goalId, title: row.goalTitle ?? "" } : null,
        step:
          row.stepKey && row.pathwaySlug
            ? { key: row.stepKey, title: row.stepTitle ?? "", pathway: { slug: row.pathwaySlug, title: row.pathwayTitle ?? "" } }
            : null,
        checkIns: row.checkIns.map((checkIn) => ({
          ...checkIn,
          dueOn: dayFromJson(checkIn.dueOn),
          dueAt: instantFromJson(checkIn.dueAt),
          answeredAt: checkIn.answeredAt ? instantFromJson(checkIn.answeredAt) : null,
        })),
      },
      timeZone,
      now,
    ),
  );
}

/** The member's commitments made on one pathway step (the step page). */
export async function listStepCommitments(userId: string, stepId: string, timeZone: string, now: Date): Promise<CommitmentView[]> {
  const rows = await prisma.commitment.findMany({
    where: { userId, stepId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 20,
    select: COMMITMENT_SELECT,
  });
  return rows.map((row) => commitmentView(row, timeZone, now));
}

/** Check-ins due now and not answered, oldest first (home). */
export async function listDueCheckIns(userId: string, now: Date) {
  const rows = await prisma.checkIn.findMany({
    // Uses the (userId, answeredAt, dueAt) index.
    where: { userId, answeredAt: null, dueAt: { lte: now } },
    orderBy: [{ dueAt: "asc" }, { id: "asc" }],
    take: 10,
    select: { id: true, afterDays: true, commitment: { select: { text: true, madeOn: true } } },
  });
  return rows.map((row) => ({ id: row.id, afterDays: row.afterDays, text: row.commitment.text, madeOn: formatLongDay(row.commitment.madeOn) }));
}

/** Writes a commitment on a pathway step the member completed. */
export async function commitOnStep(actor: MemberActor, stepId: string, text: string, timeZone: string, now: Date): Promise<Result<{ id: string }>> {
  const completion = await prisma.stepCompletion.findUnique({
    where: { userId_stepId: { userId: actor.userId, stepId } },
    select: { step: { select: { id: true, pathwayId: true } } },
  });
  if (!completion) return fail("conflict", "Complete the step first: a commitment follows what you learnt in it.");
  const commitment = await prisma.$transaction((tx) =>
    writeCommitment(tx, { userId: actor.userId, text, stepId, pathwayId: completion.step.pathwayId }, timeZone, now),
  );
  return ok(commitment);
}

export interface CheckInPage {
  id: string;
  afterDays: number;
  commitment: { text: string; madeOn: string; source: CommitmentView["source"] };
  dueOn: string;
  due: boolean;
  answer: CheckInAnswerName | null;
  obstacle: string;
  answeredOn: string | null;
}

/** One of the member's own check-ins (anyone else's is not found). */
export async function getCheckIn(actor: MemberActor, id: string, timeZone: string, now: Date): Promise<CheckInPage | null> {
  const row = await prisma.commitment.findFirst({
    where: { userId: actor.userId, checkIns: { some: { id } } },
    select: { ...COMMITMENT_SELECT, checkIns: { where: { id }, select: COMMITMENT_SELECT.checkIns.select } },
  });
  const checkIn = row?.checkIns[0];
  if (!row || !checkIn) return null;
  const view = commitmentView(row, timeZone, now);
  const own = view.checkIns[0]!;
  return {
    id,
    afterDays: checkIn.afterDays,
    commitment: { text: row.text, madeOn: view.madeOn, source: view.source },
    dueOn: own.dueOn,
    due: own.due,
    answer: own.answer,
    obstacle: own.obstacle,
    answeredOn: own.answeredOn,
  };
}

/**
 * Records the member's answer (changing it later is allowed: the latest
 * counts). Before its day the question is not open yet.
 */
export async function answerCheckIn(
  actor: MemberActor,
  id: string,
  input: { answer: CheckInAnswerName; obstacle?: string },
  now: Date,
): Promise<Result> {
  const { count } = await prisma.checkIn.updateMany({
    where: { id, userId: actor.userId, dueAt: { lte: now } },
    data: { answer: input.answer, obstacle: input.obstacle ?? "", answeredAt: now },
  });
  if (count === 1) return ok(null);
  const exists = await prisma.checkIn.findFirst({ where: { id, userId: actor.userId }, select: { dueOn: true } });
  if (!exists) return fail("not-found", "There is no such check-in among yours.");
  return fail("conflict", `This check-in opens on ${formatLongDay(exists.dueOn)}. Come back then.`);
}


/** The member's commitments made on achieving one goal (the goal's page). */
export async function listGoalCommitments(userId: string, goalId: string, timeZone: string, now: Date): Promise<CommitmentView[]> {
  const rows = await prisma.commitment.findMany({
    where: { userId, goalId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 20,
    select: COMMITMENT_SELECT,
  });
  return rows.map((row) => commitmentView(row, timeZone, now));
}

/** The member's commitments and check-in answers for the JSON download, oldest first. */
export async function exportCommitments(userId: string) {
  const rows = await prisma.commitment.findMany({
    where: { userId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: 1000,
    select: {
      id: true,
      text: true,
      madeOn: true,
      goalId: true,
      step: { select: { title: true, pathway: { select: { title: true } } } },
      checkIns: { orderBy: { afterDays: "asc" }, select: { afterDays: true, dueOn: true, answer: true, obstacle: true, answeredAt: true } },
    },
  });
  return rows.map((row) => ({
    commitmentId: row.id,
    text: row.text,
    madeOn: row.madeOn.toISOString().slice(0, 10),
    goalId: row.goalId,
    pathwayStep: row.step ? `${row.step.pathway.title}: ${row.step.title}` : null,
    checkIns: row.checkIns.map((checkIn) => ({
      afterDays: checkIn.afterDays,
      dueOn: checkIn.dueOn.toISOString().slice(0, 10),
      answer: checkIn.answer,
      whatGotInTheWay: checkIn.obstacle,
      answeredAt: checkIn.answeredAt?.toISOString() ?? null,
    })),
  }));
}
