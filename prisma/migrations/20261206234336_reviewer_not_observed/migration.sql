-- AlterTable
ALTER TABLE "ReviewerRatingAnswer" ALTER COLUMN "stageId" DROP NOT NULL;
