-- CreateIndex
CREATE INDEX "Thread_categoryId_pinnedAt_id_idx" ON "Thread"("categoryId", "pinnedAt" DESC, "id" DESC);
