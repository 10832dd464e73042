/**
 * The association's member list as CSV, for its owner: name, handle, role,
 * join date (by the association's records when imported, else when they
 * joined here) and external id; the email only of members who allow their
 * associations' owners to see it (Settings → Account, off by default).
 */
import type { Actor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { csvDocument, type CsvCell } from "~/utils/csv";
import { ok, type Result } from "~/utils/result";
import { authorizeAssociation } from "./memberships.server";
import { canImportMembers } from "./policy";

export const MEMBER_CSV_COLUMNS = ["name", "handle", "role", "join date", "external id", "email"] as const;

const ROLE_ORDER = { OWNER: 0, MODERATOR: 1, MEMBER: 2 } as const;

export async function exportMembers(actor: Actor, slug: string): Promise<Result<{ slug: string; csv: string }>> {
  const found = await authorizeAssociation(actor, slug, canImportMembers);
  if (!found.ok) return found;
  const { association } = found.value;
  const members = await prisma.associationMembership.findMany({
    // AssociationMembership(associationId, role, joinedAt, userId) index.
    where: { associationId: association.id },
    orderBy: [{ role: "asc" }, { joinedAt: "asc" }, { userId: "asc" }],
    select: {
      role: true,
      joinedAt: true,
      memberSince: true,
      externalId: true,
      user: { select: { email: true, emailVisibleToOwners: true, profile: { select: { displayName: true, handle: true } } } },
    },
  });
  members.sort((a, b) => ROLE_ORDER[a.role] - ROLE_ORDER[b.role]);
  const rows: CsvCell[][] = members.map((member) => [
    member.user.profile?.displayName ?? "",
    member.user.profile?.handle ?? "",
    member.role,
    (member.memberSince ?? member.joinedAt).toISOString().slice(0, 10),
    member.externalId ?? "",
    member.user.emailVisibleToOwners ? member.user.email : "",
  ]);
  return ok({ slug: association.slug, csv: csvDocument([[...MEMBER_CSV_COLUMNS], ...rows], { bom: true }) });
}
