/**
 * Reminder emails before a CHCP® credential expires: by default 6 and 3 months
 * before (`remindMonthsBefore` in the rule set), at 09:00 in the member's
 * time zone, for members whose reminder switch is on (User.reminderEmails).
 *
 * - The tick enqueues one "chcp-reminder-batch" job per hour (its key makes it
 *   one whatever the number of instances).
 * - The batch finds the credentials whose reminder time has come in the last
 *   week (a server that was down catches up; a record saved after its
 *   reminder time is not reminded late) and enqueues one "chcp-reminder" job
 *   for each, keyed by member, expiry date and months: each reminder is sent
 *   once per expiry date, even if the batch runs again or on several instances.
 * - The reminder job checks again (the expiry or the switch may have changed),
 *   and writes its email under the job's key, so a retry never sends it twice.
 */
import { z } from "zod";
import { prisma } from "~/utils/db.server";
import { deliverEmail, siteOrigin, smtpConfigured, writeOutboxEmail } from "~/utils/email.server";
import { escapeHtml, html, htmlDocument, wrapText, COLORS } from "~/utils/email-render";
import { enqueueJob, type ClaimedJob } from "~/utils/jobs.server";
import { addDays, addMonths, fromIsoDate, toIsoDate, zonedInstant } from "./calendar";
import { getChcpOverview, REMINDER_HOUR } from "./chcp.server";
import { chcpRules } from "./rules.server";
import { formatLongDay } from "~/utils/zoned-dates";

export const REMINDER_BATCH_JOB = "chcp-reminder-batch";
export const REMINDER_JOB = "chcp-reminder";
export const REMINDER_EMAIL_KIND = "chcp-reminder";
/** A reminder whose time passed longer ago than this is not sent any more. */
const CATCH_UP_DAYS = 7;

export const reminderKey = (userId: string, expiresOn: string, monthsBefore: number) =>
  `${REMINDER_JOB}:${userId}:${expiresOn}:${monthsBefore}`;

/** Enqueues this hour's reminder batch (once, whichever instance comes first). */
export async function scheduleChcpReminders(now: Date) {
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  await enqueueJob({ kind: REMINDER_BATCH_JOB, key: `${REMINDER_BATCH_JOB}:${hour.toISOString()}`, runAt: hour });
}

/** The reminders due at `now`: [credential, months before] pairs whose time came in the last week. */
export async function dueReminders(now: Date) {
  const today = toIsoDate(now);
  const rules = chcpRules(today);
  const due: { userId: string; expiresOn: string; monthsBefore: number }[] = [];
  for (const monthsBefore of rules.remindMonthsBefore) {
    // A wide window of expiry dates (time zones, short months), then the exact check below.
    // ChcpCredential(expiresOn) index.
    const rows = await prisma.chcpCredential.findMany({
      where: {
        expiresOn: {
          gte: fromIsoDate(addMonths(addDays(today, -(CATCH_UP_DAYS + 2)), monthsBefore)),
          lte: fromIsoDate(addDays(addMonths(addDays(today, 2), monthsBefore), 4)),
        },
        user: { reminderEmails: true, emailConfirmedAt: { not: null } },
      },
      select: { userId: true, expiresOn: true, updatedAt: true, user: { select: { timeZone: true } } },
    });
    for (const row of rows) {
      const expiresOn = toIsoDate(row.expiresOn);
      const at = zonedInstant(addMonths(expiresOn, -monthsBefore), REMINDER_HOUR, row.user.timeZone);
      const recent = now.getTime() - at.getTime() < CATCH_UP_DAYS * 86_400_000;
      if (at <= now && recent && at > row.updatedAt) due.push({ userId: row.userId, expiresOn, monthsBefore });
    }
  }
  return due;
}

/** The hourly batch: one reminder job per reminder due, in one statement. */
export async function runChcpReminderBatch(_job: ClaimedJob, now: Date): Promise<void> {
  const due = await dueReminders(now);
  if (due.length === 0) return;
  await prisma.job.createMany({
    data: due.map((reminder) => ({ kind: REMINDER_JOB, key: reminderKey(reminder.userId, reminder.expiresOn, reminder.monthsBefore), payload: reminder, runAt: now })),
    skipDuplicates: true,
  });
}

