import { describe, expect, it } from "vitest";
import { prisma } from "~/utils/db.server";
import { hashToken } from "~/utils/session.server";
import { routeArgs } from "../../tests/fixtures/route-args";
import { action as loginAction } from "./login";
import { action as logoutAction } from "./logout";
import { action as signupAction } from "./signup";

const email = () => `${crypto.randomUUID()}@example.org`;
const PASSWORD = "quiet orchard morning";

function sessionTokenFrom(response: Response): string {
  const cookie = response.headers.get("Set-Cookie") ?? "";
  const token = /cme_session=([a-z2-7]+)/.exec(cookie)?.[1];
  expect(token, "a session cookie").toBeTruthy();
  return token!;
}

async function signUpThroughRoute(address: string, ip = "198.51.100.1") {
  const response = await signupAction(
    routeArgs("/signup", { form: { displayName: "Route Tester", email: address, password: PASSWORD }, clientIp: ip }),
  );
  return response as Response;
}

describe("sign-up, login and logout routes", () => {
  it("sign-up starts a session in an HttpOnly, SameSite=Lax cookie and stores only the token's hash", async () => {
    const response = await signUpThroughRoute(email());
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/welcome");
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
    await signUpThroughRoute(address);
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

  it("rate limits login attempts per account with a 429 and Retry-After", async () => {
    const address = email();
    let thrown: unknown;
    for (let attempt = 0; attempt < 12 && !thrown; attempt++) {
      thrown = await loginAction(
        routeArgs("/login", { form: { email: address, password: "not the password" }, clientIp: `203.0.113.${attempt}` }),
      ).then(
        () => undefined,
        (error: unknown) => error,
      );
    }
    expect(thrown).toBeInstanceOf(Response);
    expect((thrown as Response).status).toBe(429);
    expect(Number((thrown as Response).headers.get("Retry-After"))).toBeGreaterThan(0);
  });

  it("answers a wrong password and an unknown email with the same message", async () => {
    const address = email();
    await signUpThroughRoute(address);
    const wrong = (await loginAction(routeArgs("/login", { form: { email: address, password: "wrong wrong wrong" } }))) as {
      error?: Record<string, string[]>;
    };
    const unknown = (await loginAction(routeArgs("/login", { form: { email: email(), password: "wrong wrong wrong" } }))) as {
      error?: Record<string, string[]>;
    };
    expect(wrong.error).toEqual(unknown.error);
  });
});
