-- CreateEnum
CREATE TYPE "PathwayKind" AS ENUM ('ONBOARDING', 'CAREER', 'CREDENTIAL');

-- CreateEnum
CREATE TYPE "PathwayStatus" AS ENUM ('DRAFT', 'PUBLISHED');

-- CreateEnum
CREATE TYPE "PathwayStepTool" AS ENUM ('ACTIVITY_PLANNER');

-- CreateEnum
CREATE TYPE "JoinPolicy" AS ENUM ('OPEN', 'APPROVAL', 'INVITE');

-- CreateEnum
CREATE TYPE "AssociationRole" AS ENUM ('OWNER', 'MODERATOR', 'MEMBER');

-- CreateEnum
CREATE TYPE "JoinRequestStatus" AS ENUM ('PENDING', 'APPROVED', 'DECLINED');

-- CreateEnum
CREATE TYPE "CategoryVisibility" AS ENUM ('PUBLIC', 'MEMBERS', 'ASSOCIATION');

-- CreateEnum
CREATE TYPE "ThreadKind" AS ENUM ('DISCUSSION', 'QUESTION');

-- CreateEnum
CREATE TYPE "FlagReason" AS ENUM ('OFF_TOPIC', 'INAPPROPRIATE', 'SPAM', 'OTHER');

-- CreateEnum
CREATE TYPE "NotificationKind" AS ENUM ('REPLY', 'MENTION', 'QUOTE', 'NEW_THREAD', 'POST_HIDDEN', 'JOIN_REQUEST', 'JOIN_APPROVED', 'ROLE_CHANGED');

-- CreateTable
CREATE TABLE "Pathway" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "summaryHtml" TEXT NOT NULL,
    "kind" "PathwayKind" NOT NULL,
    "status" "PathwayStatus" NOT NULL DEFAULT 'DRAFT',
    "roleArchetypes" "RoleArchetype"[] DEFAULT ARRAY[]::"RoleArchetype"[],
    "backgrounds" "Background"[] DEFAULT ARRAY[]::"Background"[],
    "associationId" TEXT,
    "createdById" TEXT,
    "contentHash" TEXT,
    "publishedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Pathway_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PathwayStep" (
    "id" TEXT NOT NULL,
    "pathwayId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "resources" JSONB NOT NULL DEFAULT '[]',
    "effortMinutes" INTEGER NOT NULL,
    "tool" "PathwayStepTool",
    "archivedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PathwayStep_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PathwayStepArea" (
    "stepId" TEXT NOT NULL,
    "areaSlug" TEXT NOT NULL,
    "stageSlug" TEXT NOT NULL,

    CONSTRAINT "PathwayStepArea_pkey" PRIMARY KEY ("stepId","areaSlug")
);

-- CreateTable
CREATE TABLE "PathwayEnrolment" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "pathwayId" TEXT NOT NULL,
    "enrolledAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PathwayEnrolment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StepCompletion" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "stepId" TEXT NOT NULL,
    "reflection" TEXT NOT NULL,
    "reflectionHtml" TEXT NOT NULL,
    "evidenceUrl" TEXT,
    "activityPlanId" TEXT,
    "completedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StepCompletion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ActivityPlan" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "worksheet" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActivityPlan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Association" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "descriptionHtml" TEXT NOT NULL,
    "website" TEXT,
    "joinPolicy" "JoinPolicy" NOT NULL DEFAULT 'OPEN',
    "memberCount" INTEGER NOT NULL DEFAULT 0,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Association_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssociationMembership" (
    "associationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "role" "AssociationRole" NOT NULL DEFAULT 'MEMBER',
    "joinedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssociationMembership_pkey" PRIMARY KEY ("associationId","userId")
);

