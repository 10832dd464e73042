import { afterEach, describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { createTestMember } from "../../../tests/fixtures/members";
import {
  applyUnsubscribeToken,
  createLinkToken,
  findUnsubscribeTarget,
  maskEmail,
  readLinkToken,
  unsubscribeUrl,
} from "./unsubscribe.server";
import { forgetSigningKey, loadStoredSigningKey } from "~/utils/signing-key.server";

afterEach(() => {
  delete process.env.SESSION_SECRET;
  forgetSigningKey();
});

/** The token with one character of its signature changed. */
function tamper(token: string): string {
  const last = token.at(-2)!;
  return `${token.slice(0, -2)}${last === "A" ? "B" : "A"}${token.at(-1)}`;
}

describe("signed unsubscribe tokens", () => {
  it("name the member they were made for", async () => {
    const member = await createTestMember();
    const token = await createLinkToken(member.userId, "unsubscribe");
    expect(token).toMatch(/^v1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await readLinkToken(token, "unsubscribe")).toBe(member.userId);
  });

  it("refuse a changed signature, another member's id, another purpose and anything malformed", async () => {
    const [member, other] = await Promise.all([createTestMember(), createTestMember()]);
    const token = await createLinkToken(member.userId, "unsubscribe");
    const [version, , mac] = token.split(".");
    const refused = [
      tamper(token),
      `${version}.${other.userId}.${mac}`, // someone else's id with this member's signature
      `v2.${member.userId}.${mac}`,
      `${version}.${member.userId}`,
      `${version}.${member.userId}.${mac}.extra`,
      `${version}.${member.userId}.not base64!`,
      `${version}.${member.userId}.${mac!.slice(0, 20)}`,
      "",
      "x".repeat(500),
      null,
    ];
    for (const candidate of refused) expect(await readLinkToken(candidate, "unsubscribe")).toBeNull();
    // Signed for another purpose: not an unsubscribe link.
    const otherPurpose = await createLinkToken(member.userId, "email-preferences");
    expect(await readLinkToken(otherPurpose, "email-preferences")).toBe(member.userId);
    expect(await readLinkToken(otherPurpose, "unsubscribe")).toBeNull();
    expect(await readLinkToken(token, "email-preferences")).toBeNull();
  });

  it("use one key kept in the database, created once even when instances race for it", async () => {
    const member = await createTestMember();
    const token = await createLinkToken(member.userId, "unsubscribe");
    const keys = await Promise.all([loadStoredSigningKey(), loadStoredSigningKey(), loadStoredSigningKey()]);
    expect(new Set(keys.map((key) => Buffer.from(key).toString("hex"))).size).toBe(1);
    const settings = await prisma.siteSettings.findUniqueOrThrow({ where: { id: 1 }, select: { signingKey: true } });
    expect(Buffer.from(settings.signingKey!, "base64")).toEqual(Buffer.from(keys[0]!));
    // Another instance (nothing cached) accepts the token.
    forgetSigningKey();
    expect(await readLinkToken(token, "unsubscribe")).toBe(member.userId);
  });

  it("are signed with SESSION_SECRET when it is set", async () => {
    const member = await createTestMember();
    const withDatabaseKey = await createLinkToken(member.userId, "unsubscribe");
    process.env.SESSION_SECRET = "a long and random secret for this test only";
    const withSecret = await createLinkToken(member.userId, "unsubscribe");
    expect(withSecret).not.toBe(withDatabaseKey);
    expect(await readLinkToken(withSecret, "unsubscribe")).toBe(member.userId);
    expect(await readLinkToken(withDatabaseKey, "unsubscribe")).toBeNull();
    process.env.SESSION_SECRET = "another secret";
    expect(await readLinkToken(withSecret, "unsubscribe")).toBeNull();
  });
});

describe("acting on an unsubscribe link", () => {
  it("stops community emails, or switches to a weekly digest, for the member named", async () => {
    const member = await createTestMember();
    await prisma.user.update({ where: { id: member.userId }, data: { emailFrequency: "IMMEDIATE" }, select: { id: true } });
    const url = await unsubscribeUrl(member.userId);
    const token = new URL(url).searchParams.get("token");

    expect(await findUnsubscribeTarget(token)).toEqual({
      displayName: member.displayName,
      maskedEmail: maskEmail(member.email),
      frequency: "IMMEDIATE",
    });
    const now = new Date();
    expect(await applyUnsubscribeToken(token, "WEEKLY", now)).toMatchObject({ frequency: "WEEKLY" });
    const weekly = await prisma.user.findUniqueOrThrow({ where: { id: member.userId }, select: { digestCursor: true } });
    expect(weekly.digestCursor).toEqual(now); // the first digest starts now
    expect(await applyUnsubscribeToken(token, "NONE")).toMatchObject({ frequency: "NONE" });

    expect(await applyUnsubscribeToken(tamper(token!), "WEEKLY")).toBeNull();
    expect(await prisma.user.findUniqueOrThrow({ where: { id: member.userId }, select: { emailFrequency: true } })).toEqual({
      emailFrequency: "NONE",
    });
  });

  it("shows enough of the address to recognise it, not all of it", () => {
    expect(maskEmail("annabelle@example.org")).toBe("an…@example.org");
    expect(maskEmail("ab@example.org")).toBe("a…@example.org");
    expect(maskEmail("a@example.org")).toBe("a…@example.org");
  });
});
