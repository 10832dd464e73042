// The email routes, called with real Requests: /settings/email and the
// unsubscribe link (logged out, and the RFC 8058 one-click POST from mail clients).
import { describe, expect, it } from "vitest";
import { action as unsubscribeAction, loader as unsubscribeLoader } from "~/routes/accounts/email.unsubscribe";
import { action as settingsAction, loader as settingsLoader } from "~/routes/accounts/settings.email";
import { prisma } from "~/utils/db.server";
import { createTestMember, type TestMember } from "../../../tests/fixtures/members";
import { routeArgs } from "../../../tests/fixtures/route-args";
import { flashOf } from "../../../tests/fixtures/flash";
import { unsubscribeUrl } from "./unsubscribe.server";

/** What a loader or action answered: the status a browser would get and the data. */
async function answer(promise: Promise<unknown>): Promise<{ status: number; body: unknown; location: string | null }> {
  let result: unknown;
  try {
    result = await promise;
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, body: null, location: result.headers.get("Location") };
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    const { data, init } = result as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, body: data, location: null };
  }
  return { status: 200, body: result, location: null };
}

async function memberOn(frequency: "NONE" | "IMMEDIATE" | "DAILY" | "WEEKLY") {
  const member = await createTestMember();
  await prisma.user.update({ where: { id: member.userId }, data: { emailFrequency: frequency }, select: { id: true } });
  return member;
}

const frequencyOf = async (member: TestMember) =>
  (await prisma.user.findUniqueOrThrow({ where: { id: member.userId }, select: { emailFrequency: true } })).emailFrequency;

/** The path and query of the member's unsubscribe link. */
async function unsubscribePath(member: TestMember) {
  const url = new URL(await unsubscribeUrl(member.userId));
  return { path: url.pathname + url.search, token: url.searchParams.get("token")! };
}

/** The link or token with one character of its signature changed. */
function tampered(text: string) {
  return `${text.slice(0, -2)}${text.at(-2) === "A" ? "B" : "A"}${text.at(-1)}`;
}

