/**
 * Sessions as the Lucia guide describes them (see docs/decisions/0003):
 * a random 160-bit token in an HttpOnly, SameSite=Lax cookie; the database
 * keeps only its SHA-256 hash; 30-day expiry, extended when used in its
 * second half.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { Prisma } from "~/generated/prisma/client";
import type { Visibility } from "~/generated/prisma/enums";
import { prisma } from "./db.server";
import { now as clockNow } from "./clock.server";

export const SESSION_COOKIE = "cme_session";
export const SESSION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
const SESSION_MS = SESSION_DAYS * DAY_MS;

/** 20 random bytes (160 bits), base32: the secret that only the cookie holds. */
export function generateToken(): string {
  const bytes = new Uint8Array(20);
  crypto.getRandomValues(bytes);
  return encodeBase32LowerCaseNoPadding(bytes);
}

/** What the database stores in place of a token. */
export function hashToken(token: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(token)));
}

export async function createSession(userId: string, now = clockNow()) {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + SESSION_MS);
  await prisma.session.create({ data: { id: hashToken(token), userId, expiresAt }, select: { id: true } });
  return { token, expiresAt };
}

export type SessionUser = {
  id: string;
  role: "MEMBER" | "ADMIN";
  onboardedAt: Date | null;
  /** Whether the email address is confirmed (User.emailConfirmedAt is set). */
  confirmed: boolean;
  /** User.timeZone as stored (IANA; validated by the caller). */
  timeZone: string;
  profile: { handle: string; displayName: string; photoHash: string | null; photoVisibility: Visibility } | null;
};

type SessionRow = {
  expiresAt: Date;
  userId: string;
  role: "MEMBER" | "ADMIN";
  onboardedAt: Date | null;
  confirmed: boolean;
  timeZone: string;
  handle: string | null;
  displayName: string | null;
  photoHash: string | null;
  photoVisibility: Visibility | null;
  unread: number | null;
  moderation: number | null;
};

/**
 * The session and member for a token, or null when unknown or expired (an
 * expired row is deleted). Extends the expiry when less than half remains.
 *
 * One round trip: the session, its user and profile joined on their primary
 * keys, and on request (`unreadNotifications`) the unread notification count
 * for the header's badge (on the Notification (userId, readAt) index) and
 * the moderation badge's expression (`moderationWaiting`, handed in by the
 * caller, which knows the discussions context), so a page pays one query for
 * who is asking.
 */
export async function validateSessionToken(
  token: string,
  now = clockNow(),
  options: { unreadNotifications?: boolean; moderationWaiting?: (user: Prisma.Sql) => Prisma.Sql } = {},
) {
  const id = hashToken(token);
  const unread = options.unreadNotifications
    ? Prisma.sql`(SELECT count(*) FROM "Notification" n WHERE n."userId" = u."id" AND n."readAt" IS NULL)::int`
    : Prisma.sql`NULL::int`;
  const moderation = options.moderationWaiting ? options.moderationWaiting(Prisma.raw(`u`)) : Prisma.sql`NULL::int`;
  const [row] = await prisma.$queryRaw<SessionRow[]>`
    SELECT s."expiresAt", u."id" AS "userId", u."role"::text AS "role", u."onboardedAt",
           u."emailConfirmedAt" IS NOT NULL AS "confirmed", u."timeZone", p."handle", p."displayName",
           p."photoHash", p."photoVisibility"::text AS "photoVisibility", ${unread} AS "unread",
           ${moderation} AS "moderation"
      FROM "Session" s
      JOIN "User" u ON u."id" = s."userId"
      LEFT JOIN "Profile" p ON p."userId" = u."id"
     WHERE s."id" = ${id}`;
  if (!row) return null;
  if (row.expiresAt.getTime() <= now.getTime()) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  let { expiresAt } = row;
  let extended = false;
  if (expiresAt.getTime() - now.getTime() < SESSION_MS / 2) {
    expiresAt = new Date(now.getTime() + SESSION_MS);
    await prisma.session.update({ where: { id }, data: { expiresAt }, select: { id: true } });
    extended = true;
  }
  const user: SessionUser = {
    id: row.userId,
    role: row.role,
    onboardedAt: row.onboardedAt,
    confirmed: row.confirmed === true,
    timeZone: row.timeZone,
    profile:
      row.handle !== null && row.displayName !== null
        ? { handle: row.handle, displayName: row.displayName, photoHash: row.photoHash, photoVisibility: row.photoVisibility ?? "MEMBERS" }
        : null,
  };
  return {
    session: { id, expiresAt },
    user,
    extended,
    /** Set when asked for. */
    unreadNotifications: row.unread === null ? undefined : Number(row.unread),
    /** Posts with open flags the member moderates; null when they moderate nothing or it was not asked for. */
    moderationWaiting: row.moderation === null ? null : Number(row.moderation),
  };
}

export async function invalidateSession(sessionId: string) {
  await prisma.session.deleteMany({ where: { id: sessionId } });
}

/** Ends every session of a member, except (optionally) the one in use. */
export async function invalidateOtherSessions(userId: string, keepSessionId?: string) {
  await prisma.session.deleteMany({
    where: { userId, ...(keepSessionId ? { id: { not: keepSessionId } } : {}) },
  });
}

/** Cookies are `Secure` in production unless INSECURE_COOKIES=1 (a local build over plain HTTP). */
export function secureCookies() {
  return process.env.NODE_ENV === "production" && process.env.INSECURE_COOKIES !== "1";
}

export function sessionCookie(token: string, expiresAt: Date): string {
  const parts = [
    `${SESSION_COOKIE}=${token}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Lax",
    `Expires=${expiresAt.toUTCString()}`,
  ];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

export function clearedSessionCookie(): string {
  const parts = [`${SESSION_COOKIE}=`, "Path=/", "HttpOnly", "SameSite=Lax", "Max-Age=0"];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

export function readSessionToken(request: Request): string | null {
  const header = request.headers.get("Cookie");
  if (!header) return null;
  for (const part of header.split(";")) {
    const [name, ...rest] = part.trim().split("=");
    if (name === SESSION_COOKIE) {
      const value = rest.join("=");
      return /^[a-z2-7]{32}$/.test(value) ? value : null;
    }
  }
  return null;
}
