/**
 * Account use cases: sign up and confirm the address, log in, reset and
 * change passwords, delete. Each authorises, validates, writes in one
 * transaction, then has side effects.
 *
 * Whether an address has an account is never told to whoever types it: sign-up
 * and the reset request answer before they look (their routes run `signUp` and
 * `requestPasswordReset` after the response, app/utils/after-response.server.ts),
 * and both do the same work either way: the password is hashed and an email is
 * composed whether or not the address is taken or known.
 */
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { reminderKeyPrefix } from "~/utils/reminder-keys";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "~/utils/password.server";
import { createSession, generateToken, hashToken, invalidateOtherSessions } from "~/utils/session.server";
import { confirmationEmail, passwordResetEmail, signUpAttemptEmail } from "./account-emails";
import type { MemberActor } from "./actor";
import { isCommonPassword } from "./common-passwords";
import { CONFIRMATION_LINK_HOURS } from "./constants";
import { fail, failFields, type FieldErrors, type Result } from "~/utils/result";

export const RESET_TOKEN_MINUTES = 60;

/** A confirmation or reset link that expired or was used. */
const LINK_GONE = fail("gone", "This link has expired or was already used.");


function commonPasswordError(password: string, field = "password"): FieldErrors | null {
  return isCommonPassword(password)
    ? { [field]: ["That password is one of the most commonly used ones. Choose something less guessable."] }
    : null;
}

/** A URL-safe handle from a display name: "Dr. Ana Pérez" → "ana-perez". */
export function handleFromName(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/\b(dr|mr|mrs|ms|prof)\b\.?/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 30)
    .replace(/-+$/, "");
  return base.length >= 2 ? base : "member";
}

