-- CreateTable
CREATE TABLE "ReviewerInvitation" (
    "id" TEXT NOT NULL,
    "revieweeId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acceptedAt" TIMESTAMP(3),
    "reviewerId" TEXT,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewerInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewerRating" (
    "id" TEXT NOT NULL,
    "invitationId" TEXT NOT NULL,
    "revieweeId" TEXT NOT NULL,
    "reviewerId" TEXT,
    "reviewerName" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "submittedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewerRating_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewerRatingAnswer" (
    "id" TEXT NOT NULL,
    "ratingId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "stageId" TEXT NOT NULL,
    "comment" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReviewerRatingAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewerInvitation_revieweeId_createdAt_idx" ON "ReviewerInvitation"("revieweeId", "createdAt");

-- CreateIndex
CREATE INDEX "ReviewerInvitation_reviewerId_idx" ON "ReviewerInvitation"("reviewerId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewerRating_invitationId_key" ON "ReviewerRating"("invitationId");

-- CreateIndex
CREATE INDEX "ReviewerRating_revieweeId_submittedAt_idx" ON "ReviewerRating"("revieweeId", "submittedAt");

-- CreateIndex
CREATE INDEX "ReviewerRating_reviewerId_idx" ON "ReviewerRating"("reviewerId");

-- CreateIndex
CREATE INDEX "ReviewerRating_versionId_idx" ON "ReviewerRating"("versionId");

-- CreateIndex
CREATE INDEX "ReviewerRatingAnswer_areaId_idx" ON "ReviewerRatingAnswer"("areaId");

-- CreateIndex
CREATE INDEX "ReviewerRatingAnswer_stageId_idx" ON "ReviewerRatingAnswer"("stageId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewerRatingAnswer_ratingId_areaId_key" ON "ReviewerRatingAnswer"("ratingId", "areaId");

-- AddForeignKey
ALTER TABLE "ReviewerInvitation" ADD CONSTRAINT "ReviewerInvitation_revieweeId_fkey" FOREIGN KEY ("revieweeId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerInvitation" ADD CONSTRAINT "ReviewerInvitation_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerRating" ADD CONSTRAINT "ReviewerRating_invitationId_fkey" FOREIGN KEY ("invitationId") REFERENCES "ReviewerInvitation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerRating" ADD CONSTRAINT "ReviewerRating_revieweeId_fkey" FOREIGN KEY ("revieweeId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerRating" ADD CONSTRAINT "ReviewerRating_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerRating" ADD CONSTRAINT "ReviewerRating_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "FrameworkVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerRatingAnswer" ADD CONSTRAINT "ReviewerRatingAnswer_ratingId_fkey" FOREIGN KEY ("ratingId") REFERENCES "ReviewerRating"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerRatingAnswer" ADD CONSTRAINT "ReviewerRatingAnswer_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "CompetencyArea"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewerRatingAnswer" ADD CONSTRAINT "ReviewerRatingAnswer_stageId_fkey" FOREIGN KEY ("stageId") REFERENCES "ProficiencyStage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
