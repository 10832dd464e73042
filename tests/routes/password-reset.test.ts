import { describe, expect, it } from "vitest";
import { logIn } from "~/domain/members/accounts.server";
import { hasAfterResponseWork, runAfterResponse } from "~/utils/after-response.server";
import { prisma } from "~/utils/db.server";
import { LIMITS } from "~/utils/rate-limit.server";
import { validateSessionToken } from "~/utils/session.server";
import { signUpConfirmed } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { action as forgotAction } from "~/routes/accounts/forgot-password";
import { action as resetAction, loader as resetLoader } from "~/routes/accounts/reset-password.$token";

// Test files in a worker share one database: unique members, and a client
// address of its own per test so that the per-IP limit never carries over.
const newEmail = () => `${crypto.randomUUID()}@example.org`;
const newIp = () => `test-${crypto.randomUUID()}`;
const PASSWORD = "quiet orchard morning";
const NEW_PASSWORD = "brisk harbour evening";

async function member() {
  const email = newEmail();
  const result = await signUpConfirmed({ email, password: PASSWORD, displayName: "Reset Tester" });
  if (!result.ok) throw new Error("sign-up failed");
  return { email, ...result.value };
}

/** Asks for a reset link; the email is written after the response, as a server would once it has answered. */
async function forgot(form: Record<string, string>, clientIp = newIp()) {
  const args = routeArgs("/forgot-password", { form, clientIp });
  const result = await forgotAction(args);
  await runAfterResponse(args.context);
  return result;
}

async function emailedResetPath(to: string): Promise<{ path: string; token: string }> {
  const email = await prisma.outboxEmail.findFirst({ where: { to }, orderBy: { createdAt: "desc" }, select: { text: true } });
  const match = /https?:\/\/[^/\s]+(\/reset-password\/([a-z2-7]{32}))/.exec(email?.text ?? "");
  if (!match) throw new Error(`no reset link was emailed to ${to}`);
  return { path: match[1]!, token: match[2]! };
}

/** How many of the reset links emailed to an address still work. */
async function usableLinks(to: string): Promise<number> {
  const emails = await prisma.outboxEmail.findMany({ where: { to }, select: { text: true } });
  let usable = 0;
  for (const { text } of emails) {
    const token = /\/reset-password\/([a-z2-7]{32})/.exec(text)?.[1] ?? "";
    if (answer(await resetLoader(routeArgs(`/reset-password/${token}`, { params: { token } }))).status === 200) usable += 1;
  }
  return usable;
}

/** What a loader or action answered: the body and the status a browser would get. */
function answer(result: unknown): { status: number; body: unknown } {
  if (result instanceof Response) return { status: result.status, body: null };
  if (result && typeof result === "object" && "init" in result && "data" in result) {
    const { data, init } = result as { data: unknown; init: ResponseInit | null };
    return { status: init?.status ?? 200, body: data };
  }
  return { status: 200, body: result };
}

describe("forgot password", () => {
  it("answers a registered and an unregistered address the same way, and emails only the registered one", async () => {
    const { email: registered } = await member();
    const unregistered = newEmail();
    const forRegistered = answer(await forgot({ email: registered }));
    const forUnregistered = answer(await forgot({ email: unregistered }));

    expect(forRegistered.status).toBe(200);
    expect(forUnregistered.status).toBe(forRegistered.status);
    // The same body, apart from echoing the address that was typed.
    const withoutAddress = (body: unknown, address: string) => JSON.stringify(body).replaceAll(address, "<email>");
    expect(withoutAddress(forUnregistered.body, unregistered)).toBe(withoutAddress(forRegistered.body, registered));
    expect(forRegistered.body).toEqual({ sentTo: registered, linkMinutes: 60 });

    expect(await prisma.outboxEmail.count({ where: { to: registered } })).toBe(1);
    expect(await prisma.outboxEmail.count({ where: { to: unregistered } })).toBe(0);
  });

  it("normalises the address: a registered email typed in capitals still gets its link", async () => {
    const { email } = await member();
    expect(answer(await forgot({ email: `  ${email.toUpperCase()} ` })).body).toEqual({ sentTo: email, linkMinutes: 60 });
    expect(await prisma.outboxEmail.count({ where: { to: email } })).toBe(1);
  });

  it("a filled honeypot gets the same confirmation but sends no email", async () => {
    const { email } = await member();
    const result = answer(await forgot({ email, website: "http://spam.example" }));
    expect(result).toEqual({ status: 200, body: { sentTo: email, linkMinutes: 60 } });
    expect(await prisma.outboxEmail.count({ where: { to: email } })).toBe(0);
  });

  it("an invalid address is a field error, not a confirmation", async () => {
    const result = answer(await forgot({ email: "not an address" })).body as { error?: Record<string, string[]> };
    expect(result.error?.email).toEqual(["Enter an email address like name@example.org"]);
  });

  it("answers before looking the address up: the same work is left for after the response, known address or not", async () => {
    const { email: registered } = await member();
    const queued = async (email: string) => {
      const args = routeArgs("/forgot-password", { form: { email }, clientIp: newIp() });
      await forgotAction(args);
      const waiting = hasAfterResponseWork(args.context);
      const emailsBefore = await prisma.outboxEmail.count({ where: { to: email } });
      await runAfterResponse(args.context);
      return { waiting, emailsBefore };
    };
    expect(await queued(registered)).toEqual({ waiting: true, emailsBefore: 0 });
    expect(await queued(newEmail())).toEqual({ waiting: true, emailsBefore: 0 });
    expect(await prisma.outboxEmail.count({ where: { to: registered } })).toBe(1);
  });

  it("limits requests per account and address (registered or not) with a 429 that says when", async () => {
    for (const email of [(await member()).email, newEmail()]) {
      const from = newIp();
      for (let attempt = 0; attempt < 3; attempt++) await forgot({ email }, from);
      const thrown = await forgot({ email }, from).catch((error: unknown) => error);
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(429);
      const retryAfter = Number((thrown as Response).headers.get("Retry-After"));
      expect(retryAfter).toBeGreaterThan(0);
      expect(await (thrown as Response).json()).toEqual({ retryAfter });
    }
  });

  it("someone else using up requests for an address does not stop its owner getting a link", async () => {
    const { email } = await member();
    const attacker = newIp();
    for (let attempt = 0; attempt < 3; attempt++) await forgot({ email }, attacker);
    expect(await forgot({ email }, attacker).catch((error: unknown) => error)).toBeInstanceOf(Response);
    const before = await prisma.outboxEmail.count({ where: { to: email } });
    expect(answer(await forgot({ email }, newIp())).body).toEqual({ sentTo: email, linkMinutes: 60 });
    expect(await prisma.outboxEmail.count({ where: { to: email } })).toBe(before + 1);
    // The newest link works (each request replaces the one before).
    expect(await usableLinks(email)).toBe(1);
  });

  it("caps the links one inbox gets from many addresses; the newest link sent still works", async () => {
    const { email } = await member();
    const ceiling = LIMITS.resetPerAccount(email).max;
    for (let attempt = 0; attempt < ceiling; attempt++) await forgot({ email }, newIp());
    const thrown = await forgot({ email }, newIp()).catch((error: unknown) => error);
    expect((thrown as Response).status).toBe(429);
    expect(await prisma.outboxEmail.count({ where: { to: email } })).toBe(ceiling);
    expect(await usableLinks(email)).toBe(1);
  });
});

