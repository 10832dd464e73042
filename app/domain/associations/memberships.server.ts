/**
 * Memberships: looking one up (for the policies, with the association),
 * join an open association, leave, appoint and remove
 * moderators, remove members, hand ownership on, and the members list.
 *
 * `Association.memberCount` moves only with a membership row actually
 * created or deleted in the same transaction (insert … on conflict do
 * nothing, delete … returning a count), so a double submit can never count
 * anyone twice.
 */
import type { Prisma } from "~/generated/prisma/client";
import type { Actor, MemberActor } from "~/domain/members/actor";
import { photoPath } from "~/domain/members/policy";
import { prisma } from "~/utils/db.server";
import { cursorDate, cursorString, decodeCursor, encodeCursor } from "~/utils/cursor";
import {
  canAppointModerators,
  canLeaveAssociation,
  canRemoveMember,
  canTransferOwnership,
  canViewMembers,
  type AssociationRoleName,
  type Membership,
} from "./policy";
import { fail, ok, type Result } from "~/utils/result";
import type { JoinPolicyName } from "./constants";

export const NOT_FOUND = fail("not-found", "We couldn't find that association.");
export const FORBIDDEN = fail("forbidden", "You don't have permission to do that.");

// ─── Looking up a membership ────────────────────────────────────────────────

/** The actor's membership of `associationId` (null for visitors, non-members and the community forum), for the policies. */
export async function getMembership(actor: Actor, associationId: string | null): Promise<Membership> {
  if (actor.kind !== "member" || associationId === null) return null;
  const row = await prisma.associationMembership.findUnique({
    where: { associationId_userId: { associationId, userId: actor.userId } },
    select: { role: true },
  });
  return row;
}

// ─── Looking an association up ──────────────────────────────────────────────

export type AssociationRef = {
  id: string;
  slug: string;
  name: string;
  joinPolicy: JoinPolicyName;
  memberCount: number;
};

const refSelect = { id: true, slug: true, name: true, joinPolicy: true, memberCount: true } as const;

/** The association at `slug` and the actor's membership of it (null when there is no such association). */
export async function findAssociation(
  actor: Actor,
  slug: string,
): Promise<{ association: AssociationRef; membership: Membership } | null> {
  if (!/^[a-z0-9-]{1,60}$/.test(slug)) return null;
  const association = await prisma.association.findUnique({ where: { slug }, select: refSelect });
  if (!association) return null;
  return { association, membership: await getMembership(actor, association.id) };
}

/** The same, for a page or action that needs `allowed`: null → 404, false → 403. */
export async function authorizeAssociation(
  actor: Actor,
  slug: string,
  allowed: (actor: Actor, membership: Membership) => boolean,
): Promise<Result<{ association: AssociationRef; membership: Membership }>> {
  const found = await findAssociation(actor, slug);
  if (!found) return NOT_FOUND;
  if (!allowed(actor, found.membership)) return FORBIDDEN;
  return ok(found);
}

type Tx = Prisma.TransactionClient;

export const MEMBERS_PAGE_SIZE = 50;

/** Notification data for association events (read by the notifications pages). */
export function associationNotificationData(association: { slug: string; name: string }, role?: AssociationRoleName) {
  return role
    ? {
        associationSlug: association.slug,
        associationName: association.name,
        role,
      }
    : { associationSlug: association.slug, associationName: association.name };
}

/**
 * Adds a member inside the caller's transaction; true when they were not a
 * member yet (and the count went up), false when they already were.
 */
export async function addMember(
  tx: Tx,
  associationId: string,
  userId: string,
  /** What an invitation gives (a member import's role, external id and join date). */
  details: { role?: "MEMBER" | "MODERATOR"; externalId?: string | null; memberSince?: Date | null } = {},
): Promise<boolean> {
  const { count } = await tx.associationMembership.createMany({
    data: [
      {
        associationId,
        userId,
        role: details.role ?? "MEMBER",
        externalId: details.externalId ?? null,
        memberSince: details.memberSince ?? null,
      },
    ],
    skipDuplicates: true,
  });
  if (count === 1) {
    await tx.association.update({
      where: { id: associationId },
      data: { memberCount: { increment: 1 } },
      select: { id: true },
    });
  }
  return count === 1;
}

/** Joins an OPEN association. Joining twice changes nothing. */
export async function joinAssociation(actor: MemberActor, slug: string): Promise<Result<{ joined: boolean }>> {
  const found = await findAssociation(actor, slug);
  if (!found) return NOT_FOUND;
  const { association, membership } = found;
  if (membership) return ok({ joined: false });
  if (association.joinPolicy !== "OPEN") {
    return fail(
      "forbidden",
      association.joinPolicy === "APPROVAL"
        ? "This association approves each new member: ask to join instead."
        : "This association takes new members by invitation only.",
    );
  }
  const joined = await prisma.$transaction((tx) => addMember(tx, association.id, actor.userId));
  return ok({ joined });
}

