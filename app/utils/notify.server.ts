/**
 * Writing in-app notifications with their immediate emails, for every
 * context that causes one (each context writes the notifications it causes;
 * the discussions' reply fan-out writes its own in one statement, through
 * the same job). A member who chose an email for each notification gets a
 * "notification-email" job per row, written with the rows (inside the
 * caller's transaction when it passes one); the job's handler
 * (app/domain/email/notification-emails.server.ts) checks everything again
 * when it runs.
 */
import { Prisma, type NotificationKind } from "~/generated/prisma/client";
import { prisma } from "./db.server";
import { enqueueJobsSql } from "./jobs.server";

/** The job that sends one notification's immediate email. */
export const NOTIFICATION_EMAIL_JOB = "notification-email";
/**
 * How long an immediate email waits before it is checked and sent (a member
 * reading along needs no email): two minutes, or NOTIFICATION_EMAIL_DELAY_SECONDS
 * (end-to-end tests shorten it).
 */
export const NOTIFICATION_EMAIL_DELAY_MS = (() => {
  const seconds = Number(process.env.NOTIFICATION_EMAIL_DELAY_SECONDS);
  return Number.isFinite(seconds) && seconds >= 0 && process.env.NOTIFICATION_EMAIL_DELAY_SECONDS?.trim() ? seconds * 1000 : 2 * 60_000;
})();
export const NOTIFICATION_EMAIL_KEY_PREFIX = "notification:";
/** A notification's email job key, and the dedupe key of the email itself: each is written once. */
export const notificationEmailKey = (notificationId: string) => `${NOTIFICATION_EMAIL_KEY_PREFIX}${notificationId}`;

/** The job that mails one new post to the members in mailing-list mode who follow where it was posted (app/domain/email/mailing-list.server.ts). */
export const MAILING_LIST_JOB = "mailing-list-post";
export const mailingListKey = (postId: string) => `mailing-list:${postId}`;

/**
 * The mailing-list job of posts a caller's statement creates (a WITH query
 * `from` with an "id" column): written with the post, in no round trip of
 * its own. Every new post gets one while any member is in mailing-list mode;
 * they get it at once, read or not.
 */
export function mailingListJobSql(from: Prisma.Sql): Prisma.Sql {
  return enqueueJobsSql({
    kind: MAILING_LIST_JOB,
    from,
    key: Prisma.sql`${"mailing-list:"} || p."id"`,
    payload: Prisma.sql`jsonb_build_object('postId', p."id")`,
    // Nobody in mailing-list mode: no job (the User index on the flag answers this).
    where: Prisma.sql`EXISTS (SELECT 1 FROM "User" u WHERE u."mailingListMode")`,
  });
}

export type NewNotification = {
  userId: string;
  kind: NotificationKind;
  actorId?: string | null;
  threadId?: string | null;
  postId?: string | null;
  statementId?: string | null;
  mentorshipId?: string | null;
  /** Display data kept with the notification (names and slugs as they were). */
  data?: Prisma.InputJsonObject;
};

type Db = Prisma.TransactionClient | typeof prisma;

/**
 * Writes the notifications, and an immediate-email job for each one whose
 * recipient chose immediate emails: two statements whatever the number of
 * rows. Returns how many were written.
 */
export async function writeNotifications(rows: NewNotification[], db: Db = prisma): Promise<number> {
  if (rows.length === 0) return 0;
  const written = await db.notification.createManyAndReturn({ data: rows, select: { id: true } });
  const ids = written.map((row) => row.id);
  await db.$executeRaw(
    enqueueJobsSql({
      kind: NOTIFICATION_EMAIL_JOB,
      from: Prisma.sql`"Notification" n JOIN "User" u ON u."id" = n."userId"`,
      key: Prisma.sql`${NOTIFICATION_EMAIL_KEY_PREFIX} || n."id"`,
      payload: Prisma.sql`jsonb_build_object('notificationId', n."id")`,
      where: Prisma.sql`n."id" = ANY (${ids}::text[]) AND u."emailFrequency" = 'IMMEDIATE'`,
      runAt: new Date(Date.now() + NOTIFICATION_EMAIL_DELAY_MS),
    }),
  );
  return written.length;
}
