/**
 * Signing in through an OpenID Connect provider, from the "Sign in with …"
 * link to a session: the attempt (state cookie), the callback, a first
 * sign-in that creates an account, and the confirmed linking of an existing
 * account (docs/decisions/0022-single-sign-on.md).
 *
 * The linking rule: an identity is joined to an existing account only when
 * the provider says the address is verified AND the account's owner confirms
 * it here, with their password or an emailed link opened in the same browser.
 * Matching addresses alone never sign anyone into an existing account.
 */
import * as client from "openid-client";
import { Prisma } from "~/generated/prisma/client";
import { addMember } from "~/domain/associations/memberships.server";
import type { MemberActor } from "~/domain/members/actor";
import { createAccountIn, REAUTH_MINUTES } from "~/domain/members/accounts.server";
import { prisma } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { verifyPassword } from "~/utils/password.server";
import { fail, failFields, ok, type FailReason, type Result } from "~/utils/result";
import { createSession, generateToken, hashToken, secureCookies } from "~/utils/session.server";
import { linkProviderEmail } from "./emails";
import { ssoProblemMessage, type SsoProblem } from "./messages";
import { authorizationRequest, exchangeCode, ProviderUnavailableError, type VerifiedClaims } from "./oidc.server";
import { canRemoveProvider } from "./policy";
import { findProvider, type ProviderRecord } from "./providers.server";

export const ATTEMPT_COOKIE = "cme_sso";
export const PENDING_COOKIE = "cme_sso_link";
export const ATTEMPT_MINUTES = 10;
export const PENDING_LINK_MINUTES = 30;
/** How recent a provider sign-in must be to confirm a sensitive action. */
const REAUTH_MAX_AGE_SECONDS = 5 * 60;

export type Purpose = "login" | "reauth" | "connect";

// ---------------------------------------------------------------- cookies

function cookie(name: string, value: string, maxAgeSeconds: number): string {
  // SameSite=Lax: sent on the provider's top-level GET redirect back to us, never on cross-site posts.
  const parts = [`${name}=${value}`, "Path=/sso", "HttpOnly", "SameSite=Lax", `Max-Age=${maxAgeSeconds}`];
  if (secureCookies()) parts.push("Secure");
  return parts.join("; ");
}

export const attemptCookie = (token: string) => cookie(ATTEMPT_COOKIE, token, ATTEMPT_MINUTES * 60);
export const clearedAttemptCookie = () => cookie(ATTEMPT_COOKIE, "", 0);
export const pendingCookie = (token: string) => cookie(PENDING_COOKIE, token, PENDING_LINK_MINUTES * 60);
export const clearedPendingCookie = () => cookie(PENDING_COOKIE, "", 0);

export function readCookie(request: Request, name: string): string | null {
  for (const part of (request.headers.get("Cookie") ?? "").split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) {
      const value = rest.join("=");
      return /^[a-z2-7]{32}$/.test(value) ? value : null;
    }
  }
  return null;
}

// ---------------------------------------------------------------- messages

/** A failure whose message comes from messages.ts, with its key as `why`. */
function problem(reason: FailReason, why: SsoProblem, provider?: { displayName: string }) {
  return fail(reason, ssoProblemMessage(why, provider?.displayName), { why });
}
const unavailable = (provider: { displayName: string }) => problem("conflict", "provider-down", provider);

/** The callback URL the provider sends the browser back to. */
export const callbackPath = (slug: string) => `/sso/${slug}/callback`;

// ---------------------------------------------------------------- start

/**
 * Starts a sign-in: stores the attempt (state, nonce, PKCE verifier) under a
 * random token the browser keeps in a cookie, and returns the provider's
 * authorization URL. "reauth" and "connect" belong to the signed-in actor.
 */
