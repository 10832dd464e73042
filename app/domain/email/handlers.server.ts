/**
 * The email jobs the job runner (app/utils/jobs.server.ts) runs, and the
 * digest scheduler the server tick calls before running them.
 */
import type { JobHandlers } from "~/utils/jobs.server";
import { runDigest, runDigestBatch } from "./digests.server";
import { runNotificationEmail } from "./notification-emails.server";

export { scheduleDigests } from "./digests.server";

export const jobHandlers: JobHandlers = {
  "digest-batch": runDigestBatch,
  digest: runDigest,
  "notification-email": runNotificationEmail,
};
