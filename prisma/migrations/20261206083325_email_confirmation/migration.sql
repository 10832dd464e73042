-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailConfirmedAt" TIMESTAMP(3);

-- Accounts made before sign-up confirmed addresses count as confirmed (written by hand).
UPDATE "User" SET "emailConfirmedAt" = "createdAt" WHERE "emailConfirmedAt" IS NULL;

-- CreateTable
CREATE TABLE "EmailConfirmationToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EmailConfirmationToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EmailConfirmationToken_userId_idx" ON "EmailConfirmationToken"("userId");

-- CreateIndex
CREATE INDEX "EmailConfirmationToken_expiresAt_idx" ON "EmailConfirmationToken"("expiresAt");

-- CreateIndex
CREATE INDEX "User_emailConfirmedAt_createdAt_idx" ON "User"("emailConfirmedAt", "createdAt");

-- AddForeignKey
ALTER TABLE "EmailConfirmationToken" ADD CONSTRAINT "EmailConfirmationToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
