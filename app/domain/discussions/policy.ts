/**
 * Who may see and do what in the forums (Discourse's Guardian, in small).
 * Pure predicates, safe on the client. Each `canView…` has a where-builder
 * that matches exactly the same records, used by every list, count, search,
 * feed and export, so a detail page and a list can never disagree.
 *
 * Visibility lives on the category and is copied onto each thread
 * (`Thread.visibility`, `Thread.associationId`), so filters touch one table:
 * - PUBLIC: everyone, visitors and feeds included;
 * - MEMBERS: any signed-in member;
 * - ASSOCIATION: members of the forum's association (and site administrators).
 *
 * Moderators: site administrators everywhere; an association's owner and
 * moderators in that association's forum. The community forum (no
 * association) is moderated by site administrators.
 */
import type { Prisma } from "~/generated/prisma/client";
import { canContribute, isAdmin, type Actor } from "~/domain/members/actor";
import type { Membership } from "~/domain/associations/policy";

export type VisibilityName = "PUBLIC" | "MEMBERS" | "ASSOCIATION";

/** What the rules need to know about a category or thread's place. */
export type Placement = { visibility: VisibilityName; associationId: string | null };

/**
 * The viewer's membership of the association that owns the forum in question
 * (null for the community forum or a non-member).
 */
export function canViewPlacement(actor: Actor, place: Placement, membership: Membership): boolean {
  if (place.visibility === "PUBLIC") return true;
  if (actor.kind !== "member") return false;
  if (place.visibility === "MEMBERS") return true;
  return isAdmin(actor) || (place.associationId !== null && membership !== null);
}

export const canViewCategory = canViewPlacement;

export function canModerateForum(actor: Actor, place: { associationId: string | null }, membership: Membership): boolean {
  if (isAdmin(actor)) return true;
  if (place.associationId === null) return false;
  return membership?.role === "OWNER" || membership?.role === "MODERATOR";
}

export type ThreadFacts = Placement & {
  authorId: string | null;
  kind: "DISCUSSION" | "QUESTION";
  lockedAt: Date | string | null;
  deletedAt: Date | string | null;
};

/** A deleted thread is gone for everyone but moderators. */
export function canViewThread(actor: Actor, thread: ThreadFacts, membership: Membership): boolean {
  if (!canViewPlacement(actor, thread, membership)) return false;
  return thread.deletedAt === null || canModerateForum(actor, thread, membership);
}

/** Start a thread in a category: any confirmed member who can see it (posting limits apply separately). */
export function canCreateThread(actor: Actor, category: Placement, membership: Membership): boolean {
  if (!canContribute(actor)) return false;
  if (!canViewPlacement(actor, category, membership)) return false;
  // Association forums are for the association's members, whatever a category's read visibility.
  return category.associationId === null || membership !== null || isAdmin(actor);
}

/** Reply: members who could start a thread there; a locked thread takes replies only from moderators. */
export function canReply(actor: Actor, thread: ThreadFacts, membership: Membership): boolean {
  if (!canViewThread(actor, thread, membership) || thread.deletedAt !== null) return false;
  if (!canCreateThread(actor, thread, membership)) return false;
  return thread.lockedAt === null || canModerateForum(actor, thread, membership);
}

export type PostFacts = { authorId: string | null; deletedAt: Date | string | null; hiddenAt: Date | string | null };

/** Edit: the author (while the post is not deleted or hidden), or a moderator. */
export function canEditPost(actor: Actor, thread: ThreadFacts, post: PostFacts, membership: Membership): boolean {
  if (actor.kind !== "member" || post.deletedAt !== null) return false;
  if (canModerateForum(actor, thread, membership)) return true;
  return post.authorId === actor.userId && post.hiddenAt === null && thread.lockedAt === null;
}

/** Soft-delete: the author or a moderator. */
export function canDeletePost(actor: Actor, thread: ThreadFacts, post: PostFacts, membership: Membership): boolean {
  if (actor.kind !== "member" || post.deletedAt !== null) return false;
  return post.authorId === actor.userId || canModerateForum(actor, thread, membership);
}

/** Earlier versions' text: moderators (everyone sees that and when a post was edited). */
export const canViewEarlierVersions = canModerateForum;

/** A hidden post's text: moderators and its author. */
export function canViewHiddenPost(actor: Actor, thread: Placement, post: PostFacts, membership: Membership): boolean {
  if (actor.kind !== "member") return false;
  return post.authorId === actor.userId || canModerateForum(actor, thread, membership);
}

/** Mark the accepted answer of a question: its author or a moderator. */
export function canAcceptAnswer(actor: Actor, thread: ThreadFacts, membership: Membership): boolean {
  if (thread.kind !== "QUESTION" || actor.kind !== "member" || thread.deletedAt !== null) return false;
  return thread.authorId === actor.userId || canModerateForum(actor, thread, membership);
}

/** React "helpful" or flag: confirmed members who can see it, not on their own posts. */
export function canReactToPost(actor: Actor, thread: ThreadFacts, post: PostFacts, membership: Membership): boolean {
  return (
    canContribute(actor) &&
    canViewThread(actor, thread, membership) &&
    post.authorId !== actor.userId &&
    post.deletedAt === null
  );
}
export const canFlagPost = canReactToPost;

// ─── Where-builders: exactly the records the predicates above allow ─────────

/** Threads the actor may see (not deleted). Used by every list, count, search and feed. */
export function visibleThreadsWhere(actor: Actor): Prisma.ThreadWhereInput {
  if (actor.kind !== "member") return { deletedAt: null, visibility: "PUBLIC" };
  if (isAdmin(actor)) return { deletedAt: null };
  return {
    deletedAt: null,
    OR: [
      { visibility: { in: ["PUBLIC", "MEMBERS"] } },
      { visibility: "ASSOCIATION", association: { memberships: { some: { userId: actor.userId } } } },
    ],
  };
}

/** Categories the actor may see. */
export function visibleCategoriesWhere(actor: Actor): Prisma.CategoryWhereInput {
  if (actor.kind !== "member") return { visibility: "PUBLIC" };
  if (isAdmin(actor)) return {};
  return {
    OR: [
      { visibility: { in: ["PUBLIC", "MEMBERS"] } },
      { visibility: "ASSOCIATION", forum: { association: { memberships: { some: { userId: actor.userId } } } } },
    ],
  };
}

/** Posts shown in lists, search and feeds: in visible threads, not deleted, not hidden. */
export function visiblePostsWhere(actor: Actor): Prisma.PostWhereInput {
  return { deletedAt: null, hiddenAt: null, thread: visibleThreadsWhere(actor) };
}