const reminderPayload = z.object({ userId: z.string().min(1), expiresOn: z.string(), monthsBefore: z.number().int().positive() });

/** One reminder email, written at most once (its dedupe key is the job's key). */
export async function runChcpReminder(job: ClaimedJob, now: Date): Promise<void> {
  const { userId, expiresOn, monthsBefore } = reminderPayload.parse(job.payload);
  const earlier = await prisma.outboxEmail.findUnique({ where: { dedupeKey: job.key }, select: { id: true, sentAt: true } });
  if (earlier) {
    if (!earlier.sentAt && smtpConfigured()) await deliverEmail(earlier.id);
    return;
  }
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { email: true, reminderEmails: true, profile: { select: { displayName: true } }, chcpCredential: { select: { expiresOn: true } } },
  });
  // Deleted account, switch turned off, or the dates changed since: nothing to send.
  if (!user?.reminderEmails || !user.chcpCredential || toIsoDate(user.chcpCredential.expiresOn) !== expiresOn) return;
  const overview = await getChcpOverview({ userId }, now);
  if (!overview) return;
  const email = renderReminder({ displayName: user.profile?.displayName ?? null, expiresOn, monthsBefore, overview });
  const id = await writeOutboxEmail({ to: user.email, ...email, kind: REMINDER_EMAIL_KIND, userId, dedupeKey: job.key });
  if (id) await deliverEmail(id);
}

export function renderReminder({
  displayName,
  expiresOn,
  monthsBefore,
  overview,
}: {
  displayName: string | null;
  expiresOn: string;
  monthsBefore: number;
  overview: NonNullable<Awaited<ReturnType<typeof getChcpOverview>>>;
}) {
  const site = siteOrigin();
  const logUrl = `${site}/me/chcp`;
  const settingsUrl = `${site}/settings/email`;
  const expiry = formatLongDay(expiresOn);
  const subject = `Your CHCP® expires on ${expiry}: ${monthsBefore} months to go`;
  const greeting = displayName ? `Hello ${displayName},` : "Hello,";
  const intro = `Your CHCP® credential expires on ${expiry}, in about ${monthsBefore} months. Here is where your CME Commons log stands for the current cycle.`;
  const lines = overview.progress.map((section) => `${section.title}: ${section.complete ? "complete in your log" : section.status}`);
  const authority = `The Alliance for Continuing Education in the Health Professions decides what counts: check its current requirements at ${overview.sourceUrl}. CME Commons is not affiliated with the Alliance.`;
  const reason = "You get this email because you keep a CHCP log on CME Commons and reminders are on.";
  const text = wrapText(
    [greeting, "", intro, "", ...lines.map((line) => `* ${line}`), "", `Open your log: ${logUrl}`, "", authority, "", "-- ", reason, `Turn reminders off: ${settingsUrl}`].join("\n"),
  );
  const bodyHtml = [
    html.heading("Your CHCP® recertification"),
    html.paragraph(greeting, "margin:0 0 4px;"),
    html.paragraph(intro),
    `<ul style="margin:0 0 16px;padding-left:20px;">${overview.progress
      .map((section) => `<li style="margin:0 0 6px;">${escapeHtml(section.complete ? `${section.title}: complete in your log` : `${section.title}: ${section.status}`)}</li>`)
      .join("")}</ul>`,
    html.paragraphHtml(html.link(logUrl, "Open your CHCP log")),
    html.paragraph(authority, `color:${COLORS.muted};font-size:14px;`),
  ].join("");
  const footerHtml = [
    html.paragraph(reason, "margin:0 0 8px;"),
    `<p style="margin:0;">${html.link(settingsUrl, "Turn reminders off", `color:${COLORS.muted};`)}</p>`,
  ].join("");
  return {
    subject,
    text: `${text}\n`,
    html: htmlDocument({ title: subject, preheader: lines.join(" · "), bodyHtml, footerHtml }),
    headers: { "Auto-Submitted": "auto-generated" },
  };
}

export const reminderHandlers = {
  [REMINDER_BATCH_JOB]: runChcpReminderBatch,
  [REMINDER_JOB]: runChcpReminder,
};

