-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'MENTORING_PROGRAM';
ALTER TYPE "NotificationKind" ADD VALUE 'MENTORING_PROPOSED';

-- AlterTable
ALTER TABLE "MentoringProgram" ADD COLUMN     "closedAt" TIMESTAMP(3),
ADD COLUMN     "invitedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "MentoringProgramMember" (
    "associationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "asMentor" BOOLEAN NOT NULL DEFAULT false,
    "asMentee" BOOLEAN NOT NULL DEFAULT false,
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MentoringProgramMember_pkey" PRIMARY KEY ("associationId","userId")
);

-- CreateIndex
CREATE INDEX "MentoringProgramMember_userId_idx" ON "MentoringProgramMember"("userId");

-- AddForeignKey
ALTER TABLE "MentoringProgramMember" ADD CONSTRAINT "MentoringProgramMember_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "MentoringProgram"("associationId") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentoringProgramMember" ADD CONSTRAINT "MentoringProgramMember_associationId_userId_fkey" FOREIGN KEY ("associationId", "userId") REFERENCES "AssociationMembership"("associationId", "userId") ON DELETE CASCADE ON UPDATE CASCADE;
