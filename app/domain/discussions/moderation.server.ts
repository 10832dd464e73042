/**
 * Moderator tools on a thread: pin, lock, and move to another category of
 * the same forum. Moving copies the new category's visibility (and the
 * forum's association) onto the thread, so every list and count filtering
 * Thread.visibility follows at once. Hiding and restoring posts live in
 * ./flags.server (the moderation queue).
 */
import type { MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { canModerateForum } from "./policy";
import { fail, type Result } from "~/utils/result";
import { loadThreadForActor } from "./thread-access.server";

type Done = Result<{ threadId: string; slug: string }>;

async function moderated(actor: MemberActor, threadId: string) {
  const context = await loadThreadForActor(actor, threadId);
  if (!context) return fail("not-found", "That thread does not exist or you cannot see it");
  if (!canModerateForum(actor, context.thread, context.membership)) return fail("forbidden", "Only moderators can do that");
  return context;
}

/** Pinned threads come first in their category. */
export async function setPinned(actor: MemberActor, threadId: string, pinned: boolean): Promise<Done> {
  const context = await moderated(actor, threadId);
  if ("ok" in context) return context;
  await prisma.thread.update({
    where: { id: threadId },
    data: { pinnedAt: pinned ? (context.thread.pinnedAt ?? new Date()) : null },
    select: { id: true },
  });
  return { ok: true, value: { threadId, slug: context.thread.slug } };
}

/** A locked thread takes no new replies (except from moderators). */
export async function setLocked(actor: MemberActor, threadId: string, locked: boolean): Promise<Done> {
  const context = await moderated(actor, threadId);
  if ("ok" in context) return context;
  await prisma.thread.update({
    where: { id: threadId },
    data: { lockedAt: locked ? (context.thread.lockedAt ?? new Date()) : null },
    select: { id: true },
  });
  return { ok: true, value: { threadId, slug: context.thread.slug } };
}

/** Moves a thread to another category of its forum, taking on that category's visibility. */
export async function moveThread(actor: MemberActor, threadId: string, categoryId: string): Promise<Done> {
  const context = await moderated(actor, threadId);
  if ("ok" in context) return context;
  const { thread } = context;
  const category = await prisma.category.findUnique({
    where: { id: categoryId },
    select: { id: true, forumId: true, visibility: true, forum: { select: { associationId: true } } },
  });
  if (!category || category.forumId !== thread.forumId) {
    return fail("invalid", "Choose a category of this forum", { fieldErrors: { categoryId: ["Choose a category of this forum"] } });
  }
  await prisma.thread.update({
    where: { id: threadId },
    data: { categoryId: category.id, visibility: category.visibility, associationId: category.forum.associationId },
    select: { id: true },
  });
  return { ok: true, value: { threadId, slug: thread.slug } };
}
