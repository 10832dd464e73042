/**
 * Share links: a member gives a reviewer read-only access to their competency
 * profile until a date (default 30 days), and can revoke it at any time. Only
 * the token's hash is stored; the link is shown once, when it is made.
 */
import type { MemberActor } from "~/domain/members/actor";
import { prisma } from "~/utils/db.server";
import { generateToken, hashToken } from "~/utils/session.server";
import type { ShareViewer } from "./policy";

export { DEFAULT_SHARE_DAYS, SHARE_DAY_CHOICES } from "./share-options";
const DAY_MS = 24 * 60 * 60 * 1000;

export async function createShareLink(actor: MemberActor, input: { days: number; label: string }, now = new Date()) {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + input.days * DAY_MS);
  await prisma.competencyShareLink.create({
    data: { id: hashToken(token), userId: actor.userId, label: input.label.trim(), expiresAt },
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
    select: { id: true, label: true, createdAt: true, expiresAt: true, revokedAt: true },
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

export type ShareLinkResolution =
  | { ok: true; viewer: ShareViewer; expiresAt: Date }
  | { ok: false; reason: "unknown" | "expired" | "revoked" };

/** What a share link's token grants right now. */
export async function resolveShareLink(token: string, now = new Date()): Promise<ShareLinkResolution> {
  if (!/^[a-z2-7]{32}$/.test(token)) return { ok: false, reason: "unknown" };
  const link = await prisma.competencyShareLink.findUnique({
    where: { id: hashToken(token) },
    select: { userId: true, expiresAt: true, revokedAt: true },
  });
  if (!link) return { ok: false, reason: "unknown" };
  if (link.revokedAt) return { ok: false, reason: "revoked" };
  if (link.expiresAt <= now) return { ok: false, reason: "expired" };
  return { ok: true, viewer: { kind: "share", ownerId: link.userId }, expiresAt: link.expiresAt };
}
