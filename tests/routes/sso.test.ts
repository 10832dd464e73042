/**
 * Single sign-on against a real OpenID Connect provider (oidc-provider on
 * 127.0.0.1, tests/setup/oidc-provider.ts): the routes are called with real
 * Requests, and the provider's own sign-in page is driven over HTTP.
 */
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forgetConfigurations } from "~/domain/sso/oidc.server";
import { createProvider } from "~/domain/sso/providers.server";
import { prisma } from "~/utils/db.server";
import { enforceRateLimits, LIMITS } from "~/utils/rate-limit.server";
import { hashPassword } from "~/utils/password.server";
import { slugify } from "~/utils/slug";
import { loader as startLoader } from "~/routes/accounts/sso.$slug.start";
import { loader as callbackLoader } from "~/routes/accounts/sso.$slug.callback";
import { action as linkAction, loader as linkLoader } from "~/routes/accounts/sso.link";
import { action as emailLinkAction } from "~/routes/accounts/sso.link_.$token";
import { action as loginAction, loader as loginLoader } from "~/routes/accounts/login";
import { action as accountAction, loader as accountLoader } from "~/routes/accounts/settings.account";
import { action as passwordAction, loader as passwordLoader } from "~/routes/accounts/settings.password";
import { action as adminAction, loader as adminLoader } from "~/routes/admin/admin.sso";
import { createAssociation } from "../fixtures/forum";
import { createTestMember, type TestMember } from "../fixtures/members";
import { routeArgs } from "../fixtures/route-args";
import { signInAtProvider, startOidcProvider, type TestProvider } from "../setup/oidc-provider";

const run = Math.random().toString(36).slice(2, 7);
const SECRET = "a-client-secret-for-tests";
let admin: TestMember;
let idp: TestProvider;
let slug: string;
let association: { id: string; slug: string };

const address = (name: string) => `${name}-${run}@example.org`;

/** What the browser does: follow the start link, and return the provider's URL and the state cookie. */
async function start(providerSlug: string, options: { cookie?: string; query?: string } = {}) {
  const response = (await startLoader(
    routeArgs(`/sso/${providerSlug}/start${options.query ?? ""}`, { params: { slug: providerSlug }, cookie: options.cookie ?? null, clientIp: `ip-${Math.random()}` }),
  )) as Response;
  expect(response.status).toBe(302);
  const attempt = /cme_sso=([a-z2-7]{32})/.exec(response.headers.get("Set-Cookie") ?? "")?.[1];
  return { location: response.headers.get("Location")!, attempt };
}

async function callback(providerSlug: string, url: URL, cookies: string[]) {
  return (await callbackLoader(
    routeArgs(url.pathname + url.search, { params: { slug: providerSlug }, cookie: cookies.filter(Boolean).join("; ") }),
  )) as Response;
}

function cookieValue(response: Response, name: string): string | null {
  for (const line of response.headers.getSetCookie()) {
    const match = new RegExp(`^${name}=([^;]*)`).exec(line);
    if (match) return match[1]!;
  }
  return null;
}

/** A whole sign-in as `login` at the provider; the callback's response. */
async function signIn(providerSlug: string, login: string, cookie?: string, query?: string) {
  const { location, attempt } = await start(providerSlug, { cookie, query });
  const back = await signInAtProvider(location, login);
  return callback(providerSlug, back, [`cme_sso=${attempt}`, cookie ?? ""]);
}

beforeAll(async () => {
  process.env.SSO_ENCRYPTION_KEY = randomBytes(32).toString("base64");
  process.env.SSO_ALLOW_HTTP_ISSUERS = "1";
  forgetConfigurations();
  admin = await createTestMember({ role: "ADMIN" });
  association = await createAssociation();
  const displayName = `Society ${run}`;
  slug = slugify(displayName, 40);
  idp = await startOidcProvider({
    clients: [{ clientId: "cme", clientSecret: SECRET, redirectUris: [`http://localhost/sso/${slug}/callback`] }],
    accounts: [
      { sub: "new-person", email: address("new"), email_verified: true, name: "Noor Newcomer" },
      { sub: "unverified", email: address("unverified"), email_verified: false, name: "Una Verified" },
    ],
  });
  const created = await createProvider(admin.actor, {
    displayName,
    issuerUrl: idp.issuer,
    clientId: "cme",
    clientSecret: SECRET,
    associationSlug: association.slug,
  });
  expect(created).toEqual({ ok: true, value: { slug } });
});

afterAll(async () => {
  await idp?.stop();
});

