import { beforeEach, describe, expect, it, vi } from "vitest";
import { prisma } from "~/utils/db.server";
import { hashPassword } from "~/utils/password.server";
import { generateToken, hashToken, validateSessionToken } from "~/utils/session.server";
import { signUpConfirmed } from "../../../tests/fixtures/members";
import { confirmationEmail, passwordResetEmail, signUpAttemptEmail } from "./account-emails";
import {
  changePassword,
  confirmEmail,
  deleteAccount,
  isConfirmationTokenUsable,
  isResetTokenUsable,
  logIn,
  requestPasswordReset,
  resendConfirmation,
  resetPassword,
  signUp,
} from "./accounts.server";
import type { MemberActor } from "./actor";

// Spies that call through: sign-up and reset must do the same work (hash the
// password, compose one email) whether or not the address has an account.
vi.mock("~/utils/password.server", async (importOriginal) => {
  const actual = await importOriginal<typeof import("~/utils/password.server")>();
  return { ...actual, hashPassword: vi.fn(actual.hashPassword) };
});
vi.mock("./account-emails", async (importOriginal) => {
  const actual = await importOriginal<typeof import("./account-emails")>();
  return {
    ...actual,
    confirmationEmail: vi.fn(actual.confirmationEmail),
    signUpAttemptEmail: vi.fn(actual.signUpAttemptEmail),
    passwordResetEmail: vi.fn(actual.passwordResetEmail),
  };
});

// Test files in a worker share one database: every test makes its own members.
const newEmail = () => `${crypto.randomUUID()}@example.org`;
const PASSWORD = "quiet orchard morning";
const NEW_PASSWORD = "brisk harbour evening";
const SITE = "http://localhost";

/** A confirmed member with a session (the fixture), for the tests that are not about sign-up. */
async function member(email = newEmail()) {
  const result = await signUpConfirmed({ email, password: PASSWORD, displayName: "Ana Pérez" });
  if (!result.ok) throw new Error(`sign-up failed: ${JSON.stringify(result.fieldErrors)}`);
  return { email, ...result.value };
}

/** The token of the newest reset link emailed to an address. */
async function emailedResetToken(to: string): Promise<string> {
  const email = await prisma.outboxEmail.findFirst({ where: { to }, orderBy: { createdAt: "desc" }, select: { text: true } });
  const token = /\/reset-password\/([a-z2-7]{32})/.exec(email?.text ?? "")?.[1];
  if (!token) throw new Error(`no reset link was emailed to ${to}`);
  return token;
}

/** The newest confirmation link emailed to an address: its token and its redirectTo. */
async function emailedConfirmation(to: string): Promise<{ token: string; redirectTo: string | null }> {
  const email = await prisma.outboxEmail.findFirst({ where: { to }, orderBy: { createdAt: "desc" }, select: { text: true } });
  const match = /(https?:\/\/\S+\/confirm-email\/([a-z2-7]{32})\S*)/.exec(email?.text ?? "");
  if (!match) throw new Error(`no confirmation link was emailed to ${to}`);
  return { token: match[2]!, redirectTo: new URL(match[1]!).searchParams.get("redirectTo") };
}

const actorFor = (userId: string): MemberActor => ({
  kind: "member",
  userId,
  sessionId: "",
  role: "MEMBER",
  handle: "",
  displayName: "",
  onboarded: false,
  confirmed: false,
});

beforeEach(() => vi.clearAllMocks());

