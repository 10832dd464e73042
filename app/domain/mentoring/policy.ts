/**
 * Who may see and do what with a mentorship. Pure, safe on the client.
 *
 * A mentorship (its request, its conversation, its schedule, its reflections)
 * is for its two members only: nobody else reads it, not a site administrator,
 * not the owners of an association that proposed the pair. A report from
 * inside the space shows the reported message to site administrators, and only
 * that (app/domain/mentoring/reports.server.ts).
 */
import type { Prisma } from "~/generated/prisma/client";
import type { Actor } from "~/domain/members/actor";

export type MentorshipFacts = {
  mentorId: string;
  menteeId: string;
  status: "PROPOSED" | "REQUESTED" | "ACTIVE" | "DECLINED" | "WITHDRAWN" | "ENDED";
  mentorAcceptedAt?: Date | string | null;
  menteeAcceptedAt?: Date | string | null;
};

/** The actor's side of the pair, or null for anyone else. */
export function sideOf(actor: Actor, mentorship: Pick<MentorshipFacts, "mentorId" | "menteeId">): "mentor" | "mentee" | null {
  if (actor.kind !== "member") return null;
  if (actor.userId === mentorship.mentorId) return "mentor";
  if (actor.userId === mentorship.menteeId) return "mentee";
  return null;
}

/** Read the request or the mentorship: its two members only. */
export function canViewMentorship(actor: Actor, mentorship: Pick<MentorshipFacts, "mentorId" | "menteeId">): boolean {
  return sideOf(actor, mentorship) !== null;
}

/** Every list and count of mentorships uses this: exactly `canViewMentorship`. */
export function visibleMentorshipsWhere(actor: Actor): Prisma.MentorshipWhereInput {
  if (actor.kind !== "member") return { id: { in: [] } };
  return { OR: [{ mentorId: actor.userId }, { menteeId: actor.userId }] };
}

/** Accept or decline: the mentor, on a request; either side that has not yet accepted, on a proposal. */
export function canAnswer(actor: Actor, mentorship: MentorshipFacts): boolean {
  const side = sideOf(actor, mentorship);
  if (!side) return false;
  if (mentorship.status === "REQUESTED") return side === "mentor";
  if (mentorship.status === "PROPOSED") {
    return side === "mentor" ? !mentorship.mentorAcceptedAt : !mentorship.menteeAcceptedAt;
  }
  return false;
}

/** Take a request back: the mentee, while it waits. */
export function canWithdraw(actor: Actor, mentorship: MentorshipFacts): boolean {
  return sideOf(actor, mentorship) === "mentee" && mentorship.status === "REQUESTED";
}

/** Write in the space, agree the schedule, end it, report: either member, while it is active. */
export function canTakePart(actor: Actor, mentorship: MentorshipFacts): boolean {
  return sideOf(actor, mentorship) !== null && mentorship.status === "ACTIVE";
}

/** Shown on both profiles only when both members agreed. */
export function showsOnProfiles(mentorship: { mentorShows: boolean; menteeShows: boolean; status: string }): boolean {
  return mentorship.mentorShows && mentorship.menteeShows && (mentorship.status === "ACTIVE" || mentorship.status === "ENDED");
}
