-- CreateTable
CREATE TABLE "CompetencyShareLink" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "label" TEXT NOT NULL DEFAULT '',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CompetencyShareLink_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "CompetencyShareLink_userId_createdAt_idx" ON "CompetencyShareLink"("userId", "createdAt");

-- AddForeignKey
ALTER TABLE "CompetencyShareLink" ADD CONSTRAINT "CompetencyShareLink_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