-- CreateTable
CREATE TABLE "AssociationJoinRequest" (
    "id" TEXT NOT NULL,
    "associationId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "message" TEXT NOT NULL DEFAULT '',
    "status" "JoinRequestStatus" NOT NULL DEFAULT 'PENDING',
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AssociationJoinRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AssociationInvitation" (
    "id" TEXT NOT NULL,
    "associationId" TEXT NOT NULL,
    "createdById" TEXT,
    "email" TEXT,
    "label" TEXT NOT NULL DEFAULT '',
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedById" TEXT,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AssociationInvitation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Forum" (
    "id" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "associationId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Forum_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Category" (
    "id" TEXT NOT NULL,
    "forumId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "position" INTEGER NOT NULL,
    "visibility" "CategoryVisibility" NOT NULL DEFAULT 'PUBLIC',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Category_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Thread" (
    "id" TEXT NOT NULL,
    "forumId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "associationId" TEXT,
    "visibility" "CategoryVisibility" NOT NULL,
    "authorId" TEXT,
    "title" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "kind" "ThreadKind" NOT NULL DEFAULT 'DISCUSSION',
    "tags" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "areaSlugs" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "pinnedAt" TIMESTAMP(3),
    "lockedAt" TIMESTAMP(3),
    "acceptedPostId" TEXT,
    "lastPostNumber" INTEGER NOT NULL DEFAULT 1,
    "replyCount" INTEGER NOT NULL DEFAULT 0,
    "lastPostAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastPosterId" TEXT,
    "deletedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Thread_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Post" (
    "id" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "authorId" TEXT,
    "body" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "replyToNumber" INTEGER,
    "editCount" INTEGER NOT NULL DEFAULT 0,
    "editedAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "hiddenAt" TIMESTAMP(3),
    "hiddenReason" TEXT,
    "helpfulCount" INTEGER NOT NULL DEFAULT 0,
    "searchVector" tsvector,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Post_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostRevision" (
    "id" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "body" TEXT NOT NULL,
    "bodyHtml" TEXT NOT NULL,
    "editorId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostRevision_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostReaction" (
    "postId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostReaction_pkey" PRIMARY KEY ("postId","userId")
);

-- CreateTable
CREATE TABLE "PostFlag" (
    "id" TEXT NOT NULL,
    "postId" TEXT NOT NULL,
    "userId" TEXT,
    "reason" "FlagReason" NOT NULL,
    "note" TEXT NOT NULL DEFAULT '',
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" TEXT,
    "resolution" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PostFlag_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ThreadReader" (
    "userId" TEXT NOT NULL,
    "threadId" TEXT NOT NULL,
    "lastReadNumber" INTEGER NOT NULL DEFAULT 0,
    "watching" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ThreadReader_pkey" PRIMARY KEY ("userId","threadId")
);

-- CreateTable
CREATE TABLE "CategoryWatch" (
    "userId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CategoryWatch_pkey" PRIMARY KEY ("userId","categoryId")
);

-- CreateTable
CREATE TABLE "ForumVisit" (
    "userId" TEXT NOT NULL,
    "forumId" TEXT NOT NULL,
    "previousVisitAt" TIMESTAMP(3),
    "lastVisitAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ForumVisit_pkey" PRIMARY KEY ("userId","forumId")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "kind" "NotificationKind" NOT NULL,
    "actorId" TEXT,
    "threadId" TEXT,
    "postId" TEXT,
    "data" JSONB NOT NULL DEFAULT '{}',
    "readAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Pathway_slug_key" ON "Pathway"("slug");

-- CreateIndex
CREATE INDEX "Pathway_status_kind_idx" ON "Pathway"("status", "kind");

-- CreateIndex
CREATE INDEX "Pathway_associationId_status_idx" ON "Pathway"("associationId", "status");

-- CreateIndex
CREATE INDEX "Pathway_createdById_idx" ON "Pathway"("createdById");

-- CreateIndex
CREATE INDEX "PathwayStep_pathwayId_position_idx" ON "PathwayStep"("pathwayId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "PathwayStep_pathwayId_key_key" ON "PathwayStep"("pathwayId", "key");

-- CreateIndex
CREATE INDEX "PathwayStepArea_areaSlug_idx" ON "PathwayStepArea"("areaSlug");

-- CreateIndex
CREATE INDEX "PathwayEnrolment_pathwayId_completedAt_idx" ON "PathwayEnrolment"("pathwayId", "completedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PathwayEnrolment_userId_pathwayId_key" ON "PathwayEnrolment"("userId", "pathwayId");

-- CreateIndex
CREATE INDEX "StepCompletion_stepId_idx" ON "StepCompletion"("stepId");

-- CreateIndex
CREATE INDEX "StepCompletion_activityPlanId_idx" ON "StepCompletion"("activityPlanId");

-- CreateIndex
CREATE UNIQUE INDEX "StepCompletion_userId_stepId_key" ON "StepCompletion"("userId", "stepId");

-- CreateIndex
CREATE INDEX "ActivityPlan_userId_updatedAt_idx" ON "ActivityPlan"("userId", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Association_slug_key" ON "Association"("slug");

-- CreateIndex
CREATE INDEX "Association_name_id_idx" ON "Association"("name", "id");

-- CreateIndex
CREATE INDEX "AssociationMembership_userId_associationId_idx" ON "AssociationMembership"("userId", "associationId");

-- CreateIndex
CREATE INDEX "AssociationMembership_associationId_role_idx" ON "AssociationMembership"("associationId", "role");

-- CreateIndex
CREATE INDEX "AssociationJoinRequest_associationId_status_createdAt_idx" ON "AssociationJoinRequest"("associationId", "status", "createdAt");

-- CreateIndex
CREATE INDEX "AssociationJoinRequest_userId_idx" ON "AssociationJoinRequest"("userId");

-- CreateIndex
CREATE INDEX "AssociationJoinRequest_decidedById_idx" ON "AssociationJoinRequest"("decidedById");

-- CreateIndex
CREATE UNIQUE INDEX "AssociationJoinRequest_associationId_userId_key" ON "AssociationJoinRequest"("associationId", "userId");

-- CreateIndex
CREATE INDEX "AssociationInvitation_associationId_createdAt_idx" ON "AssociationInvitation"("associationId", "createdAt");

-- CreateIndex
CREATE INDEX "AssociationInvitation_createdById_idx" ON "AssociationInvitation"("createdById");

-- CreateIndex
CREATE INDEX "AssociationInvitation_usedById_idx" ON "AssociationInvitation"("usedById");

-- CreateIndex
CREATE UNIQUE INDEX "Forum_slug_key" ON "Forum"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Forum_associationId_key" ON "Forum"("associationId");

-- CreateIndex
CREATE INDEX "Category_forumId_position_idx" ON "Category"("forumId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Category_forumId_slug_key" ON "Category"("forumId", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "Thread_acceptedPostId_key" ON "Thread"("acceptedPostId");

-- CreateIndex
CREATE INDEX "Thread_categoryId_lastPostAt_id_idx" ON "Thread"("categoryId", "lastPostAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Thread_forumId_lastPostAt_id_idx" ON "Thread"("forumId", "lastPostAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Thread_lastPostAt_id_idx" ON "Thread"("lastPostAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "Thread_associationId_idx" ON "Thread"("associationId");

-- CreateIndex
CREATE INDEX "Thread_tags_idx" ON "Thread" USING GIN ("tags");

-- CreateIndex
CREATE INDEX "Thread_areaSlugs_idx" ON "Thread" USING GIN ("areaSlugs");

-- CreateIndex
CREATE INDEX "Thread_authorId_idx" ON "Thread"("authorId");

-- CreateIndex
CREATE INDEX "Thread_lastPosterId_idx" ON "Thread"("lastPosterId");

-- CreateIndex
CREATE INDEX "Post_authorId_createdAt_idx" ON "Post"("authorId", "createdAt");

-- CreateIndex
CREATE INDEX "Post_searchVector_idx" ON "Post" USING GIN ("searchVector");

-- CreateIndex
CREATE UNIQUE INDEX "Post_threadId_number_key" ON "Post"("threadId", "number");

-- CreateIndex
CREATE INDEX "PostRevision_editorId_idx" ON "PostRevision"("editorId");

-- CreateIndex
CREATE UNIQUE INDEX "PostRevision_postId_number_key" ON "PostRevision"("postId", "number");

-- CreateIndex
CREATE INDEX "PostReaction_userId_idx" ON "PostReaction"("userId");

-- CreateIndex
CREATE INDEX "PostFlag_resolvedAt_createdAt_idx" ON "PostFlag"("resolvedAt", "createdAt");

-- CreateIndex
CREATE INDEX "PostFlag_userId_idx" ON "PostFlag"("userId");

-- CreateIndex
CREATE INDEX "PostFlag_resolvedById_idx" ON "PostFlag"("resolvedById");

-- CreateIndex
CREATE UNIQUE INDEX "PostFlag_postId_userId_key" ON "PostFlag"("postId", "userId");

-- CreateIndex
CREATE INDEX "ThreadReader_threadId_watching_idx" ON "ThreadReader"("threadId", "watching");

-- CreateIndex
CREATE INDEX "CategoryWatch_categoryId_idx" ON "CategoryWatch"("categoryId");

-- CreateIndex
CREATE INDEX "Notification_userId_createdAt_idx" ON "Notification"("userId", "createdAt" DESC);

-- CreateIndex
CREATE INDEX "Notification_userId_readAt_idx" ON "Notification"("userId", "readAt");

-- CreateIndex
CREATE INDEX "Notification_actorId_idx" ON "Notification"("actorId");

-- CreateIndex
CREATE INDEX "Notification_threadId_idx" ON "Notification"("threadId");

-- CreateIndex
CREATE INDEX "Notification_postId_idx" ON "Notification"("postId");

-- AddForeignKey
ALTER TABLE "Pathway" ADD CONSTRAINT "Pathway_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Pathway" ADD CONSTRAINT "Pathway_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PathwayStep" ADD CONSTRAINT "PathwayStep_pathwayId_fkey" FOREIGN KEY ("pathwayId") REFERENCES "Pathway"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PathwayStepArea" ADD CONSTRAINT "PathwayStepArea_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "PathwayStep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PathwayEnrolment" ADD CONSTRAINT "PathwayEnrolment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PathwayEnrolment" ADD CONSTRAINT "PathwayEnrolment_pathwayId_fkey" FOREIGN KEY ("pathwayId") REFERENCES "Pathway"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StepCompletion" ADD CONSTRAINT "StepCompletion_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StepCompletion" ADD CONSTRAINT "StepCompletion_stepId_fkey" FOREIGN KEY ("stepId") REFERENCES "PathwayStep"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StepCompletion" ADD CONSTRAINT "StepCompletion_activityPlanId_fkey" FOREIGN KEY ("activityPlanId") REFERENCES "ActivityPlan"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ActivityPlan" ADD CONSTRAINT "ActivityPlan_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssociationMembership" ADD CONSTRAINT "AssociationMembership_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssociationMembership" ADD CONSTRAINT "AssociationMembership_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssociationJoinRequest" ADD CONSTRAINT "AssociationJoinRequest_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssociationJoinRequest" ADD CONSTRAINT "AssociationJoinRequest_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssociationJoinRequest" ADD CONSTRAINT "AssociationJoinRequest_decidedById_fkey" FOREIGN KEY ("decidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssociationInvitation" ADD CONSTRAINT "AssociationInvitation_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssociationInvitation" ADD CONSTRAINT "AssociationInvitation_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AssociationInvitation" ADD CONSTRAINT "AssociationInvitation_usedById_fkey" FOREIGN KEY ("usedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Forum" ADD CONSTRAINT "Forum_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Category" ADD CONSTRAINT "Category_forumId_fkey" FOREIGN KEY ("forumId") REFERENCES "Forum"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Thread" ADD CONSTRAINT "Thread_forumId_fkey" FOREIGN KEY ("forumId") REFERENCES "Forum"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Thread" ADD CONSTRAINT "Thread_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Thread" ADD CONSTRAINT "Thread_associationId_fkey" FOREIGN KEY ("associationId") REFERENCES "Association"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Thread" ADD CONSTRAINT "Thread_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Thread" ADD CONSTRAINT "Thread_lastPosterId_fkey" FOREIGN KEY ("lastPosterId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Thread" ADD CONSTRAINT "Thread_acceptedPostId_fkey" FOREIGN KEY ("acceptedPostId") REFERENCES "Post"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Post" ADD CONSTRAINT "Post_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostRevision" ADD CONSTRAINT "PostRevision_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostRevision" ADD CONSTRAINT "PostRevision_editorId_fkey" FOREIGN KEY ("editorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostReaction" ADD CONSTRAINT "PostReaction_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostReaction" ADD CONSTRAINT "PostReaction_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostFlag" ADD CONSTRAINT "PostFlag_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostFlag" ADD CONSTRAINT "PostFlag_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostFlag" ADD CONSTRAINT "PostFlag_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadReader" ADD CONSTRAINT "ThreadReader_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ThreadReader" ADD CONSTRAINT "ThreadReader_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryWatch" ADD CONSTRAINT "CategoryWatch_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CategoryWatch" ADD CONSTRAINT "CategoryWatch_categoryId_fkey" FOREIGN KEY ("categoryId") REFERENCES "Category"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ForumVisit" ADD CONSTRAINT "ForumVisit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_threadId_fkey" FOREIGN KEY ("threadId") REFERENCES "Thread"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_postId_fkey" FOREIGN KEY ("postId") REFERENCES "Post"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Full-text search: each post's vector is kept by triggers. The opening post
-- (#1) also carries its thread's title, weighted above the body, and is
-- refreshed when the title changes.
CREATE FUNCTION "post_search_vector"(title TEXT, body TEXT) RETURNS tsvector
  LANGUAGE sql IMMUTABLE AS $$
    SELECT setweight(to_tsvector('english', coalesce(title, '')), 'A')
        || setweight(to_tsvector('english', coalesce(body, '')), 'B')
  $$;

CREATE FUNCTION "post_search_vector_refresh"() RETURNS trigger
  LANGUAGE plpgsql AS $$
  BEGIN
    NEW."searchVector" := "post_search_vector"(
      CASE WHEN NEW."number" = 1 THEN (SELECT "title" FROM "Thread" WHERE "id" = NEW."threadId") END,
      NEW."body");
    RETURN NEW;
  END
  $$;

CREATE TRIGGER "Post_search_vector"
  BEFORE INSERT OR UPDATE OF "body" ON "Post"
  FOR EACH ROW EXECUTE FUNCTION "post_search_vector_refresh"();

CREATE FUNCTION "thread_title_search_refresh"() RETURNS trigger
  LANGUAGE plpgsql AS $$
  BEGIN
    UPDATE "Post" SET "searchVector" = "post_search_vector"(NEW."title", "body")
      WHERE "threadId" = NEW."id" AND "number" = 1;
    RETURN NEW;
  END
  $$;

CREATE TRIGGER "Thread_title_search"
  AFTER UPDATE OF "title" ON "Thread"
  FOR EACH ROW WHEN (OLD."title" IS DISTINCT FROM NEW."title")
  EXECUTE FUNCTION "thread_title_search_refresh"();