/** Leaves the association. The owner must hand ownership on first. Leaving twice changes nothing. */
export async function leaveAssociation(actor: MemberActor, slug: string): Promise<Result<{ left: boolean }>> {
  const found = await findAssociation(actor, slug);
  if (!found) return NOT_FOUND;
  const { association, membership } = found;
  if (!membership) return ok({ left: false });
  if (!canLeaveAssociation(actor, membership)) {
    return fail("conflict", "As the owner you cannot leave yet: make another member the owner first, then leave.");
  }
  const left = await prisma.$transaction(async (tx) => {
    // The role condition keeps an owner appointed in the meantime from leaving.
    const { count } = await tx.associationMembership.deleteMany({
      where: {
        associationId: association.id,
        userId: actor.userId,
        role: { not: "OWNER" },
      },
    });
    if (count === 1) {
      await tx.association.update({
        where: { id: association.id },
        data: { memberCount: { decrement: 1 } },
        select: { id: true },
      });
    }
    return count === 1;
  });
  return ok({ left });
}

async function findTarget(association: AssociationRef, userId: string) {
  return prisma.associationMembership.findUnique({
    where: { associationId_userId: { associationId: association.id, userId } },
    select: {
      role: true,
      user: { select: { profile: { select: { displayName: true } } } },
    },
  });
}

const NOT_A_MEMBER = fail("not-found", "That person is not a member of this association.");

/** Makes a member a moderator, or a moderator a member again (owners and admins). */
export async function setMemberRole(
  actor: Actor,
  slug: string,
  userId: string,
  role: "MODERATOR" | "MEMBER",
): Promise<Result<{ changed: boolean; name: string }>> {
  const found = await authorizeAssociation(actor, slug, canAppointModerators);
  if (!found.ok) return found;
  const { association } = found.value;
  const target = await findTarget(association, userId);
  if (!target) return NOT_A_MEMBER;
  const name = target.user.profile?.displayName ?? "The member";
  if (target.role === "OWNER") return fail("conflict", "The owner’s role changes only by handing ownership to someone else.");
  if (target.role === role) return ok({ changed: false, name });
  const changed = await prisma.$transaction(async (tx) => {
    const { count } = await tx.associationMembership.updateMany({
      where: { associationId: association.id, userId, role: { not: "OWNER" } },
      data: { role },
    });
    if (count === 1) {
      await tx.notification.create({
        data: {
          userId,
          kind: "ROLE_CHANGED",
          actorId: actor.kind === "member" ? actor.userId : null,
          data: associationNotificationData(association, role),
        },
        select: { id: true },
      });
    }
    return count === 1;
  });
  return ok({ changed, name });
}

/** Removes a member (owners and admins; never the owner). Removing twice changes nothing. */
export async function removeMember(
  actor: Actor,
  slug: string,
  userId: string,
): Promise<Result<{ name: string; /** False when they were not (or no longer) a member: nothing changed. */ removed: boolean }>> {
  const found = await authorizeAssociation(actor, slug, canAppointModerators);
  if (!found.ok) return found;
  const { association, membership } = found.value;
  const target = await findTarget(association, userId);
  // Already gone (a second click, or someone else was quicker): nothing to do, and no error.
  if (!target) return ok({ name: "The member", removed: false });
  if (!canRemoveMember(actor, membership, target)) {
    return fail("conflict", "The owner cannot be removed: ownership has to be handed on first.");
  }
  const removed = await prisma.$transaction(async (tx) => {
    const { count } = await tx.associationMembership.deleteMany({
      where: { associationId: association.id, userId, role: { not: "OWNER" } },
    });
    if (count === 1) {
      await tx.association.update({
        where: { id: association.id },
        data: { memberCount: { decrement: 1 } },
        select: { id: true },
      });
    }
    return count === 1;
  });
  return ok({ name: target.user.profile?.displayName ?? "The member", removed });
}

/**
 * Hands ownership to another member: they become the OWNER and the previous
 * owner a MODERATOR, in one transaction, so there is always exactly one owner.
 */
