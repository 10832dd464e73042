-- CreateIndex
CREATE INDEX "Thread_forumId_categoryId_deletedAt_visibility_associationI_idx" ON "Thread"("forumId", "categoryId", "deletedAt", "visibility", "associationId");
