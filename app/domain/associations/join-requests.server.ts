/**
 * Join requests, for associations that approve each member (APPROVAL): a
 * member asks, with an optional message; the owner and moderators are
 * notified, and approve (membership, count and notification in one
 * transaction) or decline (with an optional reason, sent by email).
 */
import type { Actor, MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { authorizeAssociation, findAssociation, NOT_FOUND } from "./memberships.server";
import { addMember, associationNotificationData } from "./memberships.server";
import { canReviewJoinRequests } from "./policy";
import { fail, ok, type Result } from "~/utils/result";

export const REQUESTS_PAGE_SIZE = 50;

/**
 * Asks to join. A pending request is kept as it is (a double submit changes
 * nothing); an earlier declined or approved one (the member left since) is
 * opened again.
 */
export async function requestToJoin(
  actor: MemberActor,
  slug: string,
  message: string | undefined,
): Promise<Result<{ created: boolean }>> {
  const found = await findAssociation(actor, slug);
  if (!found) return NOT_FOUND;
  const { association, membership } = found;
  if (membership) return fail("conflict", "You are already a member of this association.");
  if (association.joinPolicy !== "APPROVAL") {
    return fail(
      "conflict",
      association.joinPolicy === "OPEN"
        ? "This association is open: you can join it straight away."
        : "This association takes new members by invitation only.",
    );
  }
  const text = message?.trim() ?? "";
  const created = await prisma.$transaction(async (tx) => {
    const { count } = await tx.associationJoinRequest.createMany({
      data: [{ associationId: association.id, userId: actor.userId, message: text }],
      skipDuplicates: true,
    });
    let opened = count === 1;
    if (!opened) {
      const reopened = await tx.associationJoinRequest.updateMany({
        where: { associationId: association.id, userId: actor.userId, status: { not: "PENDING" } },
        data: { status: "PENDING", message: text, decidedAt: null, decidedById: null, createdAt: new Date() },
      });
      opened = reopened.count === 1;
    }
    if (!opened) return false;
    const reviewers = await tx.associationMembership.findMany({
      // Uses the (associationId, role) index.
      where: { associationId: association.id, role: { in: ["OWNER", "MODERATOR"] } },
      select: { userId: true },
    });
    await tx.notification.createMany({
      data: reviewers.map((reviewer) => ({
        userId: reviewer.userId,
        kind: "JOIN_REQUEST" as const,
        actorId: actor.userId,
        data: associationNotificationData(association),
      })),
    });
    return true;
  });
  return ok({ created });
}

/** The pending requests, oldest first (owners and moderators). */
export async function listPendingRequests(actor: Actor, slug: string, limit = REQUESTS_PAGE_SIZE) {
  const found = await authorizeAssociation(actor, slug, canReviewJoinRequests);
  if (!found.ok) return found;
  const { association } = found.value;
  const [requests, total] = await Promise.all([
    prisma.associationJoinRequest.findMany({
      // Uses the (associationId, status, createdAt) index.
      where: { associationId: association.id, status: "PENDING" },
      orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      take: limit,
      select: {
        id: true,
        message: true,
        createdAt: true,
        user: { select: { profile: { select: { handle: true, displayName: true } } } },
      },
    }),
    prisma.associationJoinRequest.count({ where: { associationId: association.id, status: "PENDING" } }),
  ]);
  return ok({
    association,
    total,
    requests: requests.map((request) => ({
      id: request.id,
      message: request.message,
      createdAt: request.createdAt,
      handle: request.user.profile?.handle ?? null,
      displayName: request.user.profile?.displayName ?? "A member",
    })),
  });
}

async function findRequest(associationId: string, requestId: string) {
  const request = await prisma.associationJoinRequest.findUnique({
    where: { id: requestId },
    select: {
      associationId: true,
      userId: true,
      status: true,
      user: { select: { email: true, profile: { select: { displayName: true } } } },
    },
  });
  return request?.associationId === associationId ? request : null;
}

const REQUEST_GONE = fail("not-found", "That request no longer exists.");

/**
 * Approves a pending request: the membership, the member count and the
 * requester's notification in one transaction. Approving again is harmless.
 */
export async function approveJoinRequest(
  actor: Actor,
  slug: string,
  requestId: string,
  now = new Date(),
): Promise<Result<{ name: string; approved: boolean }>> {
  const found = await authorizeAssociation(actor, slug, canReviewJoinRequests);
  if (!found.ok) return found;
  const { association } = found.value;
  const request = await findRequest(association.id, requestId);
  if (!request) return REQUEST_GONE;
  const name = request.user.profile?.displayName ?? "The member";
  const approved = await prisma.$transaction(async (tx) => {
    // Conditional on still pending, so two moderators approving at once add one member.
    const { count } = await tx.associationJoinRequest.updateMany({
      where: { id: requestId, status: "PENDING" },
      data: { status: "APPROVED", decidedAt: now, decidedById: actor.kind === "member" ? actor.userId : null },
    });
    if (count !== 1) return false;
    await addMember(tx, association.id, request.userId);
    await tx.notification.create({
      data: {
        userId: request.userId,
        kind: "JOIN_APPROVED",
        actorId: actor.kind === "member" ? actor.userId : null,
        data: associationNotificationData(association),
      },
      select: { id: true },
    });
    return true;
  });
  return ok({ name, approved });
}

/**
 * Declines a pending request. The requester hears by email, with the reason
 * when one is given (after the decision is saved). Declining again is harmless.
 */
export async function declineJoinRequest(
  actor: Actor,
  slug: string,
  requestId: string,
  reason: string | undefined,
  site: string,
  now = new Date(),
): Promise<Result<{ name: string; declined: boolean }>> {
  const found = await authorizeAssociation(actor, slug, canReviewJoinRequests);
  if (!found.ok) return found;
  const { association } = found.value;
  const request = await findRequest(association.id, requestId);
  if (!request) return REQUEST_GONE;
  const name = request.user.profile?.displayName ?? "The member";
  const { count } = await prisma.associationJoinRequest.updateMany({
    where: { id: requestId, status: "PENDING" },
    data: { status: "DECLINED", decidedAt: now, decidedById: actor.kind === "member" ? actor.userId : null },
  });
  if (count === 1) {
    const note = reason?.trim();
    await sendEmail({
      to: request.user.email,
      subject: `Your request to join ${association.name}`,
      text: [
        `Your request to join ${association.name} on CME Commons was not accepted this time.`,
        ...(note ? ["", `The moderators wrote: ${note}`] : []),
        "",
        `You can still read what the association shares publicly: ${site}/associations/${association.slug}`,
      ].join("\n"),
    });
  }
  return ok({ name, declined: count === 1 });
}
