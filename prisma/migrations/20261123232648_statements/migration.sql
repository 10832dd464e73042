-- CreateEnum
CREATE TYPE "StatementStatus" AS ENUM ('DRAFT', 'OPEN', 'ADOPTED', 'ARCHIVED');

-- CreateEnum
CREATE TYPE "SuggestionStatus" AS ENUM ('PENDING', 'ACCEPTED', 'DECLINED', 'WITHDRAWN');

-- CreateEnum
CREATE TYPE "SignalKind" AS ENUM ('AGREE', 'DISAGREE', 'UNSURE');

-- AlterEnum
-- This migration adds more than one value to an enum.
-- With PostgreSQL versions 11 and earlier, this is not possible
-- in a single migration. This can be worked around by creating
-- multiple migrations, each migration adding only one value to
-- the enum.


ALTER TYPE "NotificationKind" ADD VALUE 'STATEMENT_NEW_VERSION';
ALTER TYPE "NotificationKind" ADD VALUE 'STATEMENT_SUGGESTION_DECIDED';
ALTER TYPE "NotificationKind" ADD VALUE 'STATEMENT_ADOPTED';

-- DropIndex
DROP INDEX "AssociationMembership_associationId_role_idx";

-- AlterTable
ALTER TABLE "Notification" ADD COLUMN     "statementId" TEXT;

-- AlterTable
ALTER TABLE "Profile" ADD COLUMN     "featuredStatementId" TEXT;

-- CreateTable
CREATE TABLE "Statement" (
    "id" TEXT NOT NULL,
    "associationId" TEXT,
    "authorId" TEXT,
    "title" TEXT NOT NULL,
    "rationale" TEXT NOT NULL DEFAULT '',
    "rationaleHtml" TEXT NOT NULL DEFAULT '',
    "areaSlugs" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "status" "StatementStatus" NOT NULL DEFAULT 'DRAFT',
    "currentVersion" INTEGER NOT NULL DEFAULT 1,
    "adoptedVersion" INTEGER,
    "endorsementThreshold" INTEGER,
    "threadId" TEXT,
    "openedAt" TIMESTAMP(3),
    "adoptedAt" TIMESTAMP(3),
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Statement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementCoauthor" (
    "statementId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatementCoauthor_pkey" PRIMARY KEY ("statementId","userId")
);

-- CreateTable
CREATE TABLE "StatementVersion" (
    "id" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "textHtml" TEXT NOT NULL,
    "writtenById" TEXT,
    "acceptedById" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatementVersion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementSuggestion" (
    "id" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "authorId" TEXT,
    "baseVersion" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "status" "SuggestionStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "declineReason" TEXT,
    "resultVersion" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatementSuggestion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementTransition" (
    "id" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "fromStatus" "StatementStatus",
    "toStatus" "StatementStatus" NOT NULL,
    "actorId" TEXT,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatementTransition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StatementSignal" (
    "statementId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "kind" "SignalKind" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StatementSignal_pkey" PRIMARY KEY ("statementId","userId")
);

-- CreateTable
CREATE TABLE "StatementEndorsement" (
    "id" TEXT NOT NULL,
    "statementId" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "userId" TEXT NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StatementEndorsement_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Statement_threadId_key" ON "Statement"("threadId");

-- CreateIndex
CREATE INDEX "Statement_status_updatedAt_id_idx" ON "Statement"("status", "updatedAt" DESC, "id");

-- CreateIndex
CREATE INDEX "Statement_associationId_status_idx" ON "Statement"("associationId", "status");

-- CreateIndex
CREATE INDEX "Statement_authorId_idx" ON "Statement"("authorId");

-- CreateIndex
CREATE INDEX "StatementCoauthor_userId_idx" ON "StatementCoauthor"("userId");

-- CreateIndex
CREATE INDEX "StatementVersion_writtenById_idx" ON "StatementVersion"("writtenById");

-- CreateIndex
CREATE INDEX "StatementVersion_acceptedById_idx" ON "StatementVersion"("acceptedById");

-- CreateIndex
CREATE UNIQUE INDEX "StatementVersion_statementId_number_key" ON "StatementVersion"("statementId", "number");

-- CreateIndex
CREATE INDEX "StatementSuggestion_statementId_status_createdAt_idx" ON "StatementSuggestion"("statementId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "StatementSuggestion_authorId_idx" ON "StatementSuggestion"("authorId");

-- CreateIndex
CREATE INDEX "StatementSuggestion_decidedById_idx" ON "StatementSuggestion"("decidedById");

-- CreateIndex
CREATE INDEX "StatementTransition_statementId_createdAt_idx" ON "StatementTransition"("statementId", "createdAt");

-- CreateIndex
CREATE INDEX "StatementTransition_actorId_idx" ON "StatementTransition"("actorId");

-- CreateIndex
CREATE INDEX "StatementSignal_statementId_version_kind_idx" ON "StatementSignal"("statementId", "version", "kind");

-- CreateIndex
CREATE INDEX "StatementSignal_userId_idx" ON "StatementSignal"("userId");

-- CreateIndex
CREATE INDEX "StatementEndorsement_statementId_version_createdAt_idx" ON "StatementEndorsement"("statementId", "version", "createdAt");

-- CreateIndex
CREATE INDEX "StatementEndorsement_userId_idx" ON "StatementEndorsement"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "StatementEndorsement_statementId_version_userId_key" ON "StatementEndorsement"("statementId", "version", "userId");

-- CreateIndex
CREATE INDEX "AssociationMembership_associationId_role_joinedAt_userId_idx" ON "AssociationMembership"("associationId", "role", "joinedAt", "userId");

-- CreateIndex
CREATE INDEX "Notification_statementId_idx" ON "Notification"("statementId");

-- CreateIndex
CREATE INDEX "Profile_featuredStatementId_idx" ON "Profile"("featuredStatementId");

-- AddForeignKey
ALTER TABLE "Profile" ADD CONSTRAINT "Profile_featuredStatementId_fkey" FOREIGN KEY ("featuredStatementId") REFERENCES "Statement"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Statement" ADD CONSTRAINT "Statement_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementCoauthor" ADD CONSTRAINT "StatementCoauthor_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementCoauthor" ADD CONSTRAINT "StatementCoauthor_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementVersion" ADD CONSTRAINT "StatementVersion_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementVersion" ADD CONSTRAINT "StatementVersion_writtenById_fkey" FOREIGN KEY ("writtenById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementVersion" ADD CONSTRAINT "StatementVersion_acceptedById_fkey" FOREIGN KEY ("acceptedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementSuggestion" ADD CONSTRAINT "StatementSuggestion_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementSuggestion" ADD CONSTRAINT "StatementSuggestion_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementSuggestion" ADD CONSTRAINT "StatementSuggestion_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementTransition" ADD CONSTRAINT "StatementTransition_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementTransition" ADD CONSTRAINT "StatementTransition_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementSignal" ADD CONSTRAINT "StatementSignal_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementSignal" ADD CONSTRAINT "StatementSignal_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementEndorsement" ADD CONSTRAINT "StatementEndorsement_statementId_fkey" FOREIGN KEY ("statementId") REFERENCES "Statement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StatementEndorsement" ADD CONSTRAINT "StatementEndorsement_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