describe("reset password through the emailed link", () => {
  it("sets the new password, logs in with a fresh session, ends the old ones, and works only once", async () => {
    const { email, userId, token: oldSession } = await member();
    await forgot({ email });
    const { path, token } = await emailedResetPath(email);

    expect(answer(await resetLoader(routeArgs(path, { params: { token } })))).toEqual({ status: 200, body: { usable: true, constraint: expect.any(Object) } });

    const response = await resetAction(
      routeArgs(path, { params: { token }, form: { password: NEW_PASSWORD, confirmPassword: NEW_PASSWORD } }),
    );
    expect(response).toBeInstanceOf(Response);
    expect((response as Response).status).toBe(302);
    expect((response as Response).headers.get("Location")).toBe("/home");
    const cookie = (response as Response).headers.get("Set-Cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    const newSession = /cme_session=([a-z2-7]{32})/.exec(cookie)?.[1];
    expect((await validateSessionToken(newSession!))?.user.id).toBe(userId);
    expect(await validateSessionToken(oldSession)).toBeNull();

    expect((await logIn({ email, password: PASSWORD })).ok).toBe(false);
    expect((await logIn({ email, password: NEW_PASSWORD })).ok).toBe(true);

    // The link is spent: the page says so with a 410, and a second submit changes nothing.
    expect(answer(await resetLoader(routeArgs(path, { params: { token } })))).toEqual({ status: 410, body: { usable: false, constraint: expect.any(Object) } });
    const again = answer(
      await resetAction(
        routeArgs(path, { params: { token }, form: { password: "another fine password", confirmPassword: "another fine password" } }),
      ),
    );
    expect(again).toEqual({ status: 410, body: { expired: true } });
    expect((await logIn({ email, password: NEW_PASSWORD })).ok).toBe(true);
  });

  it("an unknown or expired link shows the expired page with 410, not an error", async () => {
    expect(answer(await resetLoader(routeArgs("/reset-password/nonsense", { params: { token: "nonsense" } })))).toEqual({
      status: 410,
      body: { usable: false, constraint: expect.any(Object) },
    });
  });

  it("shows field errors for a mismatch or a common password, never echoes passwords, and keeps the link usable", async () => {
    const { email } = await member();
    await forgot({ email });
    const { path, token } = await emailedResetPath(email);

    const mismatch = answer(
      await resetAction(routeArgs(path, { params: { token }, form: { password: NEW_PASSWORD, confirmPassword: "brisk harbour morning" } })),
    );
    expect(mismatch.body).toMatchObject({ error: { confirmPassword: ["The two passwords are not the same"] } });
    expect(JSON.stringify(mismatch.body)).not.toContain("brisk harbour");

    const common = answer(
      await resetAction(routeArgs(path, { params: { token }, form: { password: "Password123", confirmPassword: "Password123" } })),
    );
    expect(common.body).toMatchObject({ error: { password: [expect.stringMatching(/commonly used/)] } });
    expect(JSON.stringify(common.body)).not.toContain("Password123");

    expect(answer(await resetLoader(routeArgs(path, { params: { token } }))).body).toEqual({ usable: true, constraint: expect.any(Object) });
    expect((await logIn({ email, password: PASSWORD })).ok).toBe(true);
  });
});