describe("single sign-on", () => {
  it("stores the client secret encrypted, never as given", async () => {
    const row = await prisma.ssoProvider.findUniqueOrThrow({ where: { slug }, select: { clientSecretEncrypted: true } });
    expect(row.clientSecretEncrypted).not.toContain(SECRET);
    expect(row.clientSecretEncrypted).toMatch(/^v1\./);
  });

  it("a first sign-in creates an account without a password, in the provider's association", async () => {
    const response = await signIn(slug, "new-person");
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/welcome");
    expect(cookieValue(response, "cme_session")).toMatch(/^[a-z2-7]{32}$/);
    const user = await prisma.user.findUniqueOrThrow({
      where: { email: address("new") },
      select: { id: true, passwordHash: true, emailConfirmedAt: true, profile: { select: { displayName: true, handle: true } } },
    });
    expect(user.passwordHash).toBeNull();
    expect(user.emailConfirmedAt).not.toBeNull();
    expect(user.profile?.displayName).toBe("Noor Newcomer");
    expect(user.profile?.handle).toMatch(/^noor-newcomer/);
    expect(await prisma.associationMembership.findUnique({ where: { associationId_userId: { associationId: association.id, userId: user.id } } })).toMatchObject({ role: "MEMBER" });

    // Signing in again uses the same account.
    const again = await signIn(slug, "new-person");
    expect(again.status).toBe(302);
    const session = await prisma.session.findMany({ where: { userId: user.id } });
    expect(session).toHaveLength(2);
    expect(await prisma.user.count({ where: { email: address("new") } })).toBe(1);

    // The password form cannot sign into an account that has none.
    const login = await loginAction(routeArgs("/login", { form: { email: address("new"), password: "anything at all here" }, clientIp: `ip-${run}-x` }));
    expect(login).not.toBeInstanceOf(Response);
  });

  it("refuses an address the provider has not verified, and says why on the login page", async () => {
    const response = await signIn(slug, "unverified");
    expect(response.headers.get("Location")).toBe(`/login?sso=unverified-email&provider=${slug}`);
    expect(cookieValue(response, "cme_session")).toBeNull();
    expect(await prisma.user.count({ where: { email: address("unverified") } })).toBe(0);
    const page = (await loginLoader(routeArgs(`/login?sso=unverified-email&provider=${slug}`))) as { ssoProblem: string };
    expect(page.ssoProblem).toContain(`Society ${run} did not confirm that your email address is yours`);
  });

  it("links an existing account only after its owner confirms with their password", async () => {
    const email = address("existing");
    const password = "a long enough password";
    const owner = await prisma.user.create({
      data: { email, passwordHash: await hashPassword(password), emailConfirmedAt: new Date(), onboardedAt: new Date(), profile: { create: { handle: `owner-${run}`, displayName: "Owner" } } },
      select: { id: true },
    });
    idp.accounts.set("existing", { sub: "existing", email, email_verified: true, name: "Owner" });
    const response = await signIn(slug, "existing");
    // No session yet: the provider's say-so is not enough.
    expect(response.headers.get("Location")).toBe("/sso/link");
    expect(cookieValue(response, "cme_session")).toBeNull();
    expect(await prisma.ssoIdentity.count({ where: { userId: owner.id } })).toBe(0);
    const pending = cookieValue(response, "cme_sso_link")!;
    const cookie = `cme_sso_link=${pending}`;

    const page = await linkLoader(routeArgs("/sso/link", { cookie }));
    expect(page).toMatchObject({ gone: false, email, hasPassword: true, providerName: `Society ${run}` });

    const wrong = await linkAction(routeArgs("/sso/link", { cookie, form: { intent: "password", password: "not the password" } }));
    expect(wrong).toMatchObject({ error: { password: ["That is not the password of this account."] } });
    expect(await prisma.ssoIdentity.count({ where: { userId: owner.id } })).toBe(0);

    const right = (await linkAction(routeArgs("/sso/link", { cookie, form: { intent: "password", password } }))) as Response;
    expect(right.status).toBe(302);
    expect(cookieValue(right, "cme_session")).toMatch(/^[a-z2-7]{32}$/);
    expect(await prisma.ssoIdentity.count({ where: { userId: owner.id } })).toBe(1);
    expect(await prisma.associationMembership.count({ where: { associationId: association.id, userId: owner.id } })).toBe(1);

    // From now on the provider signs straight in.
    const next = await signIn(slug, "existing");
    expect(next.headers.get("Location")).toBe("/home");
    expect(cookieValue(next, "cme_session")).toMatch(/^[a-z2-7]{32}$/);
  });

  it("or with an emailed link, opened in the browser that signed in", async () => {
    const email = address("mailed");
    const owner = await prisma.user.create({
      data: { email, passwordHash: null, emailConfirmedAt: new Date(), onboardedAt: new Date(), profile: { create: { handle: `mailed-${run}`, displayName: "Mailed" } } },
      select: { id: true },
    });
    idp.accounts.set("mailed", { sub: "mailed", email, email_verified: true });
    const response = await signIn(slug, "mailed");
    const cookie = `cme_sso_link=${cookieValue(response, "cme_sso_link")}`;
    expect(await linkAction(routeArgs("/sso/link", { cookie, form: { intent: "email" } }))).toEqual({ sent: true });
    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: email }, select: { text: true } });
    const token = /\/sso\/link\/([a-z2-7]{32})/.exec(mail.text)![1]!;

    const elsewhere = await emailLinkAction(routeArgs(`/sso/link/${token}`, { method: "POST", params: { token } }));
    expect((elsewhere as unknown as { init: { status: number } }).init.status).toBe(403);
    expect(await prisma.ssoIdentity.count({ where: { userId: owner.id } })).toBe(0);

    const here = (await emailLinkAction(routeArgs(`/sso/link/${token}`, { method: "POST", params: { token }, cookie }))) as Response;
    expect(here.status).toBe(302);
    expect(cookieValue(here, "cme_session")).toMatch(/^[a-z2-7]{32}$/);
    expect(await prisma.ssoIdentity.count({ where: { userId: owner.id } })).toBe(1);
  });

  it("never takes the password of an unconfirmed account with the address: only the emailed link connects it, and ends that password", async () => {
    const email = address("squatted");
    const password = "someone else chose this";
    const squatted = await prisma.user.create({
      data: { email, passwordHash: await hashPassword(password), emailConfirmedAt: null, profile: { create: { handle: `squatted-${run}`, displayName: "Squatter" } } },
      select: { id: true },
    });
    const squatterSession = await prisma.session.create({ data: { id: `s-${run}`, userId: squatted.id, expiresAt: new Date(Date.now() + 3600_000) }, select: { id: true } });
    idp.accounts.set("owner-of-address", { sub: "owner-of-address", email, email_verified: true });
    const response = await signIn(slug, "owner-of-address");
    const cookie = `cme_sso_link=${cookieValue(response, "cme_sso_link")}`;
    expect(await linkLoader(routeArgs("/sso/link", { cookie }))).toMatchObject({ hasPassword: false });
    const byPassword = await linkAction(routeArgs("/sso/link", { cookie, form: { intent: "password", password } }));
    expect(byPassword).toMatchObject({ error: { password: ["That is not the password of this account."] } });
    await linkAction(routeArgs("/sso/link", { cookie, form: { intent: "email" } }));
    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: email }, select: { text: true } });
    const token = /\/sso\/link\/([a-z2-7]{32})/.exec(mail.text)![1]!;
    const linked = (await emailLinkAction(routeArgs(`/sso/link/${token}`, { method: "POST", params: { token }, cookie }))) as Response;
    expect(linked.status).toBe(302);
    const after = await prisma.user.findUniqueOrThrow({ where: { id: squatted.id }, select: { passwordHash: true, emailConfirmedAt: true } });
    expect(after.passwordHash).toBeNull();
    expect(after.emailConfirmedAt).not.toBeNull();
    expect(await prisma.session.count({ where: { id: squatterSession.id } })).toBe(0);
  });

  it("lets an office that used up its password logins still sign in with its provider, within a budget of its own", async () => {
    const office = `198.51.100.${run.length}-${run}`;
    for (let i = 0; i < 30; i++) await enforceRateLimits([LIMITS.loginPerIp(office)]);
    await expect(enforceRateLimits([LIMITS.loginPerIp(office)])).rejects.toMatchObject({ status: 429 });
    const first = (await startLoader(routeArgs(`/sso/${slug}/start`, { params: { slug }, clientIp: office }))) as Response;
    expect(first.status).toBe(302);
    for (let i = 1; i < 120; i++) await startLoader(routeArgs(`/sso/${slug}/start`, { params: { slug }, clientIp: office }));
    // The 121st start in the window is refused.
    await expect(startLoader(routeArgs(`/sso/${slug}/start`, { params: { slug }, clientIp: office }))).rejects.toMatchObject({ status: 429 });
  });

  it("refuses a callback whose state was tampered with", async () => {
    const { location, attempt } = await start(slug);
    const back = await signInAtProvider(location, "new-person");
    back.searchParams.set("state", "tampered-state-value");
    const response = await callback(slug, back, [`cme_sso=${attempt}`]);
    expect(response.headers.get("Location")).toBe(`/login?sso=unverified-response&provider=${slug}`);
    expect(cookieValue(response, "cme_session")).toBeNull();
  });

  it("refuses a callback without the browser's state cookie, and a replayed one", async () => {
    const { location, attempt } = await start(slug);
    const back = await signInAtProvider(location, "new-person");
    const without = await callback(slug, back, []);
    expect(without.headers.get("Location")).toBe(`/login?sso=no-attempt&provider=${slug}`);
    const first = await callback(slug, back, [`cme_sso=${attempt}`]);
    expect(cookieValue(first, "cme_session")).toMatch(/^[a-z2-7]{32}$/);
    const replay = await callback(slug, back, [`cme_sso=${attempt}`]);
    expect(replay.headers.get("Location")).toBe(`/login?sso=no-attempt&provider=${slug}`);
  });

  it("refuses an expired authorization code", async () => {
    const shortSlug = `short-${run}`;
    const short = await startOidcProvider({
      clients: [{ clientId: "cme", clientSecret: SECRET, redirectUris: [`http://localhost/sso/${shortSlug}/callback`] }],
      accounts: [{ sub: "new-person", email: address("new"), email_verified: true }],
      codeTtlSeconds: 1,
    });
    try {
      expect(await createProvider(admin.actor, { displayName: `Short ${run}`, issuerUrl: short.issuer, clientId: "cme", clientSecret: SECRET })).toMatchObject({ ok: true });
      const { location, attempt } = await start(shortSlug);
      const back = await signInAtProvider(location, "new-person");
      await new Promise((resolve) => setTimeout(resolve, 2_100));
      const response = await callback(shortSlug, back, [`cme_sso=${attempt}`]);
      expect(response.headers.get("Location")).toBe(`/login?sso=expired-code&provider=${shortSlug}`);
      expect(cookieValue(response, "cme_session")).toBeNull();
    } finally {
      await short.stop();
    }
  });

  it("says so when the provider is down, and password login still works", async () => {
    const downSlug = `down-${run}`;
    const down = await startOidcProvider({
      clients: [{ clientId: "cme", clientSecret: SECRET, redirectUris: [`http://localhost/sso/${downSlug}/callback`] }],
      accounts: [{ sub: "new-person", email: address("new"), email_verified: true }],
    });
    expect(await createProvider(admin.actor, { displayName: `Down ${run}`, issuerUrl: down.issuer, clientId: "cme", clientSecret: SECRET })).toMatchObject({ ok: true });
    // Down between the provider's sign-in page and the code exchange.
    const { location, attempt } = await start(downSlug);
    const back = await signInAtProvider(location, "new-person");
    await down.stop();
    const late = await callback(downSlug, back, [`cme_sso=${attempt}`]);
    expect(late.headers.get("Location")).toBe(`/login?sso=provider-down&provider=${downSlug}`);

    // Down before the start (after a restart: nothing discovered yet).
    forgetConfigurations();
    const response = (await startLoader(routeArgs(`/sso/${downSlug}/start`, { params: { slug: downSlug } }))) as Response;
    expect(response.headers.get("Location")).toBe(`/login?sso=provider-down&provider=${downSlug}`);
    const page = (await loginLoader(routeArgs(`/login?sso=provider-down&provider=${downSlug}`))) as { ssoProblem: string };
    expect(page.ssoProblem).toContain(`Down ${run} is not answering right now`);

    const member = await createTestMember();
    const password = "another long password";
    await prisma.user.update({ where: { id: member.userId }, data: { passwordHash: await hashPassword(password) } });
    const login = (await loginAction(routeArgs("/login", { form: { email: member.email, password }, clientIp: `ip-${run}-down` }))) as Response;
    expect(login.status).toBe(302);
    expect(cookieValue(login, "cme_session")).toMatch(/^[a-z2-7]{32}$/);
  });
});