describe("/email/unsubscribe", () => {
  it("shows, logged out, whose community emails a genuine link stops", async () => {
    const member = await memberOn("DAILY");
    const { path } = await unsubscribePath(member);
    const shown = await answer(unsubscribeLoader(routeArgs(path)));
    expect(shown.status).toBe(200);
    expect(shown.body).toMatchObject({ ok: true, target: { displayName: member.displayName, frequency: "DAILY" } });
    expect(JSON.stringify(shown.body)).not.toContain(member.email);
    expect(await frequencyOf(member)).toBe("DAILY"); // GET changes nothing
  });

  it("answers a changed or missing token with 400 and changes nothing", async () => {
    const member = await memberOn("WEEKLY");
    const { path, token } = await unsubscribePath(member);
    for (const bad of [tampered(path), "/email/unsubscribe", "/email/unsubscribe?token=v1.abc.def"]) {
      expect((await answer(unsubscribeLoader(routeArgs(bad)))).status).toBe(400);
      expect((await answer(unsubscribeAction(routeArgs(bad, { form: { intent: "unsubscribe" } })))).status).toBe(400);
    }
    const forged = await answer(
      unsubscribeAction(routeArgs("/email/unsubscribe", { form: { token: tampered(token), intent: "unsubscribe" } })),
    );
    expect(forged.status).toBe(400);
    expect(await frequencyOf(member)).toBe("WEEKLY");
  });

  it("unsubscribes from the page's form, without being logged in", async () => {
    const member = await memberOn("IMMEDIATE");
    const { token } = await unsubscribePath(member);
    const done = await answer(unsubscribeAction(routeArgs("/email/unsubscribe", { form: { token, intent: "unsubscribe" } })));
    expect(done).toMatchObject({ status: 200, body: { ok: true, done: "unsubscribe", target: { frequency: "NONE" } } });
    expect(await frequencyOf(member)).toBe("NONE");
  });

  it("switches to a weekly digest instead when asked", async () => {
    const member = await memberOn("IMMEDIATE");
    const { path } = await unsubscribePath(member);
    const done = await answer(unsubscribeAction(routeArgs(path, { form: { intent: "weekly" } })));
    expect(done.body).toMatchObject({ ok: true, done: "weekly" });
    expect(await frequencyOf(member)).toBe("WEEKLY");
  });

  it("refuses an unknown choice with 400", async () => {
    const member = await memberOn("DAILY");
    const { path } = await unsubscribePath(member);
    expect((await answer(unsubscribeAction(routeArgs(path, { form: { intent: "daily-please" } })))).status).toBe(400);
    expect(await frequencyOf(member)).toBe("DAILY");
  });

  it("unsubscribes on a mail client's one-click POST (RFC 8058): no cookie, no form token, only the link", async () => {
    const member = await memberOn("WEEKLY");
    const { path } = await unsubscribePath(member);
    const request = new Request(`http://localhost${path}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    const done = await answer(unsubscribeAction({ request, params: {}, context: { cspNonce: "", clientIp: "192.0.2.9" } }));
    expect(done.status).toBe(200);
    expect(await frequencyOf(member)).toBe("NONE");

    // The same POST with a changed link does nothing.
    const other = await memberOn("WEEKLY");
    const forged = new Request(`http://localhost${tampered((await unsubscribePath(other)).path)}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect((await answer(unsubscribeAction({ request: forged, params: {}, context: { cspNonce: "", clientIp: "192.0.2.9" } }))).status).toBe(400);
    expect(await frequencyOf(other)).toBe("WEEKLY");
  });
});

describe("/settings/email", () => {
  it("sends visitors to log in", async () => {
    const result = await answer(settingsLoader(routeArgs("/settings/email")));
    expect(result.status).toBe(302);
    expect(result.location).toBe("/login?redirectTo=%2Fsettings%2Femail");
    const posted = await answer(settingsAction(routeArgs("/settings/email", { form: { frequency: "NONE" } })));
    expect(posted.status).toBe(302);
    expect(posted.location).toMatch(/^\/login/);
  });

  it("shows the member's choice and saves a new one", async () => {
    const member = await memberOn("WEEKLY");
    const shown = await answer(settingsLoader(routeArgs("/settings/email", { cookie: member.cookie })));
    expect(shown.body).toEqual({
      frequency: "WEEKLY",
      mailingListMode: false,
      replyByEmail: false,
      reminderEmails: true,
      visibleToOwners: false,
      // Digests follow it; the page names it and links to change it.
      timeZone: "UTC",
      constraint: expect.any(Object),
    });

    const saved = await settingsAction(routeArgs("/settings/email", { cookie: member.cookie, form: { frequency: "IMMEDIATE" } }));
    expect(saved).toBeInstanceOf(Response);
    expect(saved).toMatchObject({ status: 302 });
    expect((saved as Response).headers.get("Location")).toBe("/settings/email");
    expect(await flashOf(saved as Response)).toMatch(/^Saved\./);
    expect(await frequencyOf(member)).toBe("IMMEDIATE");

    // Reminders have a form of their own: turning them off leaves community email as chosen.
    const off = await settingsAction(routeArgs("/settings/email", { cookie: member.cookie, form: { intent: "reminders", reminders: "off" } }));
    expect((off as Response).status).toBe(302);
    const user = await prisma.user.findUniqueOrThrow({ where: { id: member.userId }, select: { reminderEmails: true, emailFrequency: true } });
    expect(user).toEqual({ reminderEmails: false, emailFrequency: "IMMEDIATE" });
  });

  it("refuses an unknown choice with a field error and changes nothing", async () => {
    const member = await memberOn("DAILY");
    const result = await answer(settingsAction(routeArgs("/settings/email", { cookie: member.cookie, form: { frequency: "HOURLY" } })));
    expect(result.status).toBe(400);
    expect(result.body).toMatchObject({ error: { frequency: [expect.any(String)] } });
    expect(await frequencyOf(member)).toBe("DAILY");
  });

  it("starts a digest from now when switching to one, and keeps its place between daily and weekly", async () => {
    const member = await memberOn("NONE");
    const before = Date.now();
    await settingsAction(routeArgs("/settings/email", { cookie: member.cookie, form: { frequency: "DAILY" } }));
    const daily = await prisma.user.findUniqueOrThrow({ where: { id: member.userId }, select: { digestCursor: true } });
    expect(daily.digestCursor!.getTime()).toBeGreaterThanOrEqual(before - 1000);

    const lastDigest = new Date("2026-01-05T00:00:00Z");
    await prisma.user.update({ where: { id: member.userId }, data: { digestCursor: lastDigest }, select: { id: true } });
    await settingsAction(routeArgs("/settings/email", { cookie: member.cookie, form: { frequency: "WEEKLY" } }));
    await settingsAction(routeArgs("/settings/email", { cookie: member.cookie, form: { frequency: "NONE" } }));
    const after = await prisma.user.findUniqueOrThrow({ where: { id: member.userId }, select: { digestCursor: true } });
    expect(after.digestCursor).toEqual(lastDigest);
  });
});

describe("/settings/email: reading and answering by email", () => {
  const settingsOf = (member: TestMember) =>
    prisma.user.findUniqueOrThrow({ where: { id: member.userId }, select: { mailingListMode: true, replyKeyVersion: true, emailFrequency: true } });

  it("turns mailing-list mode on and off, and unsubscribing turns it off too", async () => {
    const member = await memberOn("WEEKLY");
    const on = await answer(settingsAction(routeArgs("/settings/email", { cookie: member.cookie, form: { intent: "mailing-list", mailingList: "on" } })));
    expect(on.status).toBe(302);
    expect(await settingsOf(member)).toMatchObject({ mailingListMode: true, emailFrequency: "WEEKLY" });
    const shown = await answer(settingsLoader(routeArgs("/settings/email", { cookie: member.cookie })));
    expect(shown.body).toMatchObject({ mailingListMode: true, frequency: "WEEKLY" });
    await settingsAction(routeArgs("/settings/email", { cookie: member.cookie, form: { intent: "mailing-list" } }));
    expect((await settingsOf(member)).mailingListMode).toBe(false);

    await settingsAction(routeArgs("/settings/email", { cookie: member.cookie, form: { intent: "mailing-list", mailingList: "on" } }));
    const { token } = await unsubscribePath(member);
    await unsubscribeAction(routeArgs("/email/unsubscribe", { form: { token, intent: "unsubscribe" } }));
    expect(await settingsOf(member)).toMatchObject({ mailingListMode: false, emailFrequency: "NONE" });
  });

  it("refuses a strange value with 400 and changes nothing", async () => {
    const member = await memberOn("WEEKLY");
    const refused = await answer(settingsAction(routeArgs("/settings/email", { cookie: member.cookie, form: { intent: "mailing-list", mailingList: "yes please" } })));
    expect(refused.status).toBe(400);
    expect((await settingsOf(member)).mailingListMode).toBe(false);
  });

  it("stops every reply address the member holds", async () => {
    const member = await memberOn("IMMEDIATE");
    const before = (await settingsOf(member)).replyKeyVersion;
    const stopped = await settingsAction(routeArgs("/settings/email", { cookie: member.cookie, form: { intent: "stop-reply-addresses" } }));
    expect((stopped as Response).status).toBe(302);
    expect(await flashOf(stopped as Response)).toMatch(/reply and posting address we sent you before now is stopped/);
    expect((await settingsOf(member)).replyKeyVersion).toBe(before + 1);
  });
});