describe("sign-up", () => {
  it("a new address gets an unconfirmed account and profile, one confirmation email, and no session", async () => {
    const email = newEmail();
    const result = await signUp({ email, password: PASSWORD, displayName: "Ana Pérez" }, { siteUrl: SITE, redirectTo: "/forums/community" });
    expect(result).toEqual({ ok: true, value: { created: true } });
    const user = await prisma.user.findUniqueOrThrow({
      where: { email },
      select: { id: true, role: true, emailConfirmedAt: true, profile: { select: { handle: true, displayName: true } } },
    });
    expect(user.role).toBe("MEMBER");
    expect(user.emailConfirmedAt).toBeNull();
    expect(user.profile?.displayName).toBe("Ana Pérez");
    expect(user.profile?.handle).toMatch(/^ana-perez(-\d+)?$/);
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);

    const sent = await prisma.outboxEmail.findMany({ where: { to: email }, select: { subject: true, userId: true } });
    expect(sent).toEqual([{ subject: "Confirm your email address for CME Commons", userId: user.id }]);
    const { token, redirectTo } = await emailedConfirmation(email);
    expect(redirectTo).toBe("/forums/community");
    // Only the link's hash is stored.
    expect(await prisma.emailConfirmationToken.count({ where: { id: token } })).toBe(0);
    expect(await prisma.emailConfirmationToken.count({ where: { id: hashToken(token), userId: user.id } })).toBe(1);
  });

  it("a taken address creates nothing, leaves the account as it was, and emails its owner how to get in", async () => {
    const { email, userId } = await member();
    const before = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true, updatedAt: true } });
    const again = await signUp({ email, password: NEW_PASSWORD, displayName: "Someone Else" }, { siteUrl: SITE });
    expect(again).toEqual({ ok: true, value: { created: false } });
    expect(await prisma.user.count({ where: { email } })).toBe(1);
    expect(await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { passwordHash: true, updatedAt: true } })).toEqual(before);
    expect(await prisma.emailConfirmationToken.count({ where: { userId } })).toBe(0);

    const sent = await prisma.outboxEmail.findMany({ where: { to: email }, select: { subject: true, text: true } });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.subject).toBe("Someone tried to create a CME Commons account with your address");
    expect(sent[0]!.text).toContain(`${SITE}/login`);
    expect(sent[0]!.text).toContain(`${SITE}/forgot-password`);
    expect(sent[0]!.text).not.toMatch(/confirm-email/);
  });

  it("does the same work for a taken address as for a new one: one password hash, one email composed and written", async () => {
    const { email: taken } = await member();
    const fresh = newEmail();
    const work = async (email: string) => {
      vi.clearAllMocks();
      const emailsBefore = await prisma.outboxEmail.count({ where: { to: email } });
      await signUp({ email, password: NEW_PASSWORD, displayName: "Same Work" }, { siteUrl: SITE });
      return {
        hashes: vi.mocked(hashPassword).mock.calls.length,
        composed: vi.mocked(confirmationEmail).mock.calls.length + vi.mocked(signUpAttemptEmail).mock.calls.length,
        written: (await prisma.outboxEmail.count({ where: { to: email } })) - emailsBefore,
      };
    };
    const forTaken = await work(taken);
    const forNew = await work(fresh);
    expect(forTaken).toEqual({ hashes: 1, composed: 1, written: 1 });
    expect(forNew).toEqual(forTaken);
  });

  it("refuses a common password, whatever its case, and creates and sends nothing", async () => {
    const email = newEmail();
    const result = await signUp({ email, password: "Password123", displayName: "Weak Password" }, { siteUrl: SITE });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors?.password?.[0]).toMatch(/commonly used/);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
    expect(await prisma.outboxEmail.count({ where: { to: email } })).toBe(0);
  });

  it("hashes passwords with argon2id", async () => {
    const email = newEmail();
    await signUp({ email, password: PASSWORD, displayName: "Hashed" }, { siteUrl: SITE });
    const { passwordHash } = await prisma.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } });
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(passwordHash).not.toContain(PASSWORD);
  });
});

describe("confirming the address", () => {
  async function unconfirmed() {
    const email = newEmail();
    await signUp({ email, password: PASSWORD, displayName: "Una Confirmed" }, { siteUrl: SITE });
    const { id: userId } = await prisma.user.findUniqueOrThrow({ where: { email }, select: { id: true } });
    return { email, userId, ...(await emailedConfirmation(email)) };
  }

  it("the link confirms the address and signs the member in, once", async () => {
    const { userId, token } = await unconfirmed();
    expect(await isConfirmationTokenUsable(token)).toBe(true);
    const confirmed = await confirmEmail(token);
    if (!confirmed.ok) throw new Error("confirmation failed");
    expect(confirmed.value).toMatchObject({ userId, onboarded: false });
    const session = await validateSessionToken(confirmed.value.token);
    expect(session?.user).toMatchObject({ id: userId, confirmed: true });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { emailConfirmedAt: true } })).not.toEqual({
      emailConfirmedAt: null,
    });

    expect(await isConfirmationTokenUsable(token)).toBe(false);
    expect(await confirmEmail(token)).toMatchObject({ ok: false, reason: "gone" });
    expect(await prisma.session.count({ where: { userId } })).toBe(1);
  });

  it("an expired or unknown link does nothing", async () => {
    const { userId, token } = await unconfirmed();
    await prisma.emailConfirmationToken.updateMany({ where: { userId }, data: { expiresAt: new Date(Date.now() - 1000) } });
    expect(await isConfirmationTokenUsable(token)).toBe(false);
    expect(await confirmEmail(token)).toMatchObject({ ok: false, reason: "gone" });
    expect(await confirmEmail(generateToken())).toMatchObject({ ok: false, reason: "gone" });
    expect(await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { emailConfirmedAt: true } })).toEqual({
      emailConfirmedAt: null,
    });
  });

  it("an unconfirmed member can log in; sending the link again replaces the earlier one", async () => {
    const { email, userId, token: first } = await unconfirmed();
    expect((await logIn({ email, password: PASSWORD })).ok).toBe(true);
    expect(await resendConfirmation(actorFor(userId), SITE)).toEqual({ sent: true });
    const { token: second } = await emailedConfirmation(email);
    expect(second).not.toBe(first);
    expect(await isConfirmationTokenUsable(first)).toBe(false);
    expect(await isConfirmationTokenUsable(second)).toBe(true);
  });

  it("a confirmed member is sent nothing again", async () => {
    const { email, userId } = await member();
    expect(await resendConfirmation(actorFor(userId), SITE)).toEqual({ sent: false });
    expect(await prisma.outboxEmail.count({ where: { to: email } })).toBe(0);
  });

  it("a password reset link proves the address too", async () => {
    const { email, userId } = await unconfirmed();
    await requestPasswordReset(email, SITE);
    const reset = await resetPassword(await emailedResetToken(email), NEW_PASSWORD);
    expect(reset.ok).toBe(true);
    const row = await prisma.user.findUniqueOrThrow({ where: { id: userId }, select: { emailConfirmedAt: true } });
    expect(row.emailConfirmedAt).not.toBeNull();
  });
});

