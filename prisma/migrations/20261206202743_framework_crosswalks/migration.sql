-- CreateTable
CREATE TABLE "FrameworkCrosswalk" (
    "id" TEXT NOT NULL,
    "fromVersionId" TEXT NOT NULL,
    "toVersionId" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "savedById" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FrameworkCrosswalk_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrosswalkAreaLink" (
    "id" TEXT NOT NULL,
    "crosswalkId" TEXT NOT NULL,
    "fromAreaId" TEXT NOT NULL,
    "toAreaId" TEXT NOT NULL,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CrosswalkAreaLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CrosswalkStageLink" (
    "id" TEXT NOT NULL,
    "crosswalkId" TEXT NOT NULL,
    "fromPosition" INTEGER NOT NULL,
    "toPosition" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CrosswalkStageLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FrameworkCrosswalk_toVersionId_idx" ON "FrameworkCrosswalk"("toVersionId");

-- CreateIndex
CREATE INDEX "FrameworkCrosswalk_savedById_idx" ON "FrameworkCrosswalk"("savedById");

-- CreateIndex
CREATE UNIQUE INDEX "FrameworkCrosswalk_fromVersionId_toVersionId_key" ON "FrameworkCrosswalk"("fromVersionId", "toVersionId");

-- CreateIndex
CREATE INDEX "CrosswalkAreaLink_fromAreaId_idx" ON "CrosswalkAreaLink"("fromAreaId");

-- CreateIndex
CREATE INDEX "CrosswalkAreaLink_toAreaId_idx" ON "CrosswalkAreaLink"("toAreaId");

-- CreateIndex
CREATE UNIQUE INDEX "CrosswalkAreaLink_crosswalkId_fromAreaId_toAreaId_key" ON "CrosswalkAreaLink"("crosswalkId", "fromAreaId", "toAreaId");

-- CreateIndex
CREATE UNIQUE INDEX "CrosswalkStageLink_crosswalkId_fromPosition_key" ON "CrosswalkStageLink"("crosswalkId", "fromPosition");

-- AddForeignKey
ALTER TABLE "FrameworkCrosswalk" ADD CONSTRAINT "FrameworkCrosswalk_fromVersionId_fkey" FOREIGN KEY ("fromVersionId") REFERENCES "FrameworkVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FrameworkCrosswalk" ADD CONSTRAINT "FrameworkCrosswalk_toVersionId_fkey" FOREIGN KEY ("toVersionId") REFERENCES "FrameworkVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FrameworkCrosswalk" ADD CONSTRAINT "FrameworkCrosswalk_savedById_fkey" FOREIGN KEY ("savedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrosswalkAreaLink" ADD CONSTRAINT "CrosswalkAreaLink_crosswalkId_fkey" FOREIGN KEY ("crosswalkId") REFERENCES "FrameworkCrosswalk"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrosswalkAreaLink" ADD CONSTRAINT "CrosswalkAreaLink_fromAreaId_fkey" FOREIGN KEY ("fromAreaId") REFERENCES "CompetencyArea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrosswalkAreaLink" ADD CONSTRAINT "CrosswalkAreaLink_toAreaId_fkey" FOREIGN KEY ("toAreaId") REFERENCES "CompetencyArea"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CrosswalkStageLink" ADD CONSTRAINT "CrosswalkStageLink_crosswalkId_fkey" FOREIGN KEY ("crosswalkId") REFERENCES "FrameworkCrosswalk"("id") ON DELETE CASCADE ON UPDATE CASCADE;