export async function startSignIn(
  slug: string,
  purpose: Purpose,
  options: { siteUrl: string; redirectTo?: string | null; actor?: MemberActor },
  now = new Date(),
): Promise<Result<{ url: string; token: string }>> {
  const provider = await findProvider({ slug });
  if (!provider) return problem("not-found", "no-provider");
  if (purpose !== "login" && !options.actor) return fail("forbidden", "Log in first.");
  let request;
  try {
    request = await authorizationRequest(provider.settings, options.siteUrl + callbackPath(slug), {
      ...(purpose === "reauth" ? { prompt: "login" } : {}),
    });
  } catch (error) {
    if (error instanceof ProviderUnavailableError) return unavailable(provider);
    throw error;
  }
  const token = generateToken();
  await prisma.ssoAttempt.create({
    data: {
      id: hashToken(token),
      providerId: provider.id,
      ...request.checks,
      purpose,
      userId: options.actor?.userId ?? null,
      sessionId: options.actor?.sessionId ?? null,
      redirectTo: options.redirectTo ?? null,
      expiresAt: new Date(now.getTime() + ATTEMPT_MINUTES * 60_000),
    },
    select: { id: true },
  });
  return ok({ url: request.url.href, token });
}

// ---------------------------------------------------------------- callback

export type Outcome =
  | { kind: "session"; token: string; expiresAt: Date; onboarded: boolean; created: boolean; redirectTo: string | null }
  | { kind: "link-pending"; token: string }
  | { kind: "reauthenticated"; redirectTo: string | null; providerName: string }
  | { kind: "connected"; redirectTo: string | null; providerName: string };

/** Uses up the attempt the cookie stands for (once), if it is this provider's and not expired. */
async function claimAttempt(token: string | null, providerId: string, now: Date) {
  if (!token) return null;
  const id = hashToken(token);
  const attempt = await prisma.ssoAttempt.findUnique({
    where: { id },
    select: { providerId: true, state: true, nonce: true, codeVerifier: true, purpose: true, userId: true, sessionId: true, redirectTo: true, expiresAt: true },
  });
  if (!attempt) return null;
  const { count } = await prisma.ssoAttempt.deleteMany({ where: { id } });
  if (count !== 1 || attempt.providerId !== providerId || attempt.expiresAt <= now) return null;
  return attempt;
}

/**
 * The provider sent the browser back: checks it against the attempt (through
 * openid-client), then signs in, creates the account, asks for the link to
 * be confirmed, or records a re-authentication, by the attempt's purpose.
 */
export async function finishSignIn(
  slug: string,
  callbackUrl: URL,
  attemptToken: string | null,
  now = new Date(),
): Promise<Result<Outcome>> {
  const provider = await findProvider({ slug });
  if (!provider) return problem("not-found", "no-provider");
  const attempt = await claimAttempt(attemptToken, provider.id, now);
  if (!attempt) return problem("gone", "no-attempt");

  let claims: VerifiedClaims;
  try {
    claims = await exchangeCode(provider.settings, callbackUrl, attempt, attempt.purpose === "reauth" ? { maxAge: REAUTH_MAX_AGE_SECONDS } : {});
  } catch (error) {
    return refusal(provider, error);
  }

  if (attempt.purpose === "reauth" || attempt.purpose === "connect") {
    return finishForMember(provider, claims, attempt, now);
  }
  return finishLogin(provider, claims, attempt.redirectTo, now);
}

/** What went wrong at the provider or in the response, in words for the member. */
function refusal(provider: ProviderRecord, error: unknown): Result<never> {
  if (error instanceof ProviderUnavailableError) return unavailable(provider);
  if (error instanceof client.AuthorizationResponseError) {
    return error.error === "access_denied" ? problem("forbidden", "denied", provider) : problem("invalid", "refused", provider);
  }
  if (error instanceof client.ResponseBodyError && error.error === "invalid_grant") return problem("gone", "expired-code", provider);
  // A state that does not match, a missing code, an ID token that fails its checks: never trusted.
  console.warn(`[sso] ${provider.slug}: rejected callback: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`);
  return problem("invalid", "unverified-response", provider);
}

