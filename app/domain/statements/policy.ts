// Shared with the statements-versions helper (suggestions, diff, version pages): change signatures with care.
/**
 * Who may see and do what with a shared identity statement. Pure predicates,
 * safe on the client; loaders hand their results to components as capability
 * flags. `visibleStatementsWhere` matches exactly what `canViewStatement`
 * allows, and serves every list, count, profile feature and notification.
 *
 * - Scope: community-wide (no association) or one association.
 * - DRAFT: the author, co-authors and site administrators only.
 * - OPEN / ADOPTED / ARCHIVED: community-wide → everyone (visitors too);
 *   association → its members and site administrators.
 * - "Members in scope": any member for a community statement, the
 *   association's members for an association statement.
 * - "Moderators of the scope": site administrators everywhere; an
 *   association's owner and moderators for its statements.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { Membership } from "~/domain/associations/policy";
import { canContribute, isAdmin, type Actor } from "~/domain/members/actor";

export type StatementStatusName = "DRAFT" | "OPEN" | "ADOPTED" | "ARCHIVED";

/** What the rules need to know about a statement. */
export type StatementFacts = {
  status: StatementStatusName;
  associationId: string | null;
  authorId: string | null;
  coauthorIds: readonly string[];
};

const PUBLISHED: StatementStatusName[] = ["OPEN", "ADOPTED", "ARCHIVED"];

/** The author or a co-author. */
export function isWriter(actor: Actor, s: StatementFacts): boolean {
  if (actor.kind !== "member") return false;
  return s.authorId === actor.userId || s.coauthorIds.includes(actor.userId);
}

export function isAuthor(actor: Actor, s: StatementFacts): boolean {
  return actor.kind === "member" && s.authorId === actor.userId;
}

/** Site administrators; an association's owner and moderators for its statements. */
export function isScopeModerator(actor: Actor, s: { associationId: string | null }, membership: Membership): boolean {
  if (isAdmin(actor)) return true;
  if (s.associationId === null) return false;
  return membership?.role === "OWNER" || membership?.role === "MODERATOR";
}

/** A confirmed member who belongs to the statement's scope (any such member for a community statement). */
export function isInScope(actor: Actor, s: { associationId: string | null }, membership: Membership): boolean {
  if (!canContribute(actor)) return false;
  return s.associationId === null || membership !== null;
}

/** Propose a statement: any member; in an association, its members. */
export function canProposeStatement(actor: Actor, associationId: string | null, membership: Membership): boolean {
  return isInScope(actor, { associationId }, membership);
}

export function canViewStatement(actor: Actor, s: StatementFacts, membership: Membership): boolean {
  if (s.status === "DRAFT") return isAdmin(actor) || isWriter(actor, s);
  if (s.associationId === null) return true;
  return isAdmin(actor) || (actor.kind === "member" && membership !== null);
}

/** Edit the text directly (each save is a new version): the author and co-authors while DRAFT or OPEN. */
export function canEditText(actor: Actor, s: StatementFacts, membership: Membership): boolean {
  return (
    (s.status === "DRAFT" || s.status === "OPEN") && canContribute(actor) && isWriter(actor, s) && canViewStatement(actor, s, membership)
  );
}

/** Add or remove co-authors: the author while DRAFT or OPEN. */
export function canManageCoauthors(actor: Actor, s: StatementFacts, membership: Membership): boolean {
  return (s.status === "DRAFT" || s.status === "OPEN") && isAuthor(actor, s) && canViewStatement(actor, s, membership);
}

/** Suggest a revision: members in scope while OPEN, except the writers (they edit directly). */
export function canSuggest(actor: Actor, s: StatementFacts, membership: Membership): boolean {
  return s.status === "OPEN" && isInScope(actor, s, membership) && !isWriter(actor, s);
}

/** Accept or decline suggestions: the writers and the scope's moderators, while OPEN. */
export function canDecideSuggestions(actor: Actor, s: StatementFacts, membership: Membership): boolean {
  if (s.status !== "OPEN" || !canViewStatement(actor, s, membership)) return false;
  return isWriter(actor, s) || isScopeModerator(actor, s, membership);
}

/** DRAFT → OPEN: the author. */
export function canOpen(actor: Actor, s: StatementFacts, membership: Membership): boolean {
  return s.status === "DRAFT" && isAuthor(actor, s) && canProposeStatement(actor, s.associationId, membership);
}

/** OPEN → ADOPTED: the scope's moderators (site administrators for community statements). */
export function canAdopt(actor: Actor, s: StatementFacts, membership: Membership): boolean {
  return s.status === "OPEN" && isScopeModerator(actor, s, membership);
}

/**
 * Adopting a version nobody has signed: only a site administrator, who gives
 * a reason that stays on the statement's history. Everyone else who may adopt
 * waits for a first signature.
 */
export function canAdoptUnsigned(actor: Actor): boolean {
  return isAdmin(actor);
}

/** OPEN or ADOPTED → ARCHIVED: whoever may adopt, and the author of an OPEN statement. */
export function canArchive(actor: Actor, s: StatementFacts, membership: Membership): boolean {
  if (s.status === "OPEN") return isScopeModerator(actor, s, membership) || isAuthor(actor, s);
  if (s.status === "ADOPTED") return isScopeModerator(actor, s, membership);
  return false;
}

/** Agree / disagree / unsure: members in scope while OPEN. */
export function canSignal(actor: Actor, s: StatementFacts, membership: Membership): boolean {
  return s.status === "OPEN" && isInScope(actor, s, membership);
}

/** Sign the current version: members in scope while OPEN. */
export function canEndorse(actor: Actor, s: StatementFacts, membership: Membership): boolean {
  return s.status === "OPEN" && isInScope(actor, s, membership);
}

/** Feature on one's profile: any member who can see an ADOPTED statement. */
export function canFeature(actor: Actor, s: StatementFacts, membership: Membership): boolean {
  return s.status === "ADOPTED" && actor.kind === "member" && canViewStatement(actor, s, membership);
}

/** Statements the actor may see: the where-builder matching `canViewStatement`. */
export function visibleStatementsWhere(actor: Actor): Prisma.StatementWhereInput {
  if (actor.kind !== "member") return { associationId: null, status: { in: PUBLISHED } };
  if (isAdmin(actor)) return {};
  return {
    OR: [
      { associationId: null, status: { in: PUBLISHED } },
      { status: { in: PUBLISHED }, association: { memberships: { some: { userId: actor.userId } } } },
      {
        status: "DRAFT",
        OR: [{ authorId: actor.userId }, { coauthors: { some: { userId: actor.userId } } }],
      },
    ],
  };
}

export const STATUS_LABELS: Record<StatementStatusName, string> = {
  DRAFT: "Draft",
  OPEN: "Open",
  ADOPTED: "Adopted",
  ARCHIVED: "Archived",
};

export const statementPath = (id: string) => `/statements/${id}`;
