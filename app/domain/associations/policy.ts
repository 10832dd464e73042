/**
 * What a member may do in an association, from their membership role. Pure
 * predicates, safe on the client; loaders hand the results to components as
 * capability flags. Site administrators may do everything an owner may.
 */
import { canContribute, isAdmin, type Actor } from "~/domain/members/actor";

export type AssociationRoleName = "OWNER" | "MODERATOR" | "MEMBER";
/** The actor's membership of the association in question, or null. */
export type Membership = { role: AssociationRoleName } | null;

export const isAssociationMember = (membership: Membership) => membership !== null;

/** Edit the association's details, its categories and join policy. (Insight is open to moderators too: app/domain/insight/policy.ts.) */
export function canManageAssociation(actor: Actor, membership: Membership): boolean {
  return isAdmin(actor) || membership?.role === "OWNER";
}

/** Moderate its forum, approve join requests, create invitations, author its pathways. */
export function canModerateAssociation(actor: Actor, membership: Membership): boolean {
  return isAdmin(actor) || membership?.role === "OWNER" || membership?.role === "MODERATOR";
}

/** Appoint or remove moderators. */
export function canAppointModerators(actor: Actor, membership: Membership): boolean {
  return canManageAssociation(actor, membership);
}

/** Hand ownership to another member (the owner only; an admin may too, to rescue an abandoned association). */
export function canTransferOwnership(actor: Actor, membership: Membership): boolean {
  return canManageAssociation(actor, membership);
}

/** Leave: any member but the owner, who must transfer ownership first. */
export function canLeaveAssociation(actor: Actor, membership: Membership): boolean {
  return actor.kind === "member" && membership !== null && membership.role !== "OWNER";
}

/**
 * Join directly (OPEN), ask to join (APPROVAL), or neither (INVITE: only with
 * an invitation link); a member whose email address is not confirmed yet
 * confirms it first.
 */
export function joinOption(
  actor: Actor,
  membership: Membership,
  joinPolicy: "OPEN" | "APPROVAL" | "INVITE",
): "join" | "request" | "invite-only" | "sign-in" | "confirm-email" | null {
  if (actor.kind !== "member") return "sign-in";
  if (membership) return null;
  if (!canContribute(actor)) return "confirm-email";
  if (joinPolicy === "OPEN") return "join";
  if (joinPolicy === "APPROVAL") return "request";
  return "invite-only";
}

/** See the members list: the association's members and site administrators. */
export function canViewMembers(actor: Actor, membership: Membership): boolean {
  return isAdmin(actor) || membership !== null;
}

/** Approve or decline join requests. */
export const canReviewJoinRequests = canModerateAssociation;

/** Import members from a CSV, remove lapsed members and export the member list: the owner's (and administrators'). */
export const canImportMembers = canManageAssociation;

/** Create, list and revoke invitation links. */
export const canInviteMembers = canModerateAssociation;

/** Remove a member: owners (and admins), never the owner themselves. */
export function canRemoveMember(actor: Actor, membership: Membership, target: { role: AssociationRoleName }): boolean {
  return canManageAssociation(actor, membership) && target.role !== "OWNER";
}

/**
 * Add, edit, reorder and delete a forum's categories: the community forum
 * (no association) is the site administrators'; an association's forum is
 * its owner's (and the administrators').
 */
export function canManageCategories(
  actor: Actor,
  forum: { associationId: string | null },
  membership: Membership,
): boolean {
  if (forum.associationId === null) return isAdmin(actor);
  return canManageAssociation(actor, membership);
}