async function finishLogin(
  provider: ProviderRecord,
  claims: VerifiedClaims,
  redirectTo: string | null,
  now: Date,
): Promise<Result<Outcome>> {
  const known = await prisma.ssoIdentity.findUnique({
    where: { providerId_subject: { providerId: provider.id, subject: claims.subject } },
    select: { userId: true, user: { select: { onboardedAt: true } } },
  });
  if (known) {
    const session = await createSession(known.userId, now);
    return ok({ kind: "session", ...session, onboarded: known.user.onboardedAt !== null, created: false, redirectTo });
  }
  if (!claims.email || !claims.emailVerified) {
    return problem("forbidden", "unverified-email", provider);
  }
  const email = claims.email;
  const existing = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (existing) return pendLink(provider, claims, email, existing.id, redirectTo, now);

  try {
    const userId = await prisma.$transaction(async (tx) => {
      const user = await createAccountIn(tx, {
        email,
        passwordHash: null,
        displayName: claims.name?.slice(0, 80) || email.split("@")[0]!,
        // The provider verified the address.
        emailConfirmedAt: now,
      });
      await linkIdentity(tx, provider, claims.subject, email, user.id);
      return user.id;
    });
    const session = await createSession(userId, now);
    return ok({ kind: "session", ...session, onboarded: false, created: true, redirectTo });
  } catch (error) {
    // Someone signed up with the address (or the same identity finished) at the same moment.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return problem("conflict", "race");
    }
    throw error;
  }
}

/** Joins the identity to the account (and the provider's association), in the caller's transaction. */
async function linkIdentity(tx: Prisma.TransactionClient, provider: ProviderRecord, subject: string, email: string, userId: string) {
  await tx.ssoIdentity.create({ data: { providerId: provider.id, subject, email, userId }, select: { id: true } });
  if (provider.associationId) await addMember(tx, provider.associationId, userId);
}

async function pendLink(
  provider: ProviderRecord,
  claims: VerifiedClaims,
  email: string,
  userId: string,
  redirectTo: string | null,
  now: Date,
): Promise<Result<Outcome>> {
  const token = generateToken();
  await prisma.ssoPendingLink.create({
    data: {
      id: hashToken(token),
      providerId: provider.id,
      subject: claims.subject,
      email,
      userId,
      redirectTo,
      expiresAt: new Date(now.getTime() + PENDING_LINK_MINUTES * 60_000),
    },
    select: { id: true },
  });
  return ok({ kind: "link-pending", token });
}

async function finishForMember(
  provider: ProviderRecord,
  claims: VerifiedClaims,
  attempt: { purpose: string; userId: string | null; sessionId: string | null; redirectTo: string | null },
  now: Date,
): Promise<Result<Outcome>> {
  const { userId, sessionId } = attempt;
  if (!userId || !sessionId) return problem("gone", "no-attempt");
  const identity = await prisma.ssoIdentity.findUnique({
    where: { providerId_subject: { providerId: provider.id, subject: claims.subject } },
    select: { userId: true },
  });
  if (identity && identity.userId !== userId) {
    return problem("conflict", "other-account", provider);
  }
  if (attempt.purpose === "reauth") {
    if (!identity) return problem("forbidden", "not-linked", provider);
    const { count } = await prisma.session.updateMany({ where: { id: sessionId, userId }, data: { reauthenticatedAt: now } });
    if (count !== 1) return problem("gone", "no-attempt");
    return ok({ kind: "reauthenticated", redirectTo: attempt.redirectTo, providerName: provider.displayName });
  }
  if (!identity) {
    const already = await prisma.ssoIdentity.findUnique({ where: { userId_providerId: { userId, providerId: provider.id } }, select: { id: true } });
    if (already) {
      return problem("conflict", "one-per-provider", provider);
    }
    try {
      await prisma.$transaction((tx) => linkIdentity(tx, provider, claims.subject, claims.email ?? "", userId));
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
        return problem("conflict", "race");
      }
      throw error;
    }
  }
  return ok({ kind: "connected", redirectTo: attempt.redirectTo, providerName: provider.displayName });
}

// ---------------------------------------------------------------- confirming a link

export type PendingLinkView = { providerName: string; email: string; hasPassword: boolean; emailSent: boolean };

