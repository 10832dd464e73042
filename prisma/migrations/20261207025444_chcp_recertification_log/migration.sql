-- CreateEnum
CREATE TYPE "ChcpEntryKind" AS ENUM ('EDUCATION', 'VOLUNTEERING', 'MEMBERSHIP', 'PUBLICATION', 'PRESENTATION', 'WORK_PERIOD');

-- CreateTable
CREATE TABLE "ChcpCredential" (
    "userId" TEXT NOT NULL,
    "earnedOn" DATE NOT NULL,
    "cycleStartOn" DATE NOT NULL,
    "expiresOn" DATE NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChcpCredential_pkey" PRIMARY KEY ("userId")
);

-- CreateTable
CREATE TABLE "ChcpEntry" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "ChcpEntryKind" NOT NULL,
    "occurredOn" DATE NOT NULL,
    "hours" DOUBLE PRECISION,
    "years" DOUBLE PRECISION,
    "description" TEXT NOT NULL,
    "evidence" TEXT NOT NULL DEFAULT '',
    "stepCompletionId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChcpEntry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChcpCredential_expiresOn_idx" ON "ChcpCredential"("expiresOn");

-- CreateIndex
CREATE INDEX "ChcpEntry_userId_occurredOn_idx" ON "ChcpEntry"("userId", "occurredOn");

-- CreateIndex
CREATE INDEX "ChcpEntry_stepCompletionId_idx" ON "ChcpEntry"("stepCompletionId");

-- AddForeignKey
ALTER TABLE "ChcpCredential" ADD CONSTRAINT "ChcpCredential_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChcpEntry" ADD CONSTRAINT "ChcpEntry_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChcpEntry" ADD CONSTRAINT "ChcpEntry_stepCompletionId_fkey" FOREIGN KEY ("stepCompletionId") REFERENCES "StepCompletion"("id") ON DELETE SET NULL ON UPDATE CASCADE;
