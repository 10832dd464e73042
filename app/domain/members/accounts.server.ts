/**
 * Account use cases: sign up, log in, reset and change passwords, delete.
 * Each authorises, validates, writes in one transaction, then has side effects.
 */
import { Prisma } from "~/generated/prisma/client";
import { prisma } from "~/utils/db.server";
import { sendEmail } from "~/utils/email.server";
import { hashPassword, verifyAgainstNothing, verifyPassword } from "~/utils/password.server";
import { createSession, generateToken, hashToken, invalidateOtherSessions } from "~/utils/session.server";
import { isCommonPassword } from "./common-passwords";

export const RESET_TOKEN_MINUTES = 60;

export type FieldErrors = Record<string, string[]>;
export type Result<T> = { ok: true; value: T } | { ok: false; fieldErrors: FieldErrors };

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

export async function signUp(input: { email: string; password: string; displayName: string }): Promise<
  Result<{ userId: string; token: string; expiresAt: Date }>
> {
  const weak = commonPasswordError(input.password);
  if (weak) return { ok: false, fieldErrors: weak };
  const passwordHash = await hashPassword(input.password);
  try {
    const user = await prisma.$transaction(async (tx) => {
      const handle = await availableHandle(tx, input.displayName);
      return tx.user.create({
        data: {
          email: input.email,
          passwordHash,
          profile: { create: { handle, displayName: input.displayName } },
        },
        select: { id: true },
      });
    });
    const { token, expiresAt } = await createSession(user.id);
    return { ok: true, value: { userId: user.id, token, expiresAt } };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      // The email is taken. Say so on the form: a sign-up form cannot hide it
      // without confusing real people; the login and reset forms never reveal it.
      return {
        ok: false,
        fieldErrors: { email: ["An account with this email already exists. Log in, or reset your password."] },
      };
    }
    throw error;
  }
}

export async function logIn(input: { email: string; password: string }): Promise<
  Result<{ userId: string; token: string; expiresAt: Date; onboarded: boolean }>
> {
  const user = await prisma.user.findUnique({
    where: { email: input.email },
    select: { id: true, passwordHash: true, onboardedAt: true },
  });
  const valid = user ? await verifyPassword(user.passwordHash, input.password) : await verifyAgainstNothing(input.password);
  if (!user || !valid) {
    return { ok: false, fieldErrors: { password: ["That email and password do not match an account."] } };
  }
  const { token, expiresAt } = await createSession(user.id);
  return { ok: true, value: { userId: user.id, token, expiresAt, onboarded: user.onboardedAt !== null } };
}

/**
 * Emails a single-use link valid for an hour, if an account exists. The caller
 * shows the same answer either way.
 */
export async function requestPasswordReset(email: string, siteUrl: string): Promise<void> {
  const user = await prisma.user.findUnique({ where: { email }, select: { id: true } });
  if (!user) return;
  const token = generateToken();
  await prisma.$transaction([
    prisma.passwordResetToken.deleteMany({ where: { userId: user.id } }),
    prisma.passwordResetToken.create({
      data: { id: hashToken(token), userId: user.id, expiresAt: new Date(Date.now() + RESET_TOKEN_MINUTES * 60_000) },
      select: { id: true },
    }),
  ]);
  const link = `${siteUrl}/reset-password/${token}`;
  await sendEmail({
    to: email,
    subject: "Reset your CME Commons password",
    text: [
      "Someone (hopefully you) asked to reset the password of your CME Commons account.",
      "",
      `Choose a new password here: ${link}`,
      "",
      `The link works once and expires in ${RESET_TOKEN_MINUTES} minutes. If you did not ask for it, ignore this email: your password stays as it is.`,
    ].join("\n"),
    html: `<p>Someone (hopefully you) asked to reset the password of your CME Commons account.</p><p><a href="${link}">Choose a new password</a></p><p>The link works once and expires in ${RESET_TOKEN_MINUTES} minutes. If you did not ask for it, ignore this email: your password stays as it is.</p>`,
  });
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
export async function resetPassword(token: string, password: string): Promise<
  Result<{ userId: string; token: string; expiresAt: Date }> | { ok: false; expired: true }
> {
  const weak = commonPasswordError(password);
  if (weak) return { ok: false, fieldErrors: weak };
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
    await tx.session.deleteMany({ where: { userId: owner } });
    return owner;
  });
  if (!userId) return { ok: false, expired: true };
  const session = await createSession(userId);
  return { ok: true, value: { userId, ...session } };
}

/** Changes the password (the current one is required) and ends every other session. */
export async function changePassword(
  actor: { userId: string; sessionId: string },
  input: { currentPassword: string; password: string },
): Promise<Result<null>> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    return { ok: false, fieldErrors: { currentPassword: ["That is not your current password."] } };
  }
  const weak = commonPasswordError(input.password);
  if (weak) return { ok: false, fieldErrors: weak };
  const passwordHash = await hashPassword(input.password);
  await prisma.$transaction([
    prisma.user.update({ where: { id: actor.userId }, data: { passwordHash }, select: { id: true } }),
    prisma.session.deleteMany({ where: { userId: actor.userId, id: { not: actor.sessionId } } }),
    prisma.passwordResetToken.deleteMany({ where: { userId: actor.userId } }),
  ]);
  return { ok: true, value: null };
}

/**
 * Deletes the account and its personal data (profile, sessions, reset links).
 * Community content (added by later features) keeps its rows with a null
 * author and is shown as "former member".
 */
export async function deleteAccount(actor: { userId: string }, password: string): Promise<Result<null>> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: actor.userId }, select: { passwordHash: true } });
  if (!(await verifyPassword(user.passwordHash, password))) {
    return { ok: false, fieldErrors: { password: ["That is not your password."] } };
  }
  await prisma.user.delete({ where: { id: actor.userId }, select: { id: true } });
  return { ok: true, value: null };
}

export { invalidateOtherSessions };
