import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signUpConfirmed } from "../../tests/fixtures/members";
import { countQueries, prisma } from "./db.server";
import {
  clearedSessionCookie,
  createSession,
  generateToken,
  hashToken,
  invalidateOtherSessions,
  readSessionToken,
  sessionCookie,
  validateSessionToken,
} from "./session.server";

const DAY = 24 * 60 * 60 * 1000;

async function newMember() {
  const result = await signUpConfirmed({
    email: `${crypto.randomUUID()}@example.org`,
    password: "quiet orchard morning",
    displayName: "Session Tester",
  });
  if (!result.ok) throw new Error("sign-up failed");
  return result.value.userId;
}

describe("session tokens", () => {
  it("are 32 base32 characters (20 random bytes, 160 bits) and never repeat", () => {
    const tokens = Array.from({ length: 200 }, generateToken);
    for (const token of tokens) expect(token).toMatch(/^[a-z2-7]{32}$/);
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it("are stored as their SHA-256 hash in lowercase hex", () => {
    const token = generateToken();
    expect(hashToken(token)).toBe(createHash("sha256").update(token).digest("hex"));
    expect(hashToken(token)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashToken(token)).not.toBe(hashToken(generateToken()));
  });

  it("travel in an HttpOnly, SameSite=Lax cookie that reads back, and a cleared cookie expires at once", () => {
    const token = generateToken();
    const cookie = sessionCookie(token, new Date(Date.now() + DAY));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\//);
    const request = new Request("http://localhost/", { headers: { Cookie: `other=1; ${cookie.split(";")[0]}` } });
    expect(readSessionToken(request)).toBe(token);
    expect(clearedSessionCookie()).toMatch(/Max-Age=0/);
    expect(readSessionToken(new Request("http://localhost/", { headers: { Cookie: "cme_session=not-a-token" } }))).toBeNull();
  });
});

describe("session lifetime", () => {
  it("a session is valid for 30 days; after that it is refused and its row deleted", async () => {
    const userId = await newMember();
    const start = new Date();
    const { token, expiresAt } = await createSession(userId, start);
    expect(expiresAt.getTime() - start.getTime()).toBe(30 * DAY);

    const justBefore = await validateSessionToken(token, new Date(start.getTime() + 30 * DAY - 1000));
    expect(justBefore?.user.id).toBe(userId);

    // The check just before expiry extended the session; read the new expiry and go past it.
    const row = await prisma.session.findUniqueOrThrow({ where: { id: hashToken(token) }, select: { expiresAt: true } });
    expect(await validateSessionToken(token, new Date(row.expiresAt.getTime() + 1000))).toBeNull();
    expect(await prisma.session.count({ where: { id: hashToken(token) } })).toBe(0);
  });

  it("an unused session expires after 30 days", async () => {
    const userId = await newMember();
    const start = new Date();
    const { token } = await createSession(userId, start);
    expect(await validateSessionToken(token, new Date(start.getTime() + 30 * DAY))).toBeNull();
    expect(await prisma.session.count({ where: { id: hashToken(token) } })).toBe(0);
  });

  it("use in the first half keeps the expiry; use in the second half extends it to 30 days from then", async () => {
    const userId = await newMember();
    const start = new Date();
    const { token, expiresAt } = await createSession(userId, start);

    const early = await validateSessionToken(token, new Date(start.getTime() + 10 * DAY));
    expect(early?.extended).toBe(false);
    expect(early?.session.expiresAt.getTime()).toBe(expiresAt.getTime());

    const late = new Date(start.getTime() + 16 * DAY);
    const extended = await validateSessionToken(token, late);
    expect(extended?.extended).toBe(true);
    expect(extended?.session.expiresAt.getTime()).toBe(late.getTime() + 30 * DAY);
    const row = await prisma.session.findUniqueOrThrow({ where: { id: hashToken(token) }, select: { expiresAt: true } });
    expect(row.expiresAt.getTime()).toBe(late.getTime() + 30 * DAY);
  });

  it("a valid session, its member and (when asked) the unread count come in one query, with no write", async () => {
    const userId = await newMember();
    const { token } = await createSession(userId);
    await prisma.notification.createMany({
      data: [
        { userId, kind: "REPLY" },
        { userId, kind: "MENTION" },
        { userId, kind: "REPLY", readAt: new Date() },
      ],
    });
    const { result, queries } = await countQueries(() => validateSessionToken(token, new Date(), { unreadNotifications: true }));
    expect(queries).toBe(1);
    expect(result).toMatchObject({
      user: { id: userId, role: "MEMBER", profile: { displayName: "Session Tester" } },
      extended: false,
      unreadNotifications: 2,
    });
    expect((await validateSessionToken(token))?.unreadNotifications).toBeUndefined();
  });

  it("an unknown token finds no session", async () => {
    expect(await validateSessionToken(generateToken())).toBeNull();
  });

  it("invalidateOtherSessions keeps only the given session, or none without one", async () => {
    const userId = await newMember();
    const kept = await createSession(userId);
    await createSession(userId);
    await createSession(userId);
    await invalidateOtherSessions(userId, hashToken(kept.token));
    const left = await prisma.session.findMany({ where: { userId }, select: { id: true } });
    expect(left).toEqual([{ id: hashToken(kept.token) }]);

    await invalidateOtherSessions(userId);
    expect(await prisma.session.count({ where: { userId } })).toBe(0);
  });

  it("ending one member's sessions leaves other members' alone", async () => {
    // One after the other: two sign-ups at once with the same name can race for the same handle.
    const ana = await newMember();
    const ben = await newMember();
    await invalidateOtherSessions(ana);
    expect(await prisma.session.count({ where: { userId: ana } })).toBe(0);
    expect(await prisma.session.count({ where: { userId: ben } })).toBe(1);
  });
});
