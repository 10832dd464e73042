/**
 * Who is making a request. Every loader and action gets one, never null: an
 * anonymous actor for visitors.
 */
export type Actor =
  | { kind: "anonymous" }
  | {
      kind: "member";
      userId: string;
      sessionId: string;
      role: "MEMBER" | "ADMIN";
      handle: string;
      displayName: string;
      onboarded: boolean;
      /** Whether the member's email address is confirmed (see `canContribute`). */
      confirmed: boolean;
      /**
       * The member's IANA time zone (User.timeZone), read with the session in the same query:
       * every date a member reads is shown in it (`readerTimeZone`). Absent on actors built
       * without a session (recipients, tests): UTC.
       */
      timeZone?: string;
    };

export type MemberActor = Extract<Actor, { kind: "member" }>;

export const ANONYMOUS: Actor = { kind: "anonymous" };

export const isMember = (actor: Actor): actor is MemberActor => actor.kind === "member";
/** The zone the actor reads dates in: the member's own, UTC for visitors. */
export const readerTimeZone = (actor: Actor): string => (actor.kind === "member" && actor.timeZone) || "UTC";

export const isAdmin = (actor: Actor) => actor.kind === "member" && actor.role === "ADMIN";

/**
 * Whether the actor may add to what other people read or receive: start
 * threads, reply, react and flag, propose, co-write, suggest, signal and sign
 * statements, join or create associations, accept association invitations and
 * invite reviewers by email. A member whose email address is not confirmed yet
 * may log in, read, and keep private things (assessments, plans, pathways,
 * settings), but not this: write policies call it, and routes refuse with
 * `requireContributor` (app/utils/auth.server.ts), which says why and offers
 * the confirmation email again.
 */
export function canContribute(actor: Actor): actor is MemberActor {
  return actor.kind === "member" && actor.confirmed;
}

/** What an unconfirmed member is told when a write is refused. */
export const UNCONFIRMED_MESSAGE =
  "Please confirm your email address first: follow the link we emailed you when you signed up. Until then you can read, but not post, join or invite.";

/** A member acting only for the visibility rules (notifications, emails): no session, no request, no writes. */
export function recipientActor(user: { id: string; role: "MEMBER" | "ADMIN" }): MemberActor {
  return { kind: "member", userId: user.id, sessionId: "", role: user.role, handle: "", displayName: "", onboarded: true, confirmed: false };
}
