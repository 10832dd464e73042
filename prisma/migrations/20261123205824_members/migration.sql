-- CreateEnum
CREATE TYPE "Role" AS ENUM ('MEMBER', 'ADMIN');

-- CreateEnum
CREATE TYPE "Visibility" AS ENUM ('PUBLIC', 'MEMBERS', 'PRIVATE');

-- CreateEnum
CREATE TYPE "OrganizationType" AS ENUM ('HOSPITAL_HEALTH_SYSTEM', 'SCHOOL_OF_MEDICINE', 'MEDICAL_SOCIETY', 'EDUCATION_COMPANY', 'OTHER');

-- CreateEnum
CREATE TYPE "RoleArchetype" AS ENUM ('ACCREDITATION_SPECIALIST', 'PROGRAM_DEVELOPER', 'MEDICAL_EDUCATION_TECHNOLOGIST', 'ACADEMIC_CME_LEADER', 'OTHER');

-- CreateEnum
CREATE TYPE "CareerLevel" AS ENUM ('COORDINATOR', 'MANAGER', 'DIRECTOR', 'VICE_PRESIDENT', 'OTHER');

-- CreateEnum
CREATE TYPE "Background" AS ENUM ('CLINICAL', 'ADMINISTRATIVE', 'MEETING_PLANNING', 'EDUCATION', 'OTHER');

-- CreateEnum
CREATE TYPE "AccreditationSystem" AS ENUM ('ACCME', 'EACCME', 'OTHER');

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL DEFAULT 'MEMBER',
    "onboardedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Session" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PasswordResetToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PasswordResetToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Profile" (
    "userId" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "jobTitle" TEXT,
    "organization" TEXT,
    "organizationType" "OrganizationType",
    "roleArchetype" "RoleArchetype",
    "careerLevel" "CareerLevel",
    "professionalVisibility" "Visibility" NOT NULL DEFAULT 'MEMBERS',
    "background" "Background",
    "yearsInField" INTEGER,
    "credentials" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "accreditationSystem" "AccreditationSystem",
    "backgroundVisibility" "Visibility" NOT NULL DEFAULT 'MEMBERS',
    "bio" TEXT,
    "bioHtml" TEXT,
    "bioVisibility" "Visibility" NOT NULL DEFAULT 'MEMBERS',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Profile_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "RateLimitCounter" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "RateLimitCounter_pkey" PRIMARY KEY ("key","windowStart")
);

-- CreateTable
CREATE TABLE "OutboxEmail" (
    "id" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxEmail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "Session_userId_idx" ON "Session"("userId");

-- CreateIndex
CREATE INDEX "Session_expiresAt_idx" ON "Session"("expiresAt");

-- CreateIndex
CREATE INDEX "PasswordResetToken_userId_idx" ON "PasswordResetToken"("userId");

-- CreateIndex
CREATE UNIQUE INDEX "Profile_handle_key" ON "Profile"("handle");

-- CreateIndex
CREATE INDEX "Profile_displayName_userId_idx" ON "Profile"("displayName", "userId");

-- CreateIndex
CREATE INDEX "Profile_roleArchetype_idx" ON "Profile"("roleArchetype");

-- CreateIndex
CREATE INDEX "Profile_organizationType_idx" ON "Profile"("organizationType");

-- CreateIndex
CREATE INDEX "Profile_accreditationSystem_idx" ON "Profile"("accreditationSystem");

-- CreateIndex
CREATE INDEX "Profile_credentials_idx" ON "Profile" USING GIN ("credentials");

-- CreateIndex
CREATE INDEX "RateLimitCounter_windowStart_idx" ON "RateLimitCounter"("windowStart");

-- CreateIndex
CREATE INDEX "OutboxEmail_createdAt_idx" ON "OutboxEmail"("createdAt");

-- AddForeignKey
ALTER TABLE "Session" ADD CONSTRAINT "Session_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PasswordResetToken" ADD CONSTRAINT "PasswordResetToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Profile" ADD CONSTRAINT "Profile_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
