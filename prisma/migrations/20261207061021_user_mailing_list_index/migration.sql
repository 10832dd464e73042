-- CreateIndex
CREATE INDEX "User_mailingListMode_idx" ON "User"("mailingListMode");