async function findPending(cookieToken: string | null, now: Date) {
  if (!cookieToken) return null;
  const row = await prisma.ssoPendingLink.findUnique({
    where: { id: hashToken(cookieToken) },
    select: {
      id: true,
      providerId: true,
      subject: true,
      email: true,
      userId: true,
      redirectTo: true,
      emailTokenHash: true,
      expiresAt: true,
      provider: { select: { displayName: true } },
      user: { select: { email: true, passwordHash: true, onboardedAt: true, emailConfirmedAt: true } },
    },
  });
  return row && row.expiresAt > now ? row : null;
}

const LINK_GONE = () =>
  fail("gone", "This request to connect your account has expired or was already used. Sign in with your provider again to start over.", {
    why: "pending-gone",
  });

/** What the confirmation page shows, or gone. */
export async function viewPendingLink(cookieToken: string | null, now = new Date()): Promise<Result<PendingLinkView>> {
  const row = await findPending(cookieToken, now);
  if (!row) return LINK_GONE();
  return ok({
    providerName: row.provider.displayName,
    email: row.user.email,
    // An account whose address was never confirmed may have been made by someone else with this address:
    // its password proves nothing, so only the emailed link connects it.
    hasPassword: row.user.passwordHash !== null && row.user.emailConfirmedAt !== null,
    emailSent: row.emailTokenHash !== null,
  });
}

type Linked = { userId: string; token: string; expiresAt: Date; onboarded: boolean; redirectTo: string | null; providerName: string };

async function completeLink(row: NonNullable<Awaited<ReturnType<typeof findPending>>>, now: Date, confirmsAddress: boolean): Promise<Result<Linked>> {
  const provider = await findProvider({ id: row.providerId });
  if (!provider) return LINK_GONE();
  try {
    await prisma.$transaction(async (tx) => {
      const { count } = await tx.ssoPendingLink.deleteMany({ where: { id: row.id } });
      if (count !== 1) throw new PendingUsed();
      await linkIdentity(tx, provider, row.subject, row.email, row.userId);
      if (confirmsAddress && row.user.emailConfirmedAt === null) {
        // The address's owner just proved it: a password chosen by whoever signed up unconfirmed with it
        // (perhaps not them) stops working, and that person's sessions end.
        await tx.user.update({ where: { id: row.userId }, data: { emailConfirmedAt: now, passwordHash: null }, select: { id: true } });
        await tx.session.deleteMany({ where: { userId: row.userId } });
        await tx.passwordResetToken.deleteMany({ where: { userId: row.userId } });
      }
    });
  } catch (error) {
    if (error instanceof PendingUsed) return LINK_GONE();
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      return fail("conflict", `A ${provider.displayName} account is already connected to this CME Commons account. Remove it in Settings → Account first.`);
    }
    throw error;
  }
  const session = await createSession(row.userId, now);
  return ok({
    userId: row.userId,
    ...session,
    onboarded: row.user.onboardedAt !== null,
    redirectTo: row.redirectTo,
    providerName: provider.displayName,
  });
}

class PendingUsed extends Error {}

/** The account's owner confirms the link with their password. */
export async function confirmLinkWithPassword(cookieToken: string | null, password: string, now = new Date()): Promise<Result<Linked>> {
  const row = await findPending(cookieToken, now);
  if (!row) return LINK_GONE();
  if (!row.user.passwordHash || !row.user.emailConfirmedAt || !(await verifyPassword(row.user.passwordHash, password))) {
    return failFields({ password: ["That is not the password of this account."] });
  }
  return completeLink(row, now, false);
}

/** The user id a pending link would join (for rate limiting password checks), or null. */
export async function pendingLinkUserId(cookieToken: string | null, now = new Date()): Promise<string | null> {
  return (await findPending(cookieToken, now))?.userId ?? null;
}

/** Emails the account's owner a link that confirms the connection (in this browser only). */
export async function sendLinkEmail(cookieToken: string | null, siteUrl: string, now = new Date()): Promise<Result<{ email: string }>> {
  const row = await findPending(cookieToken, now);
  if (!row) return LINK_GONE();
  const token = generateToken();
  await prisma.ssoPendingLink.update({ where: { id: row.id }, data: { emailTokenHash: hashToken(token) }, select: { id: true } });
  const minutes = Math.max(1, Math.round((row.expiresAt.getTime() - now.getTime()) / 60_000));
  await sendEmail({ to: row.user.email, ...linkProviderEmail(row.provider.displayName, `${siteUrl}/sso/link/${token}`, minutes), userId: row.userId });
  return ok({ email: row.user.email });
}