describe("settings for a member who signs in with a provider", () => {
  let cookie: string;
  let userId: string;

  beforeAll(async () => {
    idp.accounts.set("solo", { sub: "solo", email: address("solo"), email_verified: true, name: "Solo Person" });
    idp.accounts.set("stranger", { sub: "stranger", email: address("stranger"), email_verified: true });
    const response = await signIn(slug, "solo");
    cookie = `cme_session=${cookieValue(response, "cme_session")}`;
    userId = (await prisma.user.findUniqueOrThrow({ where: { email: address("solo") }, select: { id: true } })).id;
  });

  it("lists the provider and refuses to remove the last way to sign in", async () => {
    const page = (await accountLoader(routeArgs("/settings/account", { cookie }))) as { signIn: { hasPassword: boolean; identities: { id: string; removable: boolean; providerName: string }[] } };
    expect(page.signIn.hasPassword).toBe(false);
    expect(page.signIn.identities).toMatchObject([{ providerName: `Society ${run}`, removable: false }]);
    const refused = await accountAction(
      routeArgs("/settings/account", { cookie, form: { intent: "remove-provider", identityId: page.signIn.identities[0]!.id } }),
    );
    expect((refused as unknown as { init: { status: number } }).init.status).toBe(409);
    expect(await prisma.ssoIdentity.count({ where: { userId } })).toBe(1);
  });

  it("offers a password by an emailed link", async () => {
    expect(await passwordLoader(routeArgs("/settings/password", { cookie }))).toMatchObject({ hasPassword: false });
    const sent = (await passwordAction(routeArgs("/settings/password", { cookie, form: { intent: "send-link" } }))) as Response;
    expect(sent.status).toBe(302);
    const mail = await prisma.outboxEmail.findFirstOrThrow({ where: { to: address("solo") }, select: { text: true } });
    expect(mail.text).toMatch(/\/reset-password\/[a-z2-7]{32}/);
  });

  it("deletes the account only after signing in with the provider again", async () => {
    const refused = await accountAction(routeArgs("/settings/account", { cookie, form: { confirm: "on" } }));
    expect((refused as unknown as { init: { status: number } }).init.status).toBe(403);
    expect(await prisma.user.count({ where: { id: userId } })).toBe(1);

    // Someone else's account at the provider does not confirm anything.
    const stranger = await signIn(slug, "stranger", cookie, "?purpose=reauth&redirectTo=%2Fsettings%2Faccount");
    expect(stranger.headers.get("Location")).toBe(`/settings/account?sso=not-linked&provider=${slug}`);

    const confirmed = await signIn(slug, "solo", cookie, "?purpose=reauth&redirectTo=%2Fsettings%2Faccount");
    expect(confirmed.headers.get("Location")).toBe("/settings/account");
    const deleted = (await accountAction(routeArgs("/settings/account", { cookie, form: { confirm: "on" } }))) as Response;
    expect(deleted.status).toBe(302);
    expect(await prisma.user.count({ where: { id: userId } })).toBe(0);
    expect(await prisma.ssoIdentity.count({ where: { userId } })).toBe(0);
  });
});

