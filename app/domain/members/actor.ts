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
    };

export type MemberActor = Extract<Actor, { kind: "member" }>;

export const ANONYMOUS: Actor = { kind: "anonymous" };

export const isMember = (actor: Actor): actor is MemberActor => actor.kind === "member";
export const isAdmin = (actor: Actor) => actor.kind === "member" && actor.role === "ADMIN";

/** A member acting only for the visibility rules (notifications, emails): no session, no request. */
export function recipientActor(user: { id: string; role: "MEMBER" | "ADMIN" }): MemberActor {
  return { kind: "member", userId: user.id, sessionId: "", role: user.role, handle: "", displayName: "", onboarded: true };
}
