-- AlterTable
ALTER TABLE "User" ADD COLUMN     "reminderEmails" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "timeZone" TEXT NOT NULL DEFAULT 'UTC',
ADD COLUMN     "timeZoneConfirmedAt" TIMESTAMP(3);
