/** Looking up an actor's membership of an association (for the policies). */
import { prisma } from "~/utils/db.server";
import type { Actor } from "~/domain/members/actor";
import type { Membership } from "./policy";

/** The actor's membership of `associationId` (null for visitors, non-members and the community forum). */
export async function getMembership(actor: Actor, associationId: string | null): Promise<Membership> {
  if (actor.kind !== "member" || associationId === null) return null;
  const row = await prisma.associationMembership.findUnique({
    where: { associationId_userId: { associationId, userId: actor.userId } },
    select: { role: true },
  });
  return row;
}
