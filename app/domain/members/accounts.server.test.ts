import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { generateToken, hashToken, validateSessionToken } from "~/utils/session.server";
import {
  changePassword,
  deleteAccount,
  isResetTokenUsable,
  logIn,
  requestPasswordReset,
  resetPassword,
  signUp,
} from "./accounts.server";

// Test files in a worker share one database: every test makes its own members.
const newEmail = () => `${crypto.randomUUID()}@example.org`;
const PASSWORD = "quiet orchard morning";
const NEW_PASSWORD = "brisk harbour evening";
const SITE = "http://localhost";

async function member(email = newEmail()) {
  const result = await signUp({ email, password: PASSWORD, displayName: "Ana Pérez" });
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

describe("sign-up", () => {
  it("creates the user, a profile and a session, and stores only the token's hash", async () => {
    const { email, userId, token } = await member();
    const user = await prisma.user.findUniqueOrThrow({
      where: { email },
      select: { id: true, role: true, profile: { select: { handle: true, displayName: true } } },
    });
    expect(user.id).toBe(userId);
    expect(user.role).toBe("MEMBER");
    expect(user.profile?.displayName).toBe("Ana Pérez");
    expect(user.profile?.handle).toMatch(/^ana-perez(-\d+)?$/);

    const sessions = await prisma.session.findMany({ where: { userId }, select: { id: true } });
    expect(sessions).toEqual([{ id: hashToken(token) }]);
    expect(sessions[0]!.id).not.toBe(token);
    expect(await prisma.session.count({ where: { id: token } })).toBe(0);
  });

  it("refuses an email that already has an account, on the email field", async () => {
    const { email } = await member();
    const again = await signUp({ email, password: NEW_PASSWORD, displayName: "Someone Else" });
    expect(again.ok).toBe(false);
    expect(!again.ok && again.fieldErrors.email?.[0]).toMatch(/already exists/);
    expect(await prisma.user.count({ where: { email } })).toBe(1);
  });

  it("refuses a common password, whatever its case, and creates nothing", async () => {
    const email = newEmail();
    const result = await signUp({ email, password: "Password123", displayName: "Weak Password" });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors.password?.[0]).toMatch(/commonly used/);
    expect(await prisma.user.count({ where: { email } })).toBe(0);
  });

  it("hashes passwords with argon2id", async () => {
    const { email } = await member();
    const { passwordHash } = await prisma.user.findUniqueOrThrow({ where: { email }, select: { passwordHash: true } });
    expect(passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(passwordHash).not.toContain(PASSWORD);
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
    expect(await resetPassword(token, "another fine password")).toEqual({ ok: false, expired: true });
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
    expect(await resetPassword(token, NEW_PASSWORD)).toEqual({ ok: false, expired: true });
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
    expect(!weak.ok && "fieldErrors" in weak && weak.fieldErrors.password?.[0]).toMatch(/commonly used/);
    expect(await isResetTokenUsable(token)).toBe(true);
  });

  it("sends nothing for an address without an account, and an unknown token is not usable", async () => {
    const nobody = newEmail();
    await requestPasswordReset(nobody, SITE);
    expect(await prisma.outboxEmail.count({ where: { to: nobody } })).toBe(0);
    expect(await isResetTokenUsable(generateToken())).toBe(false);
    expect(await resetPassword(generateToken(), NEW_PASSWORD)).toEqual({ ok: false, expired: true });
  });
});

describe("change password", () => {
  it("requires the current password", async () => {
    const { email, userId, token } = await member();
    const result = await changePassword(
      { userId, sessionId: hashToken(token) },
      { currentPassword: "not my password", password: NEW_PASSWORD },
    );
    expect(result).toEqual({ ok: false, fieldErrors: { currentPassword: ["That is not your current password."] } });
    expect((await logIn({ email, password: PASSWORD })).ok).toBe(true);
  });

  it("refuses a common new password", async () => {
    const { userId, token } = await member();
    const result = await changePassword(
      { userId, sessionId: hashToken(token) },
      { currentPassword: PASSWORD, password: "welcome2026" },
    );
    expect(result.ok).toBe(false);
    expect(!result.ok && result.fieldErrors.password?.[0]).toMatch(/commonly used/);
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
    expect(await deleteAccount({ userId }, "not my password")).toEqual({
      ok: false,
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
