/** Loading a thread to authorise an action on it (posts, reading, moderation). */
import type { Prisma } from "~/generated/prisma/client";
import type { Membership } from "~/domain/associations/policy";
import { getMembership } from "~/domain/associations/memberships.server";
import type { Actor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { canViewThread } from "./policy";

const threadFactsSelect = {
  id: true,
  slug: true,
  title: true,
  forumId: true,
  categoryId: true,
  associationId: true,
  visibility: true,
  authorId: true,
  kind: true,
  lockedAt: true,
  pinnedAt: true,
  deletedAt: true,
  acceptedPostId: true,
} as const satisfies Prisma.ThreadSelect;

export type LoadedThread = Prisma.ThreadGetPayload<{ select: typeof threadFactsSelect }>;

/** A thread and the actor's membership of its association, for authorising an action on it. */
export async function loadThreadForActor(
  actor: Actor,
  threadId: string,
): Promise<{ thread: LoadedThread; membership: Membership } | null> {
  const thread = await prisma.thread.findUnique({ where: { id: threadId }, select: threadFactsSelect });
  if (!thread) return null;
  const membership = await getMembership(actor, thread.associationId);
  if (!canViewThread(actor, thread, membership)) return null;
  return { thread, membership };
}