describe("login", () => {
  it("a wrong password or an unknown email gets the same field error", async () => {
    const { email } = await member();
    const wrong = await logIn({ email, password: "not my password" });
    const unknown = await logIn({ email: newEmail(), password: PASSWORD });
    expect(wrong.ok).toBe(false);
    expect(!wrong.ok && wrong.fieldErrors).toEqual({ password: ["That email and password do not match an account."] });
    expect(unknown).toEqual(wrong);
  });

  it("the right password starts a new session every time", async () => {
    const { email, userId, token: signUpToken } = await member();
    const first = await logIn({ email, password: PASSWORD });
    const second = await logIn({ email, password: PASSWORD });
    if (!first.ok || !second.ok) throw new Error("login failed");
    expect(first.value.userId).toBe(userId);
    expect(new Set([signUpToken, first.value.token, second.value.token]).size).toBe(3);
    expect(await prisma.session.count({ where: { userId } })).toBe(3);
    expect((await validateSessionToken(second.value.token))?.user.id).toBe(userId);
  });
});

describe("password reset", () => {
  it("emails a link valid for an hour; it works once, and ends every earlier session", async () => {
    const { email, userId, token: oldSession } = await member();
    const before = Date.now();
    await requestPasswordReset(email, SITE);
    const token = await emailedResetToken(email);

    const row = await prisma.passwordResetToken.findUniqueOrThrow({ where: { id: hashToken(token) }, select: { expiresAt: true } });
    expect(row.expiresAt.getTime() - before).toBeGreaterThanOrEqual(60 * 60_000 - 5_000);
    expect(row.expiresAt.getTime() - before).toBeLessThanOrEqual(60 * 60_000 + 5_000);
    expect(await prisma.passwordResetToken.count({ where: { id: token } })).toBe(0);
    expect(await isResetTokenUsable(token)).toBe(true);

    const reset = await resetPassword(token, NEW_PASSWORD);
    if (!reset.ok) throw new Error("reset failed");
    expect(reset.value.userId).toBe(userId);
    expect(await validateSessionToken(oldSession)).toBeNull();
    expect((await validateSessionToken(reset.value.token))?.user.id).toBe(userId);
    expect(await prisma.session.count({ where: { userId } })).toBe(1);

    expect(await isResetTokenUsable(token)).toBe(false);
    expect(await resetPassword(token, "another fine password")).toMatchObject({ ok: false, reason: "gone" });
    expect((await logIn({ email, password: NEW_PASSWORD })).ok).toBe(true);
    expect((await logIn({ email, password: PASSWORD })).ok).toBe(false);
  });

  it("a link past its hour no longer works", async () => {
    const { email } = await member();
    await requestPasswordReset(email, SITE);
    const token = await emailedResetToken(email);
    await prisma.passwordResetToken.update({
      where: { id: hashToken(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
      select: { id: true },
    });
    expect(await isResetTokenUsable(token)).toBe(false);
    expect(await resetPassword(token, NEW_PASSWORD)).toMatchObject({ ok: false, reason: "gone" });
    expect((await logIn({ email, password: PASSWORD })).ok).toBe(true);
  });

  it("a new request replaces the earlier link", async () => {
    const { email } = await member();
    await requestPasswordReset(email, SITE);
    const first = await emailedResetToken(email);
    await requestPasswordReset(email, SITE);
    const sent = await prisma.outboxEmail.findMany({ where: { to: email }, select: { text: true } });
    expect(sent).toHaveLength(2);
    const tokens = sent.map((sent) => /\/reset-password\/([a-z2-7]{32})/.exec(sent.text)?.[1]);
    const latest = tokens.find((candidate) => candidate !== first)!;
    expect(await isResetTokenUsable(first)).toBe(false);
    expect(await isResetTokenUsable(latest)).toBe(true);
  });

  it("a common new password is refused without using up the link", async () => {
    const { email } = await member();
    await requestPasswordReset(email, SITE);
    const token = await emailedResetToken(email);
    const weak = await resetPassword(token, "qwertyuiop");
    expect(weak.ok).toBe(false);
    expect(!weak.ok && "fieldErrors" in weak && weak.fieldErrors?.password?.[0]).toMatch(/commonly used/);
    expect(await isResetTokenUsable(token)).toBe(true);
  });

  it("sends nothing for an address without an account, and an unknown token is not usable", async () => {
    const nobody = newEmail();
    await requestPasswordReset(nobody, SITE);
    expect(await prisma.outboxEmail.count({ where: { to: nobody } })).toBe(0);
    // It composed the email all the same: the same work as for a known address.
    expect(vi.mocked(passwordResetEmail)).toHaveBeenCalledTimes(1);
    expect(await isResetTokenUsable(generateToken())).toBe(false);
    expect(await resetPassword(generateToken(), NEW_PASSWORD)).toMatchObject({ ok: false, reason: "gone" });
  });
});

describe("change password", () => {
  it("requires the current password", async () => {
    const { email, userId, token } = await member();
    const result = await changePassword(
      { userId, sessionId: hashToken(token) },
      { currentPassword: "not my password", password: NEW_PASSWORD },
    );
    expect(result).toMatchObject({ ok: false, reason: "invalid", fieldErrors: { currentPassword: ["That is not your current password."] } });
    expect((await logIn({ email, password: PASSWORD })).ok).toBe(true);
  });

  it("refuses a common new password", async () => {
    const { userId, token } = await member();
    const result = await changePassword(
      { userId, sessionId: hashToken(token) },
      { currentPassword: PASSWORD, password: "welcome2026" },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors?.password?.[0]).toMatch(/commonly used/);
  });

  it("ends every other session but keeps the current one, and invalidates reset links", async () => {
    const { email, userId, token: current } = await member();
    const other = await logIn({ email, password: PASSWORD });
    if (!other.ok) throw new Error("login failed");
    await requestPasswordReset(email, SITE);
    const resetLink = await emailedResetToken(email);

    const result = await changePassword(
      { userId, sessionId: hashToken(current) },
      { currentPassword: PASSWORD, password: NEW_PASSWORD },
    );
    expect(result).toEqual({ ok: true, value: null });
    expect((await validateSessionToken(current))?.user.id).toBe(userId);
    expect(await validateSessionToken(other.value.token)).toBeNull();
    expect(await isResetTokenUsable(resetLink)).toBe(false);
    expect((await logIn({ email, password: NEW_PASSWORD })).ok).toBe(true);
    expect((await logIn({ email, password: PASSWORD })).ok).toBe(false);
  });
});

describe("delete account", () => {
  it("a wrong password deletes nothing", async () => {
    const { userId } = await member();
    expect(await deleteAccount({ userId }, "not my password")).toMatchObject({
      ok: false,
      reason: "invalid",
      fieldErrors: { password: ["That is not your password."] },
    });
    expect(await prisma.user.count({ where: { id: userId } })).toBe(1);
  });

  it("removes the user, the profile, every session and reset link", async () => {
    const { email, userId } = await member();
    await logIn({ email, password: PASSWORD });
    await requestPasswordReset(email, SITE);
    expect(await prisma.session.count({ where: { userId } })).toBe(2);

    expect(await deleteAccount({ userId }, PASSWORD)).toEqual({ ok: true, value: null });
    expect(await prisma.user.count({ where: { id: userId } })).toBe(0);
    expect(await prisma.profile.count({ where: { userId } })).toBe(0);
    expect(await prisma.session.count({ where: { userId } })).toBe(0);
    expect(await prisma.passwordResetToken.count({ where: { userId } })).toBe(0);
    expect((await logIn({ email, password: PASSWORD })).ok).toBe(false);
  });
});
