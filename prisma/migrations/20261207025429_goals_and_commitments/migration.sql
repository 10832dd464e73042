-- CreateEnum
CREATE TYPE "GoalStatus" AS ENUM ('OPEN', 'ACHIEVED', 'CHANGED', 'DROPPED');

-- CreateEnum
CREATE TYPE "GoalLinkKind" AS ENUM ('STEP', 'PLAN', 'THREAD', 'EVIDENCE');

-- CreateEnum
CREATE TYPE "CheckInAnswer" AS ENUM ('DONE', 'PARTLY', 'NOT_YET', 'NO_LONGER_RELEVANT');

-- AlterTable
ALTER TABLE "CompetencyShareLink" ADD COLUMN     "includeGoals" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Profile" ADD COLUMN     "commitmentsInInsight" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "goalsForReviewers" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Goal" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "outcome" TEXT NOT NULL DEFAULT '',
    "dueOn" DATE,
    "versionId" TEXT,
    "areaSlugs" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "GoalStatus" NOT NULL DEFAULT 'OPEN',
    "endedAt" TIMESTAMP(3),
    "reflection" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Goal_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GoalLink" (
    "id" TEXT NOT NULL,
    "goalId" TEXT NOT NULL,
    "kind" "GoalLinkKind" NOT NULL,
    "stepId" TEXT,
    "planId" TEXT,
    "threadId" TEXT,
    "url" TEXT,
    "label" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GoalLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GoalNote" (
    "id" TEXT NOT NULL,
    "goalId" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GoalNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GoalComment" (
    "id" TEXT NOT NULL,
    "goalId" TEXT NOT NULL,
    "reviewerId" TEXT,
    "reviewerName" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GoalComment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Commitment" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "goalId" TEXT,
    "stepId" TEXT,
    "pathwayId" TEXT,
    "madeOn" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Commitment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CheckIn" (
    "id" TEXT NOT NULL,
    "commitmentId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "afterDays" INTEGER NOT NULL,
    "dueOn" DATE NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "answer" "CheckInAnswer",
    "obstacle" TEXT NOT NULL DEFAULT '',
    "answeredAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CheckIn_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Goal_userId_status_dueOn_idx" ON "Goal"("userId", "status", "dueOn");

-- CreateIndex
CREATE INDEX "Goal_versionId_idx" ON "Goal"("versionId");

-- CreateIndex
CREATE INDEX "GoalLink_goalId_createdAt_idx" ON "GoalLink"("goalId", "createdAt");

-- CreateIndex
CREATE INDEX "GoalLink_stepId_idx" ON "GoalLink"("stepId");

-- CreateIndex
CREATE INDEX "GoalLink_planId_idx" ON "GoalLink"("planId");

-- CreateIndex
CREATE INDEX "GoalLink_threadId_idx" ON "GoalLink"("threadId");

-- CreateIndex
CREATE INDEX "GoalNote_goalId_createdAt_idx" ON "GoalNote"("goalId", "createdAt");

-- CreateIndex
CREATE INDEX "GoalComment_goalId_createdAt_idx" ON "GoalComment"("goalId", "createdAt");

-- CreateIndex
CREATE INDEX "GoalComment_reviewerId_idx" ON "GoalComment"("reviewerId");

-- CreateIndex
CREATE INDEX "Commitment_userId_createdAt_idx" ON "Commitment"("userId", "createdAt");

-- CreateIndex
CREATE INDEX "Commitment_goalId_idx" ON "Commitment"("goalId");

-- CreateIndex
CREATE INDEX "Commitment_stepId_idx" ON "Commitment"("stepId");

-- CreateIndex
CREATE INDEX "Commitment_pathwayId_idx" ON "Commitment"("pathwayId");

-- CreateIndex
CREATE INDEX "CheckIn_userId_answeredAt_dueAt_idx" ON "CheckIn"("userId", "answeredAt", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "CheckIn_commitmentId_afterDays_key" ON "CheckIn"("commitmentId", "afterDays");

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Goal" ADD CONSTRAINT "Goal_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "FrameworkVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalLink" ADD CONSTRAINT "GoalLink_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalLink" ADD CONSTRAINT "GoalLink_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "PathwayStep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalLink" ADD CONSTRAINT "GoalLink_planId_fkey" FOREIGN KEY ("planId") REFERENCES "ActivityPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalLink" ADD CONSTRAINT "GoalLink_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalNote" ADD CONSTRAINT "GoalNote_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalComment" ADD CONSTRAINT "GoalComment_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "GoalComment" ADD CONSTRAINT "GoalComment_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "PathwayStep"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Commitment" ADD CONSTRAINT "Commitment_pathwayId_fkey" FOREIGN KEY ("pathwayId") REFERENCES "Pathway"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_commitmentId_fkey" FOREIGN KEY ("commitmentId") REFERENCES "Commitment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CheckIn" ADD CONSTRAINT "CheckIn_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
