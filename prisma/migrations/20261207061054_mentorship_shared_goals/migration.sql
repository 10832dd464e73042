-- CreateTable
CREATE TABLE "MentorshipGoal" (
    "mentorshipId" TEXT NOT NULL,
    "goalId" TEXT NOT NULL,
    "sharedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "MentorshipGoal_pkey" PRIMARY KEY ("mentorshipId","goalId")
);

-- CreateIndex
CREATE INDEX "MentorshipGoal_goalId_idx" ON "MentorshipGoal"("goalId");

-- AddForeignKey
ALTER TABLE "MentorshipGoal" ADD CONSTRAINT "MentorshipGoal_mentorshipId_fkey" FOREIGN KEY ("mentorshipId") REFERENCES "Mentorship"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentorshipGoal" ADD CONSTRAINT "MentorshipGoal_goalId_fkey" FOREIGN KEY ("goalId") REFERENCES "Goal"("id") ON DELETE CASCADE ON UPDATE CASCADE;
