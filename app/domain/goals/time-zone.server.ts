/**
 * Changing the member's time zone, and what is scheduled on their calendar
 * with it (docs/decisions/0023, addendum). The dates the member was given
 * stay: a check-in due on March 3 is still due on March 3, a goal's date and
 * its reminder's day do not change. What follows the zone is the instant
 * each of those days begins: an unanswered check-in opens, and its reminder
 * and a goal's reminder go out, when the day starts where the member now is.
 *
 * Only what has not happened yet moves: a check-in already open stays open,
 * a reminder already due or sent (or being retried) is left to the runner.
 * One transaction with the change of zone itself, so the two never disagree.
 */
import { Prisma } from "~/generated/prisma/client";
import { setTimeZone } from "~/domain/members/time-zone.server";
import { prisma } from "~/utils/db.server";
import { addDays, dateToDay, startOfDayIn } from "~/utils/zoned-dates";
import { GOAL_REMINDER_DAYS_BEFORE } from "./options";
import { checkInReminderKey, goalReminderKey } from "./reminders.server";

type Tx = Prisma.TransactionClient;

/** Saves the zone and moves what is still to come; false when the account no longer exists (or the zone is unknown). */
export async function changeTimeZone(userId: string, timeZone: string, now: Date): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const saved = await setTimeZone(userId, timeZone, now, tx);
    if (!saved) return false;
    if (saved.previous !== timeZone) await followTimeZone(tx, userId, timeZone, now);
    return true;
  });
}

async function followTimeZone(tx: Tx, userId: string, timeZone: string, now: Date) {
  const [checkIns, goals] = await Promise.all([
    // The (userId, answeredAt, dueAt) index.
    tx.checkIn.findMany({ where: { userId, answeredAt: null, dueAt: { gt: now } }, select: { id: true, dueOn: true } }),
    // The (userId, status, dueOn) index.
    tx.goal.findMany({ where: { userId, status: "OPEN", dueOn: { not: null } }, select: { id: true, dueOn: true } }),
  ]);
  const moved = checkIns.map((checkIn) => ({ id: checkIn.id, dueAt: startOfDayIn(timeZone, dateToDay(checkIn.dueOn)) }));
  if (moved.length) {
    await tx.$executeRaw`
      UPDATE "CheckIn" c SET "dueAt" = v."dueAt"
        FROM (VALUES ${Prisma.join(moved.map((row) => Prisma.sql`(${row.id}, ${row.dueAt}::timestamp(3))`))}) AS v("id", "dueAt")
       WHERE c."id" = v."id"`;
  }
  const jobs = [
    ...moved.map((row) => ({ key: checkInReminderKey(userId, row.id), runAt: row.dueAt })),
    ...goals.map((goal) => {
      const dueOn = dateToDay(goal.dueOn!);
      return { key: goalReminderKey(userId, goal.id, dueOn), runAt: startOfDayIn(timeZone, addDays(dueOn, -GOAL_REMINDER_DAYS_BEFORE)) };
    }),
  ];
  if (jobs.length) {
    // Job key is unique; only reminders still waiting for their first run.
    await tx.$executeRaw`
      UPDATE "Job" j SET "runAt" = v."runAt"
        FROM (VALUES ${Prisma.join(jobs.map((job) => Prisma.sql`(${job.key}, ${job.runAt}::timestamp(3))`))}) AS v("key", "runAt")
       WHERE j."key" = v."key" AND j."status" = 'PENDING' AND j."attempts" = 0 AND j."runAt" > ${now}`;
  }
}
