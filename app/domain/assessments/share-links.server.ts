/**
 * Share links: a member gives a reviewer read-only access to their competency
 * profile until a date (default 30 days), and can revoke it at any time. Only
 * the token's hash is stored; the link is shown once, when it is made.
 */
import type { MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { fail, ok, type Result } from "~/utils/result";
import { generateToken, hashToken } from "~/utils/session.server";
import type { ShareViewer } from "./policy";

export { DEFAULT_SHARE_DAYS, SHARE_DAY_CHOICES } from "./share-options";
const DAY_MS = 24 * 60 * 60 * 1000;

export async function createShareLink(actor: MemberActor, input: { days: number; label: string; includeGoals?: boolean }, now = new Date()) {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + input.days * DAY_MS);
  await prisma.competencyShareLink.create({
    data: { id: hashToken(token), userId: actor.userId, label: input.label.trim(), expiresAt, includeGoals: input.includeGoals ?? false },
    select: { id: true },
  });
  return { token, expiresAt };
}

/** The member's links, newest first (never their tokens: those exist only in the links given out). */
export async function listShareLinks(actor: MemberActor, now = new Date()) {
  const links = await prisma.competencyShareLink.findMany({
    where: { userId: actor.userId },
    orderBy: { createdAt: "desc" },
    take: 50,
    select: { id: true, label: true, createdAt: true, expiresAt: true, revokedAt: true, includeGoals: true },
  });
  return links.map((link) => ({
    ...link,
    state: link.revokedAt ? ("revoked" as const) : link.expiresAt <= now ? ("expired" as const) : ("active" as const),
  }));
}

/** Revokes one of the member's own links (someone else's id changes nothing). */
export async function revokeShareLink(actor: MemberActor, linkId: string) {
  const { count } = await prisma.competencyShareLink.updateMany({
    where: { id: linkId, userId: actor.userId, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  return count === 1;
}

/** `includeGoals`: the member ticked "include my goals" for this link. */
export type ShareLinkGrant = { viewer: ShareViewer; expiresAt: Date; includeGoals: boolean };

const NO_LINK = "This share link does not work: it may be mistyped, or no longer exist.";

/** What a share link's token grants right now; a revoked or expired one is gone (410), its case in `why`. */
export async function resolveShareLink(token: string, now = new Date()): Promise<Result<ShareLinkGrant>> {
  if (!/^[a-z2-7]{32}$/.test(token)) return fail("not-found", NO_LINK, { why: "unknown" });
  const link = await prisma.competencyShareLink.findUnique({
    where: { id: hashToken(token) },
    select: { userId: true, expiresAt: true, revokedAt: true, includeGoals: true },
  });
  if (!link) return fail("not-found", NO_LINK, { why: "unknown" });
  if (link.revokedAt) {
    return fail("gone", "The member who shared this link has withdrawn it, so there is nothing to show.", { why: "revoked" });
  }
  if (link.expiresAt <= now) {
    return fail("gone", "Share links work for a limited time, and this one has run out.", { why: "expired" });
  }
  return ok({ viewer: { kind: "share", ownerId: link.userId }, expiresAt: link.expiresAt, includeGoals: link.includeGoals });
}
