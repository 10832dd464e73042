/**
 * Association mentoring programs: who runs one and who takes part. Pure,
 * safe on the client.
 *
 * - An association's owner (and site administrators, who may do all an owner
 *   may) starts, edits and closes the program, invites the members, sees its
 *   counts and proposes pairs. Moderators do not: pairing people is the
 *   owner's call.
 * - Its members opt in as a mentor, a mentee or both, while it is open.
 * - Nobody running a program reads a pair's conversation: proposals go
 *   through `visibleMentorshipsWhere` like every other mentorship, and the
 *   program pages only ever select a proposal's status and names.
 */
import { canManageAssociation, type Membership } from "~/domain/associations/policy";
import { canContribute, type Actor } from "~/domain/members/actor";

/** Start, edit, close, invite, see the counts, propose pairs. */
export function canRunMentoringProgram(actor: Actor, membership: Membership): boolean {
  return canManageAssociation(actor, membership);
}

/** Read the program's invitation and opt in or out: the association's members. */
export function canTakePartInProgram(actor: Actor, membership: Membership): boolean {
  return actor.kind === "member" && membership !== null;
}

/** Opting in needs a confirmed address (as asking for a mentor does). */
export function canOptIn(actor: Actor, membership: Membership, program: { closedAt: Date | string | null } | null): boolean {
  return canContribute(actor) && membership !== null && program !== null && program.closedAt === null;
}
