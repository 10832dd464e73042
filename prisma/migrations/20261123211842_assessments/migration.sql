-- CreateEnum
CREATE TYPE "AssessmentStatus" AS ENUM ('DRAFT', 'SUBMITTED');

-- AlterTable
ALTER TABLE "Profile" ADD COLUMN     "competencyVisibility" "Visibility" NOT NULL DEFAULT 'PRIVATE';

-- CreateTable
CREATE TABLE "Assessment" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "status" "AssessmentStatus" NOT NULL DEFAULT 'DRAFT',
    "isBaseline" BOOLEAN NOT NULL DEFAULT false,
    "draftOwnerId" TEXT,
    "currentStep" INTEGER NOT NULL DEFAULT 1,
    "submittedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssessmentAnswer" (
    "id" TEXT NOT NULL,
    "assessmentId" TEXT NOT NULL,
    "areaId" TEXT NOT NULL,
    "stageId" TEXT,
    "targetStageId" TEXT,
    "evidence" TEXT NOT NULL DEFAULT '',
    "evidenceHtml" TEXT NOT NULL DEFAULT '',
    "links" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssessmentAnswer_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Assessment_draftOwnerId_key" ON "Assessment"("draftOwnerId");

-- CreateIndex
CREATE INDEX "Assessment_userId_status_submittedAt_idx" ON "Assessment"("userId", "status", "submittedAt");

-- CreateIndex
CREATE INDEX "Assessment_versionId_idx" ON "Assessment"("versionId");

-- CreateIndex
CREATE INDEX "AssessmentAnswer_areaId_idx" ON "AssessmentAnswer"("areaId");

-- CreateIndex
CREATE INDEX "AssessmentAnswer_stageId_idx" ON "AssessmentAnswer"("stageId");

-- CreateIndex
CREATE INDEX "AssessmentAnswer_targetStageId_idx" ON "AssessmentAnswer"("targetStageId");

-- CreateIndex
CREATE UNIQUE INDEX "AssessmentAnswer_assessmentId_areaId_key" ON "AssessmentAnswer"("assessmentId", "areaId");

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Assessment" ADD CONSTRAINT "Assessment_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "FrameworkVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentAnswer" ADD CONSTRAINT "AssessmentAnswer_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "Assessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentAnswer" ADD CONSTRAINT "AssessmentAnswer_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "CompetencyArea"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentAnswer" ADD CONSTRAINT "AssessmentAnswer_stageId_fkey" FOREIGN KEY ("stageId") REFERENCES "ProficiencyStage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssessmentAnswer" ADD CONSTRAINT "AssessmentAnswer_targetStageId_fkey" FOREIGN KEY ("targetStageId") REFERENCES "ProficiencyStage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Submitted assessments are immutable snapshots: the database itself refuses
-- to change them or their answers (deleting a whole account still cascades).
CREATE FUNCTION "assessment_refuse_change_when_submitted"() RETURNS trigger AS $$
BEGIN
  IF OLD."status" = 'SUBMITTED' THEN
    RAISE EXCEPTION 'submitted assessment % cannot be changed', OLD."id" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "assessment_immutable_after_submit"
  BEFORE UPDATE ON "Assessment"
  FOR EACH ROW EXECUTE FUNCTION "assessment_refuse_change_when_submitted"();

CREATE FUNCTION "assessment_answer_refuse_change_when_submitted"() RETURNS trigger AS $$
BEGIN
  IF EXISTS (
    SELECT 1 FROM "Assessment"
     WHERE "status" = 'SUBMITTED'
       AND ("id" = NEW."assessmentId" OR (TG_OP = 'UPDATE' AND "id" = OLD."assessmentId"))
  ) THEN
    RAISE EXCEPTION 'answers of submitted assessment % cannot be changed', NEW."assessmentId" USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "assessment_answer_immutable_after_submit"
  BEFORE INSERT OR UPDATE ON "AssessmentAnswer"
  FOR EACH ROW EXECUTE FUNCTION "assessment_answer_refuse_change_when_submitted"();