async function availableHandle(tx: Prisma.TransactionClient, name: string): Promise<string> {
  const base = handleFromName(name);
  const taken = new Set(
    (
      await tx.profile.findMany({
        where: { handle: { startsWith: base } },
        select: { handle: true },
      })
    ).map((p) => p.handle),
  );
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}-${n}`)) return `${base}-${n}`;
}

export type SignUpInput = { email: string; password: string; displayName: string };

/**
 * Sign-up, in the request: what can be checked without knowing whether the
 * address has an account (a commonly used password). The rest is `signUp`.
 */
export function checkSignUp(input: Pick<SignUpInput, "password">): Result<null> {
  const weak = commonPasswordError(input.password);
  return weak ? failFields(weak) : { ok: true, value: null };
}

/**
 * Writes an account and its profile (a handle made from the name), with a
 * confirmation link when `confirmation` is given. Null when the address
 * already has an account.
 */
export async function createAccount(
  input: { email: string; passwordHash: string | null; displayName: string; emailConfirmedAt: Date | null },
  confirmation?: { token: string; expiresAt: Date },
): Promise<string | null> {
  try {
    const user = await prisma.$transaction((tx) => createAccountIn(tx, input, confirmation));
    return user.id;
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      // The address is taken, or the handle was taken between the check and the write: is the address there?
      const taken = await prisma.user.findUnique({ where: { email: input.email }, select: { id: true } });
      if (taken) return null;
    }
    throw error;
  }
}

/**
 * Writes an account and its profile inside the caller's transaction (the
 * handle made from the name). A taken address throws Prisma's P2002.
 */
export async function createAccountIn(
  tx: Prisma.TransactionClient,
  input: { email: string; passwordHash: string | null; displayName: string; emailConfirmedAt: Date | null },
  confirmation?: { token: string; expiresAt: Date },
): Promise<{ id: string }> {
  const handle = await availableHandle(tx, input.displayName);
  return tx.user.create({
    data: {
      email: input.email,
      passwordHash: input.passwordHash,
      emailConfirmedAt: input.emailConfirmedAt,
      profile: { create: { handle, displayName: input.displayName } },
      ...(confirmation
        ? { confirmationTokens: { create: { id: hashToken(confirmation.token), expiresAt: confirmation.expiresAt } } }
        : {}),
    },
    select: { id: true },
  });
}

const confirmationLink = (siteUrl: string, token: string, redirectTo?: string | null) =>
  `${siteUrl}/confirm-email/${token}${redirectTo ? `?redirectTo=${encodeURIComponent(redirectTo)}` : ""}`;

/**
 * Sign-up, after the response: the route has already answered "check your
 * email", the same for every address. A new address gets an unconfirmed
 * account and a confirmation link (which carries `redirectTo` on to the
 * welcome page); a taken one gets nothing new, and its owner an email saying
 * someone tried, with the way in. Both branches hash the password and compose
 * one email. (A taken address is never sent a confirmation link: following it
 * would sign its owner into an account whose password someone else chose.)
 */
export async function signUp(
  input: SignUpInput,
  links: { siteUrl: string; redirectTo?: string | null },
  now = new Date(),
): Promise<Result<{ created: boolean }>> {
  const checked = checkSignUp(input);
  if (!checked.ok) return checked;
  const passwordHash = await hashPassword(input.password);
  const token = generateToken();
  const expiresAt = new Date(now.getTime() + CONFIRMATION_LINK_HOURS * 3600_000);
  const userId = await createAccount({ ...input, passwordHash, emailConfirmedAt: null }, { token, expiresAt });
  const email =
    userId !== null
      ? confirmationEmail(confirmationLink(links.siteUrl, token, links.redirectTo))
      : signUpAttemptEmail({ login: `${links.siteUrl}/login`, forgotPassword: `${links.siteUrl}/forgot-password` });
  await sendEmail({ to: input.email, ...email, userId });
  return { ok: true, value: { created: userId !== null } };
}

/** The member's own address and whether it is confirmed (for the page that sends the link again). */
export async function getEmailConfirmation(actor: MemberActor): Promise<{ email: string; confirmed: boolean } | null> {
  const user = await prisma.user.findUnique({ where: { id: actor.userId }, select: { email: true, emailConfirmedAt: true } });
  return user && { email: user.email, confirmed: user.emailConfirmedAt !== null };
}

/** Replaces the member's confirmation links with a new one and emails it (nothing for a confirmed member). */
export async function resendConfirmation(actor: MemberActor, siteUrl: string, now = new Date()): Promise<{ sent: boolean }> {
  const user = await prisma.user.findUnique({ where: { id: actor.userId }, select: { email: true, emailConfirmedAt: true } });
  if (!user || user.emailConfirmedAt) return { sent: false };
  const token = generateToken();
  await prisma.$transaction([
    prisma.emailConfirmationToken.deleteMany({ where: { userId: actor.userId } }),
    prisma.emailConfirmationToken.create({
      data: { id: hashToken(token), userId: actor.userId, expiresAt: new Date(now.getTime() + CONFIRMATION_LINK_HOURS * 3600_000) },
      select: { id: true },
    }),
  ]);
  await sendEmail({ to: user.email, ...confirmationEmail(confirmationLink(siteUrl, token)), userId: actor.userId });
  return { sent: true };
}

/** Whether a confirmation link can still be used (for showing its page). */
export async function isConfirmationTokenUsable(token: string, now = new Date()): Promise<boolean> {
  const row = await prisma.emailConfirmationToken.findUnique({
    where: { id: hashToken(token) },
    select: { expiresAt: true, usedAt: true },
  });
  return !!row && row.usedAt === null && row.expiresAt > now;
}

/** Follows a confirmation link: marks the address confirmed (once), uses the link up, and starts a session. */
export async function confirmEmail(
  token: string,
  now = new Date(),
): Promise<Result<{ userId: string; token: string; expiresAt: Date; onboarded: boolean }>> {
  const owner = await prisma.$transaction(async (tx) => {
    // Claim the link atomically: a second use (or a double submit) finds nothing.
    const claimed = await tx.emailConfirmationToken.updateManyAndReturn({
      where: { id: hashToken(token), usedAt: null, expiresAt: { gt: now } },
      data: { usedAt: now },
      select: { userId: true },
    });
    const userId = claimed[0]?.userId;
    if (!userId) return null;
    await tx.user.updateMany({ where: { id: userId, emailConfirmedAt: null }, data: { emailConfirmedAt: now } });
    await tx.emailConfirmationToken.deleteMany({ where: { userId, id: { not: hashToken(token) } } });
    return tx.user.findUniqueOrThrow({ where: { id: userId }, select: { id: true, onboardedAt: true } });
  });
  if (!owner) return LINK_GONE;
  const session = await createSession(owner.id, now);
  return { ok: true, value: { userId: owner.id, ...session, onboarded: owner.onboardedAt !== null } };
}

export async function logIn(input: { email: string; password: string }): Promise<
  Result<{ userId: string; token: string; expiresAt: Date; onboarded: boolean }>
> {
  const user = await prisma.user.findUnique({
    where: { email: input.email },
    select: { id: true, passwordHash: true, onboardedAt: true },
  });
  // An account without a password (single sign-on only) takes as long to refuse as a wrong password.
  const valid = user?.passwordHash ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstNothing(input.password);
  if (!user || !valid) {
    return failFields({ password: ["That email and password do not match an account."] });
  }
  const { token, expiresAt } = await createSession(user.id);
  return { ok: true, value: { userId: user.id, token, expiresAt, onboarded: user.onboardedAt !== null } };
}

/**
 * Emails a single-use link valid for an hour, if an account exists. Runs
 * after the response (the caller shows the same answer either way), and
 * composes the email in both branches.
 */
export async function requestPasswordReset(email: string, siteUrl: string): Promise<void> {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  const token = generateToken();
  const message = passwordResetEmail(`${siteUrl}/reset-password/${token}`, RESET_TOKEN_MINUTES);
  if (!user) return;
  await prisma.$transaction([
    prisma.passwordResetToken.deleteMany({ where: { userId: user.id } }),
    prisma.passwordResetToken.create({
      data: { id: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000) },
      select: { id: true },
    }),
  ]);
  await sendEmail({ to: email, ...message, userId: user.id });
}

/** Whether the member has a password (one who signs in only through a provider has none). */
export async function hasPassword(actor: { userId: string }): Promise<boolean> {
  const user = await prisma.user.findUnique({ where: { id: actor.userId }, select: { passwordHash: true } });
  return !!user?.passwordHash;
}

/** Emails the signed-in member a reset link to choose a password (their own address); the address it went to. */
export async function sendSetPasswordLink(actor: { userId: string }, siteUrl: string): Promise<string> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true } });
  await requestPasswordReset(user.email, siteUrl);
  return user.email;
}

/** Whether a reset link can still be used (for showing the form). */
export async function isResetTokenUsable(token: string): Promise<boolean> {
  const row = await prisma.passwordResetToken.findUnique({
    where: { id: hashToken(token) },
    select: { expiresAt: true, usedAt: true },
  });
  return !!row && row.usedAt === null && row.expiresAt > new Date();
}

/** Sets a new password from a reset link, ends every session, and starts a new one. */
export async function resetPassword(
  token: string,
  password: string,
): Promise<Result<{ userId: string; token: string; expiresAt: Date }>> {
  const weak = commonPasswordError(password);
  if (weak) return failFields(weak);
  const passwordHash = await hashPassword(password);
  const userId = await prisma.$transaction(async (tx) => {
    // Claim the token atomically: a second use (or a double submit) finds nothing.
    const claimed = await tx.passwordResetToken.updateManyAndReturn({
      where: { id: hashToken(token), usedAt: null, expiresAt: { gt: new Date() } },
      data: { usedAt: new Date() },
      select: { userId: true },
    });
    const owner = claimed[0]?.userId;
    if (!owner) return null;
    await tx.user.update({ where: { id: owner }, data: { passwordHash }, select: { id: true } });
    // The link came to the address, so the address is confirmed too (and any earlier sessions end below).
    await tx.user.updateMany({ where: { id: owner, emailConfirmedAt: null }, data: { emailConfirmedAt: new Date() } });
    await tx.session.deleteMany({ where: { userId: owner } });
    return owner;
  });
  if (!userId) return LINK_GONE;
  const session = await createSession(userId);
  return { ok: true, value: { userId, ...session } };
}

/** Changes the password (the current one is required) and ends every other session. */
export async function changePassword(
  actor: { userId: string; sessionId: string },
  input: { currentPassword: string; password: string },
): Promise<Result<null>> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
  // A member without a password sets one by an emailed link (Settings → Password says so).
  if (!user.passwordHash) return fail("conflict", "You have no password yet: set one with the link we email you.");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return failFields({ currentPassword: ["That is not your current password."] });
  }
  const weak = commonPasswordError(input.password);
  if (weak) return failFields(weak);
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction([
    prisma.user.update({ where: { id: actor.userId }, data: { passwordHash }, select: { id: true } }),
    prisma.session.deleteMany({ where: { userId: actor.userId, id: { not: actor.sessionId } } }),
    prisma.passwordResetToken.deleteMany({ where: { userId: actor.userId } }),
  ]);
  return { ok: true, value: null };
}

/** How long a confirmation through the member's provider counts for a sensitive action. */
export const REAUTH_MINUTES = 10;

/**
 * Whether the member proved who they are for a sensitive action: with their
 * password when they have one, otherwise by signing in through one of their
 * providers in this session within the last REAUTH_MINUTES.
 */
async function confirmIdentity(
  actor: { userId: string; sessionId?: string },
  password: string | undefined,
  now: Date,
): Promise<Result<null>> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (user.passwordHash) {
    if (password && (await verifyPassword(user.passwordHash, password))) return { ok: true, value: null };
    return failFields({ password: [password ? "That is not your password." : "Enter your password."] });
  }
  const session = actor.sessionId
    ? await prisma.session.findUnique({ where: { id: actor.sessionId }, select: { userId: true, reauthenticatedAt: true } })
    : null;
  const since = new Date(now.getTime() - REAUTH_MINUTES * 60_000);
  if (session?.userId === actor.userId && session.reauthenticatedAt && session.reauthenticatedAt > since) return { ok: true, value: null };
  return fail("forbidden", "Confirm it is you by signing in with your provider again, then delete your account within 10 minutes.", {
    why: "reauthenticate",
  });
}

/**
 * Deletes the account and everything about the member, in one transaction.
 * What stays is what others' conversations need: their threads, posts and
 * statements (with versions and suggestions), whose author becomes null and
 * reads "a former member". Besides the rows that go with the account
 * (profile, photo, sessions, links, memberships, assessments, plans, pathway
 * progress, signals, endorsements, reactions, watches, their notifications:
 * cascades in the schema), it removes what named them elsewhere: every outbox
 * copy of an email to them, pending jobs about them, other members'
 * notifications about what they did, reviewer ratings they gave (and the
 * invitations to rate), association invitations sent to their address, the
 * notes of flags they raised, and the text of their posts already deleted.
 * The member confirms with their password, or without one by a fresh
 * sign-in through their provider.
 */
export async function deleteAccount(
  actor: { userId: string; sessionId?: string },
  password: string | undefined,
  now = new Date(),
): Promise<Result<null>> {
  const confirmed = await confirmIdentity(actor, password, now);
  if (!confirmed.ok) return confirmed;
  const { email } = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { email: true } });
  await eraseAccount(actor.userId, email);
  return { ok: true, value: null };
}

/** The deletion itself, after the member proved who they are. */
export async function eraseAccount(userId: string, email: string): Promise<void> {
  await prisma.$transaction([
    // OutboxEmail(userId, createdAt) index; `to` for emails written before the account existed (or for none).
    prisma.outboxEmail.deleteMany({ where: { OR: [{ userId }, { to: email }] } }),
    prisma.$executeRaw`
      DELETE FROM "Job" WHERE "status" IN ('PENDING', 'RUNNING', 'FAILED')
        AND ("payload"->>'userId' = ${userId} OR "payload"->>'email' = ${email})`,
    // Reminders about goals, check-ins and the credential (their keys name the member).
    prisma.job.deleteMany({ where: { key: { startsWith: reminderKeyPrefix(userId) } } }),
    prisma.notification.deleteMany({ where: { actorId: userId } }),
    // Ratings they gave go with the invitations to rate (cascade).
    prisma.reviewerInvitation.deleteMany({ where: { OR: [{ reviewerId: userId }, { email }] } }),
    prisma.reviewerRating.deleteMany({ where: { reviewerId: userId } }),
    prisma.associationInvitation.deleteMany({ where: { email } }),
    prisma.postFlag.updateMany({ where: { userId }, data: { note: "" } }),
    prisma.post.updateMany({ where: { authorId: userId, deletedAt: { not: null } }, data: { body: "", bodyHtml: "" } }),
    prisma.user.delete({ where: { id: userId }, select: { id: true } }),
  ]);
}

export { invalidateOtherSessions };
