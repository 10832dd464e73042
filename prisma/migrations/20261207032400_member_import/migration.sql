-- CreateEnum
CREATE TYPE "MemberImportStatus" AS ENUM ('UPLOADED', 'RUNNING', 'DONE');

-- AlterTable
ALTER TABLE "AssociationInvitation" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "importId" TEXT,
ADD COLUMN     "memberSince" DATE,
ADD COLUMN     "role" "AssociationRole" NOT NULL DEFAULT 'MEMBER';

-- AlterTable
ALTER TABLE "AssociationMembership" ADD COLUMN     "externalId" TEXT,
ADD COLUMN     "memberSince" DATE;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailVisibleToOwners" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "MemberImport" (
    "id" TEXT NOT NULL,
    "associationId" TEXT NOT NULL,
    "createdById" TEXT,
    "fileName" TEXT NOT NULL,
    "encoding" TEXT NOT NULL,
    "delimiter" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "totalRows" INTEGER NOT NULL,
    "status" "MemberImportStatus" NOT NULL DEFAULT 'UPLOADED',
    "processedRows" INTEGER NOT NULL DEFAULT 0,
    "counts" JSONB NOT NULL DEFAULT '{}',
    "emailsQueued" INTEGER NOT NULL DEFAULT 0,
    "confirmedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MemberImport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "MemberImport_associationId_createdAt_idx" ON "MemberImport"("associationId", "createdAt");

-- CreateIndex
CREATE INDEX "MemberImport_expiresAt_idx" ON "MemberImport"("expiresAt");

-- CreateIndex
CREATE INDEX "MemberImport_createdById_idx" ON "MemberImport"("createdById");

-- CreateIndex
CREATE INDEX "AssociationInvitation_email_idx" ON "AssociationInvitation"("email");

-- CreateIndex
CREATE INDEX "AssociationInvitation_importId_idx" ON "AssociationInvitation"("importId");

-- CreateIndex
CREATE INDEX "AssociationMembership_associationId_externalId_idx" ON "AssociationMembership"("associationId", "externalId");

-- CreateIndex
CREATE INDEX "OutboxEmail_to_idx" ON "OutboxEmail"("to");

-- CreateIndex
CREATE INDEX "ReviewerInvitation_email_idx" ON "ReviewerInvitation"("email");

-- AddForeignKey
ALTER TABLE "MemberImport" ADD CONSTRAINT "MemberImport_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MemberImport" ADD CONSTRAINT "MemberImport_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssociationInvitation" ADD CONSTRAINT "AssociationInvitation_importId_fkey" FOREIGN KEY ("importId") REFERENCES "MemberImport"("id") ON DELETE SET NULL ON UPDATE CASCADE;