export async function transferOwnership(
  actor: Actor,
  slug: string,
  userId: string,
): Promise<Result<{ name: string }>> {
  const found = await authorizeAssociation(actor, slug, canTransferOwnership);
  if (!found.ok) return found;
  const { association } = found.value;
  const target = await findTarget(association, userId);
  if (!target) return NOT_A_MEMBER;
  const name = target.user.profile?.displayName ?? "The member";
  if (target.role === "OWNER") return ok({ name });
  const actorId = actor.kind === "member" ? actor.userId : null;

  try {
    await prisma.$transaction(async (tx) => {
      // Two transfers at once (two tabs, an owner and an admin) queue here, so
      // the second sees the first's result: there is always exactly one owner.
      await tx.$queryRaw`SELECT 1 FROM "Association" WHERE "id" = ${association.id} FOR UPDATE`;
      const previous = await tx.associationMembership.findMany({
        where: { associationId: association.id, role: "OWNER" },
        select: { userId: true },
      });
      await tx.associationMembership.updateMany({
        where: { associationId: association.id, role: "OWNER" },
        data: { role: "MODERATOR" },
      });
      const { count } = await tx.associationMembership.updateMany({
        where: { associationId: association.id, userId },
        data: { role: "OWNER" },
      });
      // The new owner left in the meantime: roll everything back.
      if (count !== 1) throw new OwnershipTargetGone();
      await tx.notification.createMany({
        data: [
          {
            userId,
            kind: "ROLE_CHANGED" as const,
            actorId,
            data: associationNotificationData(association, "OWNER"),
          },
          // An administrator stepping in tells the previous owner; an owner handing on knows already.
          ...previous
            .filter((row) => row.userId !== actorId)
            .map((row) => ({
              userId: row.userId,
              kind: "ROLE_CHANGED" as const,
              actorId,
              data: associationNotificationData(association, "MODERATOR"),
            })),
        ],
      });
    });
  } catch (error) {
    if (error instanceof OwnershipTargetGone) return NOT_A_MEMBER;
    throw error;
  }
  return ok({ name });
}

class OwnershipTargetGone extends Error {}

// ─── The members list ───────────────────────────────────────────────────────

const ROLE_ORDER: AssociationRoleName[] = ["OWNER", "MODERATOR", "MEMBER"];

type MembersCursor = {
  role: AssociationRoleName;
  joinedAt: Date;
  userId: string;
};

function toCursor(cursor: MembersCursor): string {
  return encodeCursor([cursor.role, cursor.joinedAt, cursor.userId]);
}

function fromCursor(text: string | null | undefined): MembersCursor | null {
  return decodeCursor(text, { length: 3 }, ([role, at, id]) => {
    const joinedAt = cursorDate(at);
    const userId = cursorString(id);
    return ROLE_ORDER.includes(role as AssociationRoleName) && joinedAt && userId !== null
      ? { role: role as AssociationRoleName, joinedAt, userId }
      : null;
  });
}

/**
 * The members, owner first, then moderators, then members, each by joining
 * date: a page at a time (keyset on role, joinedAt, userId; the
 * (associationId, role) index narrows each role).
 */
export async function listMembers(
  actor: Actor,
  slug: string,
  after: string | null | undefined,
  limit = MEMBERS_PAGE_SIZE,
) {
  const found = await authorizeAssociation(actor, slug, canViewMembers);
  if (!found.ok) return found;
  const { association, membership } = found.value;
  const cursor = fromCursor(after);
  const where: Prisma.AssociationMembershipWhereInput = {
    associationId: association.id,
  };
  if (cursor) {
    const laterRoles = ROLE_ORDER.slice(ROLE_ORDER.indexOf(cursor.role) + 1);
    where.OR = [
      { role: { in: laterRoles } },
      { role: cursor.role, joinedAt: { gt: cursor.joinedAt } },
      {
        role: cursor.role,
        joinedAt: cursor.joinedAt,
        userId: { gt: cursor.userId },
      },
    ];
  }
  const rows = await prisma.associationMembership.findMany({
    where,
    // PostgreSQL sorts an enum in declaration order: OWNER, MODERATOR, MEMBER.
    orderBy: [{ role: "asc" }, { joinedAt: "asc" }, { userId: "asc" }],
    take: limit + 1,
    select: { userId: true, role: true, joinedAt: true },
  });
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  // Names straight from the profiles (one query, rather than two through the users).
  const profiles = await prisma.profile.findMany({
    where: { userId: { in: page.map((row) => row.userId) } },
    select: { userId: true, handle: true, displayName: true, photoHash: true, photoVisibility: true },
  });
  const profileOf = new Map(profiles.map((profile) => [profile.userId, profile]));
  const photoOf = (userId: string) => {
    const profile = profileOf.get(userId);
    return profile ? photoPath(actor, profile, "small") : null;
  };
  return ok({
    association,
    membership,
    members: page.map((row) => ({
      userId: row.userId,
      role: row.role,
      joinedAt: row.joinedAt,
      handle: profileOf.get(row.userId)?.handle ?? null,
      displayName: profileOf.get(row.userId)?.displayName ?? "Former member",
      photo: photoOf(row.userId),
    })),
    nextCursor: rows.length > limit && last ? toCursor(last) : null,
  });
}

/** One member, for the transfer confirmation (by handle). */
export async function findMemberByHandle(associationId: string, handle: string) {
  const row = await prisma.associationMembership.findFirst({
    where: { associationId, user: { profile: { handle } } },
    select: {
      userId: true,
      role: true,
      user: {
        select: { profile: { select: { handle: true, displayName: true } } },
      },
    },
  });
  if (!row?.user.profile) return null;
  return {
    userId: row.userId,
    role: row.role,
    handle: row.user.profile.handle,
    displayName: row.user.profile.displayName,
  };
}
