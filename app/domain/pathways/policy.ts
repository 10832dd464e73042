/**
 * Who may see and author pathways. Pure predicates, safe on the client.
 * - Published pathways are public (visitors may read them; enrolling needs an account).
 * - Unpublished ones (drafts) are seen by their authors only: site
 *   administrators for site pathways, the association's owner and moderators
 *   for an association's; a member who enrolled before it was unpublished
 *   keeps access to it and to their progress.
 */
import { isAdmin, type Actor } from "~/domain/members/actor";
import { canModerateAssociation, type Membership } from "~/domain/associations/policy";

export type PathwayFacts = { status: "DRAFT" | "PUBLISHED"; associationId: string | null };

/** Create, edit, reorder, publish and unpublish. `membership` is of the pathway's association (null for site pathways). */
export function canAuthorPathway(actor: Actor, pathway: { associationId: string | null }, membership: Membership): boolean {
  if (pathway.associationId === null) return isAdmin(actor);
  return canModerateAssociation(actor, membership);
}

export function canViewPathway(
  actor: Actor,
  pathway: PathwayFacts,
  context: { membership: Membership; enrolled: boolean },
): boolean {
  if (pathway.status === "PUBLISHED") return true;
  return context.enrolled || canAuthorPathway(actor, pathway, context.membership);
}

/** The pathways every list, count and recommendation may show. */
export function listedPathwaysWhere() {
  return { status: "PUBLISHED" as const };
}

export function canEnrol(actor: Actor, pathway: PathwayFacts): boolean {
  return actor.kind === "member" && pathway.status === "PUBLISHED";
}
