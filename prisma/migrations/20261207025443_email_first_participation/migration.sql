-- AlterTable
ALTER TABLE "Category" ADD COLUMN     "mailNumber" SERIAL NOT NULL;

-- AlterTable
ALTER TABLE "Thread" ADD COLUMN     "mailNumber" SERIAL NOT NULL;

-- AlterTable
ALTER TABLE "User" ADD COLUMN     "mailNumber" SERIAL NOT NULL,
ADD COLUMN     "mailingListMode" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "replyKeyVersion" INTEGER NOT NULL DEFAULT 1;

-- CreateTable
CREATE TABLE "InboundEmail" (
    "id" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "tooLarge" BOOLEAN NOT NULL DEFAULT false,
    "envelopeFrom" TEXT,
    "source" TEXT NOT NULL,
    "raw" BYTEA NOT NULL,
    "outcome" TEXT,
    "postId" TEXT,
    "processedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "InboundEmail_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InboundEmail_processedAt_idx" ON "InboundEmail"("processedAt");

-- CreateIndex
CREATE UNIQUE INDEX "InboundEmail_messageId_recipient_key" ON "InboundEmail"("messageId", "recipient");

-- CreateIndex
CREATE UNIQUE INDEX "Category_mailNumber_key" ON "Category"("mailNumber");

-- CreateIndex
CREATE UNIQUE INDEX "Thread_mailNumber_key" ON "Thread"("mailNumber");

-- CreateIndex
CREATE UNIQUE INDEX "User_mailNumber_key" ON "User"("mailNumber");
