/**
 * Reminder emails about a member's own goals and check-ins: one a week
 * before a goal's date, one when a check-in is due. Each is a job with a
 * unique key (so it is sent once, even with several instances), enqueued in
 * the transaction that writes what it is about, and checked again when it
 * runs: the member still wants reminders (Settings → Email), the goal is
 * still open with the same date, the check-in is still unanswered. The email
 * carries the job's key as its dedupe key.
 *
 * Keys start with `reminder:<userId>:`, so deleting an account can find them.
 */
import { z } from "zod";
import type { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { deliverEmail, siteOrigin, writeOutboxEmail } from "~/utils/email.server";
import { html, htmlDocument, wrapText } from "~/utils/email-render";
import { enqueueJob, type ClaimedJob, type JobHandlers } from "~/utils/jobs.server";
import { reminderKeyPrefix } from "~/utils/reminder-keys";
import { addDays, dateToDay, dayIn, startOfDayIn, type CalendarDay, formatLongDay } from "~/utils/zoned-dates";
import { GOAL_REMINDER_DAYS_BEFORE } from "./options";

type Tx = Prisma.TransactionClient;

export const GOAL_REMINDER_JOB = "goal-reminder";
export const CHECK_IN_REMINDER_JOB = "check-in-reminder";
export const goalReminderKey = (userId: string, goalId: string, dueOn: CalendarDay) => `${reminderKeyPrefix(userId)}goal:${goalId}:${dueOn}`;
export const checkInReminderKey = (userId: string, checkInId: string) => `${reminderKeyPrefix(userId)}check-in:${checkInId}`;

/**
 * Schedules the reminder a week before the goal's date, at the start of that
 * day in the member's time zone. A date less than a week away gets none (the
 * member just wrote it); a changed date gets a job of its own (the old one
 * finds the date changed and sends nothing).
 */
export async function scheduleGoalReminder(
  tx: Tx,
  goal: { id: string; userId: string; dueOn: CalendarDay | null },
  timeZone: string,
  now: Date,
) {
  if (!goal.dueOn) return;
  const remindOn = addDays(goal.dueOn, -GOAL_REMINDER_DAYS_BEFORE);
  if (remindOn < dayIn(timeZone, now)) return;
  await enqueueJob(
    {
      kind: GOAL_REMINDER_JOB,
      key: goalReminderKey(goal.userId, goal.id, goal.dueOn),
      payload: { goalId: goal.id, dueOn: goal.dueOn },
      runAt: startOfDayIn(timeZone, remindOn),
    },
    tx,
  );
}

/** Schedules a check-in's email for the start of its day in the member's time zone. */
export async function scheduleCheckInReminder(tx: Tx, checkIn: { id: string; userId: string; dueAt: Date }) {
  await enqueueJob(
    { kind: CHECK_IN_REMINDER_JOB, key: checkInReminderKey(checkIn.userId, checkIn.id), payload: { checkInId: checkIn.id }, runAt: checkIn.dueAt },
    tx,
  );
}

function reminderEmail(options: { subject: string; lines: string[]; action: { label: string; url: string }; quote?: string }) {
  const settingsUrl = `${siteOrigin()}/settings/email`;
  const reason = "You get this reminder because you set a goal or made a commitment on CME Commons.";
  const text = [
    ...options.lines,
    ...(options.quote ? ["", ...options.quote.split("\n").map((line) => `> ${line}`)] : []),
    "",
    `${options.action.label}: ${options.action.url}`,
    "",
    "-- ",
    reason,
    `Turn reminders off in your email settings: ${settingsUrl}`,
  ].join("\n");
  return {
    subject: options.subject,
    text: `${wrapText(text)}\n`,
    html: htmlDocument({
      title: options.subject,
      preheader: options.lines[0] ?? options.subject,
      bodyHtml: [
        html.heading(options.subject),
        ...options.lines.map((line) => html.paragraph(line)),
        options.quote ? html.quote(options.quote) : "",
        html.button(options.action.url, options.action.label),
      ].join("\n"),
      footerHtml: [html.paragraph(reason, "margin:0 0 8px;"), `<p style="margin:0;">${html.link(settingsUrl, "Turn reminders off")}</p>`].join(""),
    }),
    headers: { "Auto-Submitted": "auto-generated" },
  };
}

const goalPayload = z.object({ goalId: z.string().min(1), dueOn: z.string() });

export async function runGoalReminder(job: ClaimedJob) {
  const payload = goalPayload.safeParse(job.payload);
  if (!payload.success) return;
  const goal = await prisma.goal.findUnique({
    where: { id: payload.data.goalId },
    select: { id: true, title: true, outcome: true, dueOn: true, status: true, user: { select: { id: true, email: true, reminderEmails: true } } },
  });
  if (!goal || goal.status !== "OPEN" || !goal.dueOn || dateToDay(goal.dueOn) !== payload.data.dueOn) return;
  if (!goal.user.reminderEmails) return;
  const due = formatLongDay(goal.dueOn);
  const email = reminderEmail({
    subject: `A week to go: ${goal.title}`.slice(0, 200),
    lines: [`Your goal is due on ${due}.`, ...(goal.outcome ? [`You said you would know by this: ${goal.outcome}`] : []), "Record your progress, change the date, or close the goal with a reflection."],
    quote: goal.title,
    action: { label: "Open your goal", url: `${siteOrigin()}/me/goals/${goal.id}` },
  });
  const id = await writeOutboxEmail({ ...email, to: goal.user.email, kind: "goal-reminder", userId: goal.user.id, dedupeKey: job.key });
  if (id) await deliverEmail(id);
}

const checkInPayload = z.object({ checkInId: z.string().min(1) });

export async function runCheckInReminder(job: ClaimedJob) {
  const payload = checkInPayload.safeParse(job.payload);
  if (!payload.success) return;
  const checkIn = await prisma.checkIn.findUnique({
    where: { id: payload.data.checkInId },
    select: {
      id: true,
      afterDays: true,
      answeredAt: true,
      commitment: { select: { text: true, madeOn: true } },
      user: { select: { id: true, email: true, reminderEmails: true } },
    },
  });
  if (!checkIn || checkIn.answeredAt || !checkIn.user.reminderEmails) return;
  const email = reminderEmail({
    subject: `${checkIn.afterDays} days on: how is your commitment going?`,
    lines: [
      `On ${formatLongDay(checkIn.commitment.madeOn)} you committed to a change in your work. One question, and your answer stays yours alone.`,
    ],
    quote: checkIn.commitment.text,
    action: { label: "Answer the check-in", url: `${siteOrigin()}/me/check-ins/${checkIn.id}` },
  });
  const id = await writeOutboxEmail({ ...email, to: checkIn.user.email, kind: "check-in-reminder", userId: checkIn.user.id, dedupeKey: job.key });
  if (id) await deliverEmail(id);
}

export const reminderJobHandlers: JobHandlers = {
  [GOAL_REMINDER_JOB]: runGoalReminder,
  [CHECK_IN_REMINDER_JOB]: runCheckInReminder,
};

