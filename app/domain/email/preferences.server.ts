/**
 * A member's email preference: no community email, an email for each mention
 * and reply, or a daily or weekly digest.
 */
import type { EmailFrequency } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";

export async function getEmailFrequency(userId: string): Promise<EmailFrequency | null> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { emailFrequency: true } });
  return user?.emailFrequency ?? null;
}

/**
 * Saves the member's choice, in one statement. Switching to a digest from no
 * email or immediate emails starts the digest now (the first one does not
 * replay history). Switching between daily and weekly keeps the cursor, so
 * nothing posted since the last digest is skipped; switching away leaves it.
 * False when the account no longer exists.
 */
export async function setEmailFrequency(userId: string, frequency: EmailFrequency, now = new Date()): Promise<boolean> {
  const changed = await prisma.$executeRaw`
    UPDATE "User" SET
      "digestCursor" = CASE
        WHEN ${frequency}::"EmailFrequency" IN ('DAILY', 'WEEKLY') AND "emailFrequency" NOT IN ('DAILY', 'WEEKLY') THEN ${now}
        ELSE "digestCursor" END,
      "emailFrequency" = ${frequency}::"EmailFrequency",
      -- "No community emails" (here or by unsubscribing) means none: mailing-list mode stops too.
      "mailingListMode" = CASE WHEN ${frequency}::"EmailFrequency" = 'NONE' THEN false ELSE "mailingListMode" END,
      "updatedAt" = ${now}
    WHERE "id" = ${userId}`;
  return changed === 1;
}

/** Whether the member wants reminders about their own goals and check-ins (apart from community email). */
export async function getReminderEmails(userId: string): Promise<boolean | null> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { reminderEmails: true } });
  return user?.reminderEmails ?? null;
}

/** Saves the reminders switch; false when the account no longer exists. */
export async function setReminderEmails(userId: string, on: boolean): Promise<boolean> {
  const { count } = await prisma.user.updateMany({ where: { id: userId }, data: { reminderEmails: on } });
  return count === 1;
}

/** The member's email settings (one query): how often, mailing-list mode, reminders, and whether owners see the address. */
export async function getEmailSettings(userId: string) {
  return prisma.user.findUnique({
    where: { id: userId },
    select: { emailFrequency: true, mailingListMode: true, reminderEmails: true, emailVisibleToOwners: true },
  });
}

/** Turns mailing-list mode on or off; false when the account no longer exists. */
export async function setMailingListMode(userId: string, on: boolean, now = new Date()): Promise<boolean> {
  const changed = await prisma.user.updateMany({ where: { id: userId }, data: { mailingListMode: on, updatedAt: now } });
  return changed.count === 1;
}

/** Whether the owners of the member's associations may see their email address (off unless the member allows it). */
export async function getEmailVisibleToOwners(userId: string): Promise<boolean | null> {
  const user = await prisma.user.findUnique({ where: { id: userId }, select: { emailVisibleToOwners: true } });
  return user?.emailVisibleToOwners ?? null;
}

/** Saves that choice; false when the account no longer exists. */
export async function setEmailVisibleToOwners(userId: string, visible: boolean): Promise<boolean> {
  const { count } = await prisma.user.updateMany({ where: { id: userId }, data: { emailVisibleToOwners: visible } });
  return count === 1;
}
