/**
 * The email jobs the job runner (app/utils/jobs.server.ts) runs, and the
 * digest scheduler the server tick calls before running them.
 */
import { NOTIFICATION_EMAIL_JOB } from "~/domain/discussions/alerts.server";
import type { JobHandlers } from "~/utils/jobs.server";
import { runDigest, runDigestBatch } from "./digests.server";
import { runNotificationEmail } from "./notification-emails.server";
import { INBOUND_EMAIL_JOB, runInboundEmail } from "./inbound.server";
import { runMailingListPost } from "./mailing-list.server";
import { MAILING_LIST_JOB } from "~/utils/notify.server";

export { scheduleDigests } from "./digests.server";

export const jobHandlers: JobHandlers = {
  "digest-batch": runDigestBatch,
  digest: runDigest,
  [NOTIFICATION_EMAIL_JOB]: runNotificationEmail,
  [INBOUND_EMAIL_JOB]: runInboundEmail,
  [MAILING_LIST_JOB]: runMailingListPost,
};
