/**
 * The background tick every app instance runs (server.mjs, every
 * JOB_INTERVAL_SECONDS): schedule what is due, then work through due jobs.
 * Scheduling is idempotent (job keys), so any number of instances may tick.
 */
import { reminderHandlers as chcpReminderHandlers, scheduleChcpReminders } from "~/domain/credentials/reminders.server";
import { memberImportJobHandlers, purgeExpiredImports } from "~/domain/associations/member-import.server";
import { jobHandlers as emailHandlers, scheduleDigests } from "~/domain/email/handlers.server";
import { reminderJobHandlers } from "~/domain/goals/reminders.server";
import { programJobHandlers } from "~/domain/mentoring/programs.server";
import { enqueueJob, purgeFinishedJobs, runJobsUntilIdle, type JobHandlers } from "~/utils/jobs.server";
import { now as clockNow } from "~/utils/clock.server";
import { purgeExpiredRecords } from "~/utils/maintenance.server";

export const handlers: JobHandlers = {
  ...emailHandlers,
  ...chcpReminderHandlers,
  ...reminderJobHandlers,
  ...memberImportJobHandlers,
  ...programJobHandlers,
  housekeeping: async (_job, now) => {
    await purgeExpiredRecords(now);
    await purgeExpiredImports(now);
    await purgeFinishedJobs(now);
  },
};

/** Enqueues this hour's housekeeping (once, whichever instance comes first). */
export async function scheduleHousekeeping(now: Date) {
  const hour = new Date(Math.floor(now.getTime() / 3_600_000) * 3_600_000);
  await enqueueJob({ kind: "housekeeping", key: `housekeeping:${hour.toISOString()}`, runAt: hour });
}

export async function runBackgroundTick(now = clockNow()) {
  await scheduleHousekeeping(now);
  await scheduleDigests(now);
  await scheduleChcpReminders(now);
  // A bounded number of batches per tick, so that shutting down never waits long.
  return runJobsUntilIdle({ handlers, maxBatches: 5, now });
}
