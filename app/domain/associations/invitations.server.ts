/**
 * Invitation links: owners and moderators make single-use links (optionally
 * emailed to someone, optionally labelled) that work for 7, 14 or 30 days
 * and can be revoked. Only the token's SHA-256 hash is stored (the
 * invitation's id); the link is shown once, when it is made. Accepting it
 * makes the member join, whatever the association's join policy.
 */
import type { Actor, MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { escapeHtml } from "~/utils/email-render";
import { sendEmail } from "~/utils/email.server";
import { generateToken, hashToken } from "~/utils/session.server";
import { addMember, authorizeAssociation } from "./memberships.server";
import { canInviteMembers } from "./policy";
import { fail, ok, type Failure, type Result } from "~/utils/result";
import { formatLongDateForReader } from "~/utils/zoned-dates";

const DAY_MS = 24 * 60 * 60 * 1000;
const TOKEN_PATTERN = /^[a-z2-7]{32}$/;

export type InvitationState = "active" | "used" | "expired" | "revoked";
export type UnusableReason = "unknown" | "used" | "expired" | "revoked";

const UNUSABLE: Record<UnusableReason, string> = {
  used: "Each invitation link lets one person join, and this one has been used.",
  revoked: "The association withdrew this link.",
  expired: "Invitation links work for a limited time, and this one has run out.",
  unknown: "This invitation link does not work: it may be mistyped, or no longer exist.",
};

/** Why a link no longer works (410), the case named in `why`. */
function unusable(why: UnusableReason): Failure {
  return fail("gone", UNUSABLE[why], { why });
}


type InvitationOptions = { label?: string; days: number };

/** Makes a link; emails it when an address is given (after it is saved). The token is returned once. */
export async function createInvitation(
  actor: MemberActor,
  slug: string,
  input: InvitationOptions & { email?: string },
  site: string,
  now = new Date(),
): Promise<Result<{ url: string; expiresAt: Date; emailedTo: string | null }>> {
  const made = await createInvitations(actor, slug, { ...input, emails: input.email ? [input.email] : [] }, site, now);
  if (!made.ok) return made;
  const [link] = made.value.links;
  return ok({ url: link!.url, expiresAt: made.value.expiresAt, emailedTo: link!.email });
}

/**
 * Makes one link per address (validated by the form's schema), all in one
 * transaction, and emails each to its address once they are saved; with no
 * address, one link to send yourself. The tokens are returned once.
 */
export async function createInvitations(
  actor: MemberActor,
  slug: string,
  input: InvitationOptions & { emails: string[] },
  site: string,
  now = new Date(),
): Promise<Result<{ links: { url: string; email: string | null }[]; expiresAt: Date }>> {
  const found = await authorizeAssociation(actor, slug, canInviteMembers);
  if (!found.ok) return found;
  const { association } = found.value;
  const expiresAt = new Date(now.getTime() + input.days * DAY_MS);
  const emails: (string | null)[] = input.emails.length > 0 ? input.emails : [null];
  const links = emails.map((email) => ({ email, token: generateToken() }));
  await prisma.associationInvitation.createMany({
    data: links.map(({ email, token }) => ({
      id: hashToken(token),
      associationId: association.id,
      createdById: actor.userId,
      email,
      label: input.label ?? "",
      expiresAt,
    })),
  });
  const made = links.map(({ email, token }) => ({ email, url: `${site}/invitations/${token}` }));
  for (const link of made) {
    if (link.email) await emailInvitation(actor, association.name, link.email, link.url, expiresAt);
  }
  return ok({ links: made, expiresAt });
}

function emailInvitation(actor: MemberActor, associationName: string, to: string, url: string, expiresAt: Date) {
  return sendEmail(invitationEmail(actor.displayName, associationName, to, url, expiresAt));
}

/** The invitation email, for one link (also sent for member imports: member-import.server.ts). */
export function invitationEmail(inviterName: string, associationName: string, to: string, url: string, expiresAt: Date) {
  const until = formatLongDateForReader(expiresAt, "UTC");
  return {
    to,
    subject: `${inviterName} invites you to join ${associationName} on CME Commons`,
    text: [
      `${inviterName} has invited you to join ${associationName}, an association on CME Commons.`,
      "",
      "Open this link to accept (you will need to sign in or create a free account):",
      url,
      "",
      `The link works once, until ${until}. If you were not expecting this, you can ignore this email.`,
    ].join("\n"),
    html: [
      `<p>${escapeHtml(inviterName)} has invited you to join ${escapeHtml(
        associationName,
      )}, an association on CME Commons.</p>`,
      `<p><a href="${escapeHtml(url)}">Accept the invitation</a> (you will need to sign in or create a free account).</p>`,
      `<p>The link works once, until ${escapeHtml(until)}. If you were not expecting this, you can ignore this email.</p>`,
    ].join(""),
  };
}

function stateOf(
  invitation: { usedAt: Date | null; revokedAt: Date | null; expiresAt: Date },
  now: Date,
): InvitationState {
  if (invitation.usedAt) return "used";
  if (invitation.revokedAt) return "revoked";
  if (invitation.expiresAt <= now) return "expired";
  return "active";
}

/** The association's invitations, newest first (never their tokens). */
export async function listInvitations(actor: Actor, slug: string, now = new Date(), limit = 50) {
  const found = await authorizeAssociation(actor, slug, canInviteMembers);
  if (!found.ok) return found;
  const { association } = found.value;
  const rows = await prisma.associationInvitation.findMany({
    // Uses the (associationId, createdAt) index.
    where: { associationId: association.id },
    orderBy: [{ createdAt: "desc" }, { id: "asc" }],
    take: limit,
    select: {
      id: true,
      email: true,
      label: true,
      createdAt: true,
      expiresAt: true,
      usedAt: true,
      revokedAt: true,
      createdBy: { select: { profile: { select: { displayName: true } } } },
      usedBy: { select: { profile: { select: { displayName: true, handle: true } } } },
    },
  });
  return ok({
    association,
    invitations: rows.map((row) => ({
      id: row.id,
      email: row.email,
      label: row.label,
      createdAt: row.createdAt,
      expiresAt: row.expiresAt,
      usedAt: row.usedAt,
      createdByName: row.createdBy?.profile?.displayName ?? null,
      usedBy: row.usedBy?.profile ?? null,
      state: stateOf(row, now),
    })),
  });
}

/** Revokes one of the association's unused links (another association's id changes nothing). */
export async function revokeInvitation(
  actor: Actor,
  slug: string,
  invitationId: string,
  now = new Date(),
): Promise<Result<{ revoked: boolean }>> {
  const found = await authorizeAssociation(actor, slug, canInviteMembers);
  if (!found.ok) return found;
  const { count } = await prisma.associationInvitation.updateMany({
    where: { id: invitationId, associationId: found.value.association.id, usedAt: null, revokedAt: null },
    data: { revokedAt: now },
  });
  return ok({ revoked: count === 1 });
}

export type InvitationView = {
  association: { slug: string; name: string; descriptionHtml: string; memberCount: number };
  expiresAt: Date;
  alreadyMember: boolean;
};

/** What a link shows (no state change): the association, or why the link no longer works. */
export async function viewInvitation(actor: Actor, token: string, now = new Date()): Promise<Result<InvitationView>> {
  if (!TOKEN_PATTERN.test(token)) return unusable("unknown");
  const invitation = await prisma.associationInvitation.findUnique({
    where: { id: hashToken(token) },
    select: {
      usedAt: true,
      revokedAt: true,
      expiresAt: true,
      association: {
        select: {
          slug: true,
          name: true,
          descriptionHtml: true,
          memberCount: true,
          memberships: actor.kind === "member" ? { where: { userId: actor.userId }, select: { role: true } } : false,
        },
      },
    },
  });
  if (!invitation) return unusable("unknown");
  const state = stateOf(invitation, now);
  if (state !== "active") return unusable(state);
  const { memberships, ...association } = invitation.association;
  return ok({ association, expiresAt: invitation.expiresAt, alreadyMember: (memberships?.length ?? 0) > 0 });
}

/**
 * Accepts a link: uses it up (single use, conditional on still active) and
 * adds the member, in one transaction. A member already in the association
 * does not use the link up.
 */
export async function acceptInvitation(
  actor: MemberActor,
  token: string,
  now = new Date(),
): Promise<Result<{ slug: string; joined: boolean }>> {
  if (!TOKEN_PATTERN.test(token)) return unusable("unknown");
  const id = hashToken(token);
  return prisma.$transaction(async (tx) => {
    const invitation = await tx.associationInvitation.findUnique({
      where: { id },
      select: {
        associationId: true,
        usedAt: true,
        revokedAt: true,
        expiresAt: true,
        role: true,
        externalId: true,
        memberSince: true,
        association: { select: { slug: true } },
      },
    });
    if (!invitation) return unusable("unknown");
    const member = await tx.associationMembership.findUnique({
      where: { associationId_userId: { associationId: invitation.associationId, userId: actor.userId } },
      select: { role: true },
    });
    if (member) return ok({ slug: invitation.association.slug, joined: false });
    const state = stateOf(invitation, now);
    if (state !== "active") return unusable(state);
    // Conditional, so two people opening the link at once cannot both use it.
    const { count } = await tx.associationInvitation.updateMany({
      where: { id, usedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now, usedById: actor.userId },
    });
    if (count !== 1) return unusable("used");
    await addMember(tx, invitation.associationId, actor.userId, {
      // Ownership is never given by a link.
      role: invitation.role === "MODERATOR" ? "MODERATOR" : "MEMBER",
      externalId: invitation.externalId,
      memberSince: invitation.memberSince,
    });
    // A pending request is settled by the invitation.
    await tx.associationJoinRequest.updateMany({
      where: { associationId: invitation.associationId, userId: actor.userId, status: "PENDING" },
      data: { status: "APPROVED", decidedAt: now },
    });
    return ok({ slug: invitation.association.slug, joined: true });
  });
}
