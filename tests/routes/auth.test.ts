import { describe, expect, it } from "vitest";
import { runAfterResponse } from "~/utils/after-response.server";
import { prisma } from "~/utils/db.server";
import { hitRateLimits, LIMITS } from "~/utils/rate-limit.server";
import { hashToken } from "~/utils/session.server";
import { signUpConfirmed } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { action as loginAction } from "~/routes/accounts/login";
import { action as logoutAction } from "~/routes/accounts/logout";
import { action as signupAction } from "~/routes/accounts/signup";

const email = () => `${crypto.randomUUID()}@example.org`;
const PASSWORD = "quiet orchard morning";

function sessionTokenFrom(response: Response): string {
  const cookie = response.headers.get("Set-Cookie") ?? "";
  const token = /cme_session=([a-z2-7]+)/.exec(cookie)?.[1];
  expect(token, "a session cookie").toBeTruthy();
  return token!;
}

/** A confirmed member, as after following the sign-up link. */
async function member(address: string) {
  const result = await signUpConfirmed({ email: address, password: PASSWORD, displayName: "Route Tester" });
  if (!result.ok) throw new Error("sign-up failed");
  return result.value;
}

describe("sign-up, login and logout routes", () => {
  it("sign-up starts no session: it answers \"check your email\"", async () => {
    const address = email();
    const args = routeArgs("/signup", { form: { displayName: "Route Tester", email: address, password: PASSWORD } });
    const result = await signupAction(args);
    expect(result).toEqual({ sentTo: address, linkHours: 24 });
    await runAfterResponse(args.context);
    const user = await prisma.user.findUniqueOrThrow({ where: { email: address }, select: { id: true, emailConfirmedAt: true } });
    expect(user.emailConfirmedAt).toBeNull();
    expect(await prisma.session.count({ where: { userId: user.id } })).toBe(0);
  });

  it("logging in makes a session in an HttpOnly, SameSite=Lax cookie and stores only the token's hash", async () => {
    const address = email();
    await member(address);
    const response = (await loginAction(routeArgs("/login", { form: { email: address, password: PASSWORD } }))) as Response;
    expect(response.status).toBe(302);
    const cookie = response.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    const token = sessionTokenFrom(response);
    expect(await prisma.session.count({ where: { id: token } })).toBe(0);
    expect(await prisma.session.count({ where: { id: hashToken(token) } })).toBe(1);
  });

  it("a filled honeypot creates no account", async () => {
    const address = email();
    const result = await signupAction(
      routeArgs("/signup", {
        form: { displayName: "Bot", email: address, password: PASSWORD, website: "http://spam.example" },
      }),
    );
    expect(result).not.toBeInstanceOf(Response);
    expect(await prisma.user.count({ where: { email: address } })).toBe(0);
  });

  it("keeps what was typed (but never the password) when sign-up fails", async () => {
    const result = (await signupAction(
      routeArgs("/signup", { form: { displayName: "Kept Name", email: "kept@example.org", password: "short" } }),
    )) as { initialValue?: Record<string, unknown>; error?: Record<string, string[]> };
    expect(result.error?.password).toEqual(["Use at least 10 characters"]);
    expect(result.initialValue?.displayName).toBe("Kept Name");
    expect(result.initialValue?.password).toBeUndefined();
  });

  it("every login makes a new session, and logout deletes its row", async () => {
    const address = email();
    await member(address);
    const login = (ip: string) =>
      loginAction(routeArgs("/login", { form: { email: address, password: PASSWORD }, clientIp: ip })) as Promise<Response>;
    const first = sessionTokenFrom(await login("198.51.100.2"));
    const second = sessionTokenFrom(await login("198.51.100.2"));
    expect(first).not.toBe(second);

    const out = (await logoutAction(routeArgs("/logout", { method: "POST", cookie: `cme_session=${first}` }))) as Response;
    expect(out.headers.get("Set-Cookie")).toMatch(/cme_session=;.*Max-Age=0/);
    expect(await prisma.session.count({ where: { id: hashToken(first) } })).toBe(0);
    expect(await prisma.session.count({ where: { id: hashToken(second) } })).toBe(1);
  });

  it("answers a wrong password and an unknown email with the same message", async () => {
    const address = email();
    await member(address);
    const wrong = (await loginAction(routeArgs("/login", { form: { email: address, password: "wrong wrong wrong" } }))) as {
      error?: Record<string, string[]>;
    };
    const unknown = (await loginAction(routeArgs("/login", { form: { email: email(), password: "wrong wrong wrong" } }))) as {
      error?: Record<string, string[]>;
    };
    expect(wrong.error).toEqual(unknown.error);
  });
});

describe("login limits", () => {
  const ip = () => `test-${crypto.randomUUID()}`;
  /** A login attempt: "in" (a session), "wrong" (the form error), or the status of the response thrown (429). */
  async function attempt(address: string, password: string, clientIp: string) {
    try {
      const result = await loginAction(routeArgs("/login", { form: { email: address, password }, clientIp }));
      return result instanceof Response && result.headers.get("Set-Cookie") ? "in" : "wrong";
    } catch (error) {
      if (!(error instanceof Response)) throw error;
      return error;
    }
  }

  it("an attacker's eight wrong passwords from one address slow that address, not the owner logging in from another", async () => {
    const address = email();
    await member(address);
    const attacker = ip();
    for (let i = 0; i < 8; i++) expect(await attempt(address, "not the password", attacker)).toBe("wrong");
    const refused = await attempt(address, "not the password", attacker);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(429);
    const retryAfter = Number((refused as Response).headers.get("Retry-After"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(await (refused as Response).json()).toEqual({ retryAfter });
    // Even the right password waits, from the attacker's address…
    expect(await attempt(address, PASSWORD, attacker)).toBeInstanceOf(Response);
    // …but the owner, elsewhere, gets in.
    expect(await attempt(address, PASSWORD, ip())).toBe("in");
  });

  it("a successful login is not counted as a failure", async () => {
    const address = email();
    await member(address);
    const from = ip();
    for (let i = 0; i < 7; i++) expect(await attempt(address, "not the password", from)).toBe("wrong");
    expect(await attempt(address, PASSWORD, from)).toBe("in");
    // Still one failure left (8 in all), then the address waits.
    expect(await attempt(address, "not the password", from)).toBe("wrong");
    expect(((await attempt(address, "not the password", from)) as Response).status).toBe(429);
  });

  it("a ceiling on failures per account, from any address, stops guessing spread over many addresses", async () => {
    const address = email();
    await member(address);
    const ceiling = LIMITS.loginFailuresPerAccount(address);
    expect(ceiling.windowSeconds).toBeGreaterThanOrEqual(LIMITS.loginFailuresPerAccountAndIp(address, "x").windowSeconds);
    // As if many addresses had each failed a few times.
    for (let i = 0; i < ceiling.max - 1; i++) await hitRateLimits([ceiling]);
    expect(await attempt(address, "not the password", ip())).toBe("wrong");
    expect(((await attempt(address, "not the password", ip())) as Response).status).toBe(429);
  });
});