/**
 * The emailed link, opened: it works only in the browser that started the
 * sign-in (its cookie), so a link sent to the account's owner cannot join
 * someone else's provider account to theirs.
 */
export async function confirmLinkByEmail(emailToken: string, cookieToken: string | null, now = new Date()): Promise<Result<Linked>> {
  const byEmail = await prisma.ssoPendingLink.findUnique({ where: { emailTokenHash: hashToken(emailToken) }, select: { id: true, expiresAt: true } });
  if (!byEmail || byEmail.expiresAt <= now) return LINK_GONE();
  const row = await findPending(cookieToken, now);
  if (!row || row.id !== byEmail.id) {
    return fail("forbidden", "Open this link in the browser where you signed in with your provider. (For your safety, it works only there.)", {
      why: "other-browser",
    });
  }
  return completeLink(row, now, true);
}

// ---------------------------------------------------------------- settings

/** The member's ways to sign in, for Settings → Account. */
export async function listSignInMethods(actor: MemberActor, now = new Date()) {
  const [user, identities, providers, session] = await Promise.all([
    prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } }),
    prisma.ssoIdentity.findMany({
      where: { userId: actor.userId },
      orderBy: { createdAt: "asc" },
      select: { id: true, email: true, createdAt: true, provider: { select: { slug: true, displayName: true } } },
    }),
    prisma.ssoProvider.findMany({ orderBy: { displayName: "asc" }, select: { id: true, slug: true, displayName: true } }),
    prisma.session.findUnique({ where: { id: actor.sessionId }, select: { reauthenticatedAt: true } }),
  ]);
  const hasPassword = user.passwordHash !== null;
  const linkedSlugs = new Set(identities.map((i) => i.provider.slug));
  const removable = canRemoveProvider({ hasPassword, providers: identities.length });
  return {
    hasPassword,
    identities: identities.map((i) => ({
      id: i.id,
      email: i.email,
      linkedAt: i.createdAt,
      providerSlug: i.provider.slug,
      providerName: i.provider.displayName,
      removable,
    })),
    connectable: providers.filter((p) => !linkedSlugs.has(p.slug)).map((p) => ({ slug: p.slug, displayName: p.displayName })),
    /** Until when a provider sign-in in this session confirms sensitive actions. */
    reauthenticatedUntil:
      session?.reauthenticatedAt && session.reauthenticatedAt.getTime() + REAUTH_WINDOW_MS > now.getTime()
        ? new Date(session.reauthenticatedAt.getTime() + REAUTH_WINDOW_MS)
        : null,
  };
}

const REAUTH_WINDOW_MS = REAUTH_MINUTES * 60_000;

/** Removes a linked provider, unless it is the member's last way to sign in. */
export async function removeIdentity(actor: MemberActor, identityId: string): Promise<Result<{ providerName: string }>> {
  return prisma.$transaction(async (tx) => {
    // Lock the account row: two removals at once cannot both pass the check.
    await tx.$queryRaw`SELECT 1 FROM "User" WHERE "id" = ${actor.userId} FOR UPDATE`;
    const identity = await tx.ssoIdentity.findFirst({
      where: { id: identityId, userId: actor.userId },
      select: { id: true, provider: { select: { displayName: true } } },
    });
    if (!identity) return fail("not-found", "That sign-in method was already removed.");
    const [user, providers] = await Promise.all([
      tx.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } }),
      tx.ssoIdentity.count({ where: { userId: actor.userId } }),
    ]);
    if (!canRemoveProvider({ hasPassword: user.passwordHash !== null, providers })) {
      return fail(
        "conflict",
        `${identity.provider.displayName} is your only way to sign in. Set a password first (Settings → Password), then remove it.`,
      );
    }
    await tx.ssoIdentity.delete({ where: { id: identity.id }, select: { id: true } });
    return ok({ providerName: identity.provider.displayName });
  });
}
