-- CreateEnum
CREATE TYPE "FrameworkRights" AS ENUM ('OPEN', 'LICENSED');

-- AlterTable
ALTER TABLE "Association" ADD COLUMN     "frameworkVersionId" TEXT;

-- AlterTable
ALTER TABLE "FrameworkVersion" ADD COLUMN     "rights" "FrameworkRights" NOT NULL DEFAULT 'OPEN',
ADD COLUMN     "rightsAttribution" TEXT,
ADD COLUMN     "rightsConfirmedAt" TIMESTAMP(3),
ADD COLUMN     "rightsConfirmedById" TEXT;

-- CreateTable
CREATE TABLE "FrameworkLicence" (
    "id" TEXT NOT NULL,
    "frameworkVersionId" TEXT NOT NULL,
    "associationId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "FrameworkLicence_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FrameworkLicence_associationId_idx" ON "FrameworkLicence"("associationId");

-- CreateIndex
CREATE UNIQUE INDEX "FrameworkLicence_frameworkVersionId_associationId_key" ON "FrameworkLicence"("frameworkVersionId", "associationId");

-- CreateIndex
CREATE INDEX "Association_frameworkVersionId_idx" ON "Association"("frameworkVersionId");

-- CreateIndex
CREATE INDEX "FrameworkVersion_rightsConfirmedById_idx" ON "FrameworkVersion"("rightsConfirmedById");

-- AddForeignKey
ALTER TABLE "FrameworkVersion" ADD CONSTRAINT "FrameworkVersion_rightsConfirmedById_fkey" FOREIGN KEY ("rightsConfirmedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FrameworkLicence" ADD CONSTRAINT "FrameworkLicence_frameworkVersionId_fkey" FOREIGN KEY ("frameworkVersionId") REFERENCES "FrameworkVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FrameworkLicence" ADD CONSTRAINT "FrameworkLicence_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Association" ADD CONSTRAINT "Association_frameworkVersionId_fkey" FOREIGN KEY ("frameworkVersionId") REFERENCES "FrameworkVersion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