describe("the admin page", () => {
  it("refuses an issuer that is not HTTPS and an unknown association, keeping what was typed", async () => {
    const form = { intent: "add", displayName: "Plain", issuerUrl: "http://idp.example.org", clientId: "c", clientSecret: "s", associationSlug: "" };
    const plain = (await adminAction(routeArgs("/admin/sso", { cookie: admin.cookie, form }))) as unknown as { data: { reply: { error: Record<string, string[]>; initialValue: Record<string, string> } }; init: { status: number } };
    expect(plain.init.status).toBe(400);
    expect(plain.data.reply.error.issuerUrl).toEqual(["The issuer URL must start with https://"]);
    expect(plain.data.reply.initialValue.displayName).toBe("Plain");
    expect(plain.data.reply.initialValue.clientSecret).toBeUndefined();
    const unknown = (await adminAction(routeArgs("/admin/sso", { cookie: admin.cookie, form: { ...form, issuerUrl: idp.issuer, associationSlug: "no-such-association" } }))) as unknown as { data: { reply: { error: Record<string, string[]> } } };
    expect(unknown.data.reply.error.associationSlug).toEqual(["There is no association with that address."]);
    expect(await prisma.ssoProvider.count({ where: { displayName: "Plain" } })).toBe(0);
  });

  it("is for administrators only", async () => {
    const member = await createTestMember();
    await expect(adminLoader(routeArgs("/admin/sso", { cookie: member.cookie }))).rejects.toMatchObject({ status: 403 });
  });

  it("says single sign-on is off without the encryption key, and the login page shows no provider", async () => {
    const key = process.env.SSO_ENCRYPTION_KEY;
    delete process.env.SSO_ENCRYPTION_KEY;
    try {
      expect(await adminLoader(routeArgs("/admin/sso", { cookie: admin.cookie }))).toMatchObject({ keyState: "unset" });
      expect(await loginLoader(routeArgs("/login"))).toMatchObject({ providers: [] });
    } finally {
      process.env.SSO_ENCRYPTION_KEY = key;
    }
  });
});
