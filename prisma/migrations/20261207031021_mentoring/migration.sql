-- CreateEnum
CREATE TYPE "MentorshipStatus" AS ENUM ('PROPOSED', 'REQUESTED', 'ACTIVE', 'DECLINED', 'WITHDRAWN', 'ENDED');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'MENTORING_REQUEST';
ALTER TYPE "NotificationKind" ADD VALUE 'MENTORING_DECIDED';
ALTER TYPE "NotificationKind" ADD VALUE 'MENTORING_MESSAGE';
ALTER TYPE "NotificationKind" ADD VALUE 'MENTORING_ENDED';
ALTER TYPE "NotificationKind" ADD VALUE 'MENTORING_REPORTED';

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "mentorshipId" TEXT;

-- CreateTable
CREATE TABLE "MentoringPreference" (
    "userId" TEXT NOT NULL,
    "offering" BOOLEAN NOT NULL DEFAULT false,
    "offerAreas" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "capacity" INTEGER NOT NULL DEFAULT 1,
    "offerNote" TEXT NOT NULL DEFAULT '',
    "offerPausedAt" TIMESTAMP(3),
    "seeking" BOOLEAN NOT NULL DEFAULT false,
    "seekAreas" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "hopes" TEXT NOT NULL DEFAULT '',
    "seekPausedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MentoringPreference_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "MentoringBlock" (
    "userId" TEXT NOT NULL,
    "blockedId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MentoringBlock_pkey" PRIMARY KEY ("userId","blockedId")
);

-- CreateTable
CREATE TABLE "Mentorship" (
    "id" TEXT NOT NULL,
    "mentorId" TEXT NOT NULL,
    "menteeId" TEXT NOT NULL,
    "status" "MentorshipStatus" NOT NULL DEFAULT 'REQUESTED',
    "areas" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "message" TEXT NOT NULL DEFAULT '',
    "proposedByAssociationId" TEXT,
    "mentorAcceptedAt" TIMESTAMP(3),
    "menteeAcceptedAt" TIMESTAMP(3),
    "decisionNote" TEXT NOT NULL DEFAULT '',
    "decidedAt" TIMESTAMP(3),
    "schedule" TEXT NOT NULL DEFAULT '',
    "nextMeetingOn" DATE,
    "endedAt" TIMESTAMP(3),
    "endedById" TEXT,
    "mentorReflection" TEXT NOT NULL DEFAULT '',
    "menteeReflection" TEXT NOT NULL DEFAULT '',
    "mentorShows" BOOLEAN NOT NULL DEFAULT false,
    "menteeShows" BOOLEAN NOT NULL DEFAULT false,
    "lastMessageAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Mentorship_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentorshipMessage" (
    "id" TEXT NOT NULL,
    "mentorshipId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MentorshipMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentorshipReport" (
    "id" TEXT NOT NULL,
    "mentorshipId" TEXT NOT NULL,
    "messageId" TEXT,
    "reporterId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MentorshipReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentoringProgram" (
    "associationId" TEXT NOT NULL,
    "invitation" TEXT NOT NULL DEFAULT '',
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MentoringProgram_pkey" PRIMARY KEY ("associationId")
);

-- CreateIndex
CREATE INDEX "MentoringPreference_offering_offerPausedAt_idx" ON "MentoringPreference"("offering", "offerPausedAt");

-- CreateIndex
CREATE INDEX "MentoringPreference_offerAreas_idx" ON "MentoringPreference" USING GIN ("offerAreas");

-- CreateIndex
CREATE INDEX "MentoringBlock_blockedId_idx" ON "MentoringBlock"("blockedId");

-- CreateIndex
CREATE INDEX "Mentorship_mentorId_status_idx" ON "Mentorship"("mentorId", "status");

-- CreateIndex
CREATE INDEX "Mentorship_menteeId_status_idx" ON "Mentorship"("menteeId", "status");

-- CreateIndex
CREATE INDEX "Mentorship_proposedByAssociationId_idx" ON "Mentorship"("proposedByAssociationId");

-- CreateIndex
CREATE INDEX "MentorshipMessage_mentorshipId_createdAt_idx" ON "MentorshipMessage"("mentorshipId", "createdAt");

-- CreateIndex
CREATE INDEX "MentorshipMessage_authorId_idx" ON "MentorshipMessage"("authorId");

-- CreateIndex
CREATE INDEX "MentorshipReport_resolvedAt_createdAt_idx" ON "MentorshipReport"("resolvedAt", "createdAt");

-- CreateIndex
CREATE INDEX "MentorshipReport_mentorshipId_idx" ON "MentorshipReport"("mentorshipId");

-- CreateIndex
CREATE INDEX "MentorshipReport_messageId_idx" ON "MentorshipReport"("messageId");

-- CreateIndex
CREATE INDEX "MentorshipReport_reporterId_idx" ON "MentorshipReport"("reporterId");

-- CreateIndex
CREATE INDEX "Notification_mentorshipId_idx" ON "Notification"("mentorshipId");

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_mentorshipId_fkey" FOREIGN KEY ("mentorshipId") REFERENCES "Mentorship"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentoringPreference" ADD CONSTRAINT "MentoringPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentoringBlock" ADD CONSTRAINT "MentoringBlock_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentoringBlock" ADD CONSTRAINT "MentoringBlock_blockedId_fkey" FOREIGN KEY ("blockedId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mentorship" ADD CONSTRAINT "Mentorship_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mentorship" ADD CONSTRAINT "Mentorship_menteeId_fkey" FOREIGN KEY ("menteeId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Mentorship" ADD CONSTRAINT "Mentorship_proposedByAssociationId_fkey" FOREIGN KEY ("proposedByAssociationId") REFERENCES "Association"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentorshipMessage" ADD CONSTRAINT "MentorshipMessage_mentorshipId_fkey" FOREIGN KEY ("mentorshipId") REFERENCES "Mentorship"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentorshipMessage" ADD CONSTRAINT "MentorshipMessage_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentorshipReport" ADD CONSTRAINT "MentorshipReport_mentorshipId_fkey" FOREIGN KEY ("mentorshipId") REFERENCES "Mentorship"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentorshipReport" ADD CONSTRAINT "MentorshipReport_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "MentorshipMessage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentorshipReport" ADD CONSTRAINT "MentorshipReport_reporterId_fkey" FOREIGN KEY ("reporterId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentoringProgram" ADD CONSTRAINT "MentoringProgram_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE CASCADE ON UPDATE CASCADE;
