/**
 * Sessions as the Lucia guide describes them (see docs/decisions/0003):
 * a random 160-bit token in an HttpOnly, SameSite=Lax cookie; the database
 * keeps only its SHA-256 hash; 30-day expiry, extended when used in its
 * second half.
 */
import { sha256 } from "@oslojs/crypto/sha2";
import { encodeBase32LowerCaseNoPadding, encodeHexLowerCase } from "@oslojs/encoding";
import { prisma } from "./db.server";

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

export async function createSession(userId: string, now = new Date()) {
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + SESSION_MS);
  await prisma.session.create({ data: { id: hashToken(token), userId, expiresAt }, select: { id: true } });
  return { token, expiresAt };
}

export type SessionUser = {
  id: string;
  role: "MEMBER" | "ADMIN";
  onboardedAt: Date | null;
  profile: { handle: string; displayName: string } | null;
};

/**
 * The session and member for a token, or null when unknown or expired (an
 * expired row is deleted). Extends the expiry when less than half remains.
 */
export async function validateSessionToken(token: string, now = new Date()) {
  const id = hashToken(token);
  const session = await prisma.session.findUnique({
    where: { id },
    select: {
      id: true,
      expiresAt: true,
      user: {
        select: {
          id: true,
          role: true,
          onboardedAt: true,
          profile: { select: { handle: true, displayName: true } },
        },
      },
    },
  });
  if (!session) return null;
  if (session.expiresAt.getTime() <= now.getTime()) {
    await prisma.session.deleteMany({ where: { id } });
    return null;
  }
  let { expiresAt } = session;
  let extended = false;
  if (expiresAt.getTime() - now.getTime() < SESSION_MS / 2) {
    expiresAt = new Date(now.getTime() + SESSION_MS);
    await prisma.session.update({ where: { id }, data: { expiresAt }, select: { id: true } });
    extended = true;
  }
  return { session: { id, expiresAt }, user: session.user as SessionUser, extended };
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

function secureCookies() {
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
