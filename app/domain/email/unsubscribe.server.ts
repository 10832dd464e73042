/**
 * Signed links in emails: the one-click unsubscribe link works without
 * logging in, so it carries its own proof, an HMAC-SHA256 over a versioned
 * payload (purpose and member id).
 *
 * Token: `v1.<userId>.<base64url HMAC of "cme-link:v1:<purpose>:<userId>">`.
 * The key is the site's signing key (app/utils/signing-key.server.ts).
 */
import { hmac } from "@oslojs/crypto/hmac";
import { SHA256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { decodeBase64urlIgnorePadding, encodeBase64urlNoPadding } from "@oslojs/encoding";
import type { EmailFrequency } from "~/generated/prisma/enums";
import { prisma } from "~/utils/db.server";
import { siteOrigin } from "~/utils/email.server";
import { signingKey } from "~/utils/signing-key.server";
import { setEmailFrequency } from "./preferences.server";

/** What a signed token may be used for; a token for one purpose is refused for another. */
export type LinkPurpose = "unsubscribe" | (string & {});

const VERSION = "v1";
const USER_ID = /^[A-Za-z0-9_-]{1,64}$/;
const encoder = new TextEncoder();

const payload = (purpose: string, userId: string) => encoder.encode(`cme-link:${VERSION}:${purpose}:${userId}`);

export async function createLinkToken(userId: string, purpose: LinkPurpose): Promise<string> {
  if (!USER_ID.test(userId)) throw new Error("Cannot sign a link for that id");
  const mac = hmac(SHA256, await signingKey(), payload(purpose, userId));
  return `${VERSION}.${userId}.${encodeBase64urlNoPadding(mac)}`;
}

/** The member id a token was made for, when it is genuine and for `purpose`; null otherwise. */
export async function readLinkToken(token: string | null | undefined, purpose: LinkPurpose): Promise<string | null> {
  if (typeof token !== "string" || token.length > 200) return null;
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [version, userId, macText] = parts as [string, string, string];
  if (version !== VERSION || !USER_ID.test(userId)) return null;
  let given: Uint8Array;
  try {
    given = decodeBase64urlIgnorePadding(macText);
  } catch {
    return null;
  }
  const expected = hmac(SHA256, await signingKey(), payload(purpose, userId));
  return constantTimeEqual(expected, given) ? userId : null;
}

/** The link in every community email's footer and List-Unsubscribe header. */
export async function unsubscribeUrl(userId: string): Promise<string> {
  return `${siteOrigin()}/email/unsubscribe?token=${encodeURIComponent(await createLinkToken(userId, "unsubscribe"))}`;
}

export type UnsubscribeTarget = {
  displayName: string;
  /** Enough of the address to recognise it, not enough to learn it from a forwarded email. */
  maskedEmail: string;
  frequency: EmailFrequency;
};

/** "annabelle@example.org" → "an…@example.org". */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at < 1) return "…";
  const local = email.slice(0, at);
  return `${local.slice(0, Math.min(2, Math.max(1, local.length - 1)))}…${email.slice(at)}`;
}

/** Who an unsubscribe token is for (null: not a genuine token, or the account is gone). */
export async function findUnsubscribeTarget(token: string | null | undefined): Promise<UnsubscribeTarget | null> {
  const userId = await readLinkToken(token, "unsubscribe");
  if (!userId) return null;
  const user = await prisma.user.findUnique({
    where: { id: userId },
    select: { email: true, emailFrequency: true, profile: { select: { displayName: true } } },
  });
  if (!user) return null;
  return {
    displayName: user.profile?.displayName ?? "CME Commons member",
    maskedEmail: maskEmail(user.email),
    frequency: user.emailFrequency,
  };
}

/**
 * Acts on an unsubscribe link: NONE (unsubscribe) or a weekly digest instead.
 * Null when the token is not genuine or the account is gone; nothing changes then.
 */
export async function applyUnsubscribeToken(
  token: string | null | undefined,
  frequency: Extract<EmailFrequency, "NONE" | "WEEKLY">,
  now = new Date(),
): Promise<UnsubscribeTarget | null> {
  const userId = await readLinkToken(token, "unsubscribe");
  if (!userId) return null;
  const changed = await setEmailFrequency(userId, frequency, now);
  if (!changed) return null;
  return findUnsubscribeTarget(token);
}
